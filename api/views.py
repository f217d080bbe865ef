"""The API's endpoints, thin as the pages' views: fetch with the app's own rights helper,
validate the input's shape, call the same service as the page, answer JSON.

And the person's API-token pages (make, show once, revoke), part of their account page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers as s
from api import services as token_services
from api.forms import TokenForm
from api.language import activate_requested_language
from api.models import ApiToken
from audits import permissions as audit_rights
from audits.corrective import permissions as action_rights
from audits.models import Audit, CorrectiveAction
from documents import permissions as document_rights
from documents import services as documents
from documents.models import Document, Revision, SignOff
from documents.register import query as register
from documents.register.forms import RegisterFilterForm
from objectives import permissions as objective_rights
from objectives import services as objectives
from objectives.models import Indicator, Measurement, Objective
from surveys import permissions as survey_rights
from surveys import services as surveys
from surveys.models import Campaign, CampaignResult
from surveys.results import report

TOKEN_SHOWN = "api_token_shown"


class Refused(exceptions.APIException):
    """A rule of the service refused the request (the page shows the same message)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = gettext_lazy("The request was refused.")
    default_code = "refused"


class InCallersLanguage:
    """Answers, errors included, in the language the caller asked for."""

    def initial(self, request, *args, **kwargs):
        activate_requested_language(request)
        super().initial(request, *args, **kwargs)


# --- documents ------------------------------------------------------------------


REGISTER_FILTERS = [
    OpenApiParameter("q", str, description="Words in the code, title or text (any accents)."),
    OpenApiParameter("kind", str, enum=Document.Kind.values),
    OpenApiParameter("department", str, description="Department code."),
    OpenApiParameter("status", str, enum=[key for key, _label in register.Status.choices]),
    OpenApiParameter("clause", int, description="Clause id."),
]


class RegisterView(InCallersLanguage, generics.ListAPIView):
    """The document register with the register page's filters and search."""

    serializer_class = s.RegisterRowSerializer

    def get_queryset(self):
        if not self.request.user.has_perm("documents.view_document"):
            raise PermissionDenied
        params = self.request.query_params
        form = RegisterFilterForm(params)
        if any(params.get(name) for name in form.fields) and not form.is_valid():
            raise exceptions.ValidationError(form.errors)
        filters = form.filters() if any(params.get(n) for n in form.fields) else None
        return register.register_rows(filters or register.RegisterFilters())

    @extend_schema(parameters=REGISTER_FILTERS)
    def get(self, request, *args, **kwargs):
        page = register.attach_work(self.paginate_queryset(self.get_queryset()))
        today = timezone.localdate()
        context = {
            **self.get_serializer_context(),
            "status": {d.pk: register.status_of(d, today=today) for d in page},
            "review_flags": {d.pk: register.review_flag(d, today=today) for d in page},
        }
        data = s.RegisterRowSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)


class DocumentView(InCallersLanguage, APIView):
    """A document and the editions the caller may read (drafts only with the right)."""

    @extend_schema(responses=s.DocumentSerializer)
    def get(self, request, code: str):
        document = get_object_or_404(
            Document.objects.select_related("department", "current"), code=code
        )
        editions = document.revisions.select_related("document").order_by("-number")
        if not document_rights.can(request.user, document_rights.READ_DRAFTS, document):
            editions = editions.exclude(state__in=Revision.WORK_IN_PROGRESS)
        context = {"request": request, "editions": list(editions)}
        return Response(s.DocumentSerializer(document, context=context).data)


class EditionView(InCallersLanguage, APIView):
    """One edition: its content, state, sign-offs and a link to its PDF."""

    @extend_schema(responses=s.EditionSerializer)
    def get(self, request, code: str, number: int):
        revision = document_rights.readable_revision_or_403(request.user, code, number)
        revision = (
            Revision.objects.select_related("document")
            .prefetch_related(
                "steps",
                "records",
                Prefetch("signoffs", queryset=SignOff.objects.order_by("signed_at")),
            )
            .get(pk=revision.pk)
        )
        return Response(s.EditionSerializer(revision, context={"request": request}).data)


class AcknowledgementView(InCallersLanguage, APIView):
    """Acknowledge an effective edition (read and understood), as on its page."""

    @extend_schema(request=None, responses={201: s.AcknowledgementSerializer})
    def post(self, request, code: str, number: int):
        revision = document_rights.readable_revision_or_403(request.user, code, number)
        if not document_rights.can_acknowledge(request.user, revision):
            raise PermissionDenied
        try:
            ack = documents.acknowledge(revision=revision, actor=request.user)
        except documents.LifecycleError as error:
            raise Refused(str(error)) from None
        data = {"document": code, "edition": number, "acknowledged_at": ack.acknowledged_at}
        return Response(s.AcknowledgementSerializer(data).data, status=status.HTTP_201_CREATED)


class ChangeRequestsView(InCallersLanguage, APIView):
    """A document's change requests (the owner's head, the secretariat and those who
    read its drafts see all; others their own) and proposing one."""

    @extend_schema(responses=s.ChangeRequestSerializer(many=True))
    def get(self, request, code: str):
        document = get_object_or_404(Document, code=code)
        requests = document.change_requests.select_related(
            "document", "proposed_by", "decided_by"
        ).order_by("-created_at")
        user = request.user
        if not (
            document_rights.can_decide(user, document)
            or document_rights.can(user, document_rights.READ_DRAFTS, document)
        ):
            requests = requests.filter(proposed_by=user)
        return Response(s.ChangeRequestSerializer(requests, many=True).data)

    @extend_schema(request=s.ChangeRequestInput, responses={201: s.ChangeRequestSerializer})
    def post(self, request, code: str):
        document = get_object_or_404(Document, code=code)
        if not document_rights.can_propose_change(request.user, document):
            raise PermissionDenied
        data = s.ChangeRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            change = documents.propose_change(
                document=document, actor=request.user, reason=data.validated_data["reason"]
            )
        except documents.LifecycleError as error:
            raise Refused(str(error)) from None
        return Response(s.ChangeRequestSerializer(change).data, status=status.HTTP_201_CREATED)


# --- objectives -----------------------------------------------------------------


def _objectives_reader(user) -> None:
    objective_rights.require_viewer(user)


class ObjectivesView(InCallersLanguage, generics.ListAPIView):
    """Quality objectives, newest school year first."""

    serializer_class = s.ObjectiveSerializer

    def get_queryset(self):
        _objectives_reader(self.request.user)
        return Objective.objects.select_related("school_year", "department", "owner").order_by(
            "-school_year__start_date", "level", "order", "pk"
        )


class ObjectiveView(InCallersLanguage, generics.RetrieveAPIView):
    """An objective with its indicators."""

    serializer_class = s.ObjectiveDetailSerializer

    def get_queryset(self):
        _objectives_reader(self.request.user)
        return Objective.objects.select_related(
            "school_year", "department", "owner"
        ).prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.select_related("owner"))
        )


class IndicatorView(InCallersLanguage, generics.RetrieveAPIView):
    """An indicator with its measurements."""

    serializer_class = s.IndicatorDetailSerializer

    def get_queryset(self):
        _objectives_reader(self.request.user)
        return Indicator.objects.select_related("owner").prefetch_related(
            Prefetch(
                "measurements",
                queryset=Measurement.objects.select_related("entered_by").order_by("period_start"),
            )
        )


class MeasurementsView(InCallersLanguage, APIView):
    """An indicator's measurements; entering one (its owner, the owner's head, the
    secretariat: the same rule and service as the page)."""

    @extend_schema(responses=s.MeasurementSerializer(many=True))
    def get(self, request, pk: int):
        _objectives_reader(request.user)
        indicator = get_object_or_404(Indicator, pk=pk)
        rows = indicator.measurements.select_related("entered_by").order_by("period_start")
        return Response(s.MeasurementSerializer(rows, many=True).data)

    @extend_schema(request=s.MeasurementInput, responses={201: s.MeasurementSerializer})
    def post(self, request, pk: int):
        indicator = objective_rights.get_rw_indicator_for_user(request.user, pk)
        data = s.MeasurementInput(data=request.data)
        data.is_valid(raise_exception=True)
        measurement = objectives.record_measurement(
            indicator=indicator,
            period_start=data.validated_data["period_start"],
            value=data.validated_data["value"],
            comment=data.validated_data["comment"],
            actor=request.user,
        )
        return Response(s.MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)


# --- audits ---------------------------------------------------------------------


class AuditsView(InCallersLanguage, generics.ListAPIView):
    """The audits the caller may read (as the audits pages: all for the secretariat,
    leadership and auditors; else those of their department or on their team)."""

    serializer_class = s.AuditSerializer

    def get_queryset(self):
        return (
            Audit.objects.visible_to(self.request.user)
            .select_related("round__programme__school_year", "department", "lead_auditor")
            .order_by("-date", "-pk")
        )


class AuditView(InCallersLanguage, APIView):
    @extend_schema(responses=s.AuditSerializer)
    def get(self, request, pk: int):
        audit = audit_rights.get_audit_for_user(request.user, pk)
        return Response(s.AuditSerializer(audit).data)


class CorrectiveActionsView(InCallersLanguage, generics.ListAPIView):
    """The corrective actions the caller may read, as in the corrective-action log."""

    serializer_class = s.CorrectiveActionSerializer

    def get_queryset(self):
        return (
            CorrectiveAction.objects.visible_to(self.request.user)
            .select_related("department", "owner", "finding")
            .order_by("-raised_on", "-pk")
        )


class CorrectiveActionView(InCallersLanguage, APIView):
    @extend_schema(responses=s.CorrectiveActionSerializer)
    def get(self, request, pk: int):
        action = action_rights.get_action_for_user(request.user, pk)
        action = CorrectiveAction.objects.select_related("department", "owner", "finding").get(
            pk=action.pk
        )
        return Response(s.CorrectiveActionSerializer(action).data)


# --- surveys --------------------------------------------------------------------


def _results_reader(user) -> None:
    if not survey_rights.can_read_results(user):
        raise PermissionDenied


class CampaignsView(InCallersLanguage, generics.ListAPIView):
    """Survey campaigns, newest first (for those who read survey results)."""

    serializer_class = s.CampaignSerializer

    def get_queryset(self):
        _results_reader(self.request.user)
        return Campaign.objects.select_related("survey", "school_year", "department").order_by(
            "-opens_on", "-pk"
        )


class CampaignResultsView(InCallersLanguage, APIView):
    """A campaign's satisfaction results as last computed (refreshed when stale, as the
    results page does): overall, per dimension and per question, with the change
    from the previous campaign."""

    @extend_schema(responses=s.CampaignResultSerializer)
    def get(self, request, pk: int):
        _results_reader(request.user)
        campaign = get_object_or_404(
            Campaign.objects.select_related("survey", "school_year", "department"), pk=pk
        )
        surveys.request_results(campaign)
        result = CampaignResult.objects.filter(campaign=campaign).first()
        previous = campaign.previous()
        previous_result = (
            CampaignResult.objects.filter(campaign=previous).first() if previous else None
        )
        figures = report(
            campaign,
            result.figures if result else {},
            previous_result.figures if previous_result else None,
        )
        data = {
            "campaign": campaign,
            "computed_at": result.computed_at if result else None,
            **{key: figures[key] for key in ("overall", "previous_overall", "change")},
            "dimensions": figures["dimensions"],
            "questions": figures["questions"],
        }
        return Response(s.CampaignResultSerializer(data).data)


# --- the person's tokens (account page) -----------------------------------------


@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name (what it is for)."))
        return redirect("security")
    _token, key = token_services.create_token(actor=request.user, name=form.cleaned_data["name"])
    request.session[TOKEN_SHOWN] = key
    return redirect("api:token_created")


def token_created(request):
    """The key just made, shown this once."""
    key = request.session.pop(TOKEN_SHOWN, None)
    if not key:
        return redirect("security")
    response = render(request, "api/token_created.html", {"key": key})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token_services.revoke_token(actor=request.user, token=token)
    messages.success(request, _("The token is revoked: calls with it are refused."))
    return redirect("security")
