"""Pages of the register of risks and opportunities. Thin: fetch with a rights helper
(403 when refused), bind the form, call one service, turn a rule into a form error,
redirect."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ims.permissions import department_of
from risks import permissions, register, services
from risks.errors import RiskRuleError
from risks.forms import AcceptForm, LinkForm, ReviewForm, RiskForm, ScaleForm
from risks.history import changes
from risks.models import Band, Risk, RiskAction, RiskScale


def risk_register(request):
    permissions.require_reader(request.user)
    scale = RiskScale.current()
    form, rows = register.filtered(request.user, request.GET, scale)
    if request.GET.get("export") == "xlsx":
        return register.export_xlsx(rows, scale)
    today = timezone.localdate()
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    labels = dict(Band.choices)
    for risk in page:
        risk.band = scale.band_of(risk.score)
        risk.band_label = labels.get(risk.band, "")
        risk.residual_band = scale.band_of(risk.residual_score)
        risk.residual_band_label = labels.get(risk.residual_band, "")
        risk.overdue = risk.review_is_overdue(today)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "risks/register.html",
        {
            "form": form,
            "page_obj": page,
            "total": page.paginator.count,
            "maps": register.heat_maps(rows, scale, request.GET, request.path),
            "legend": register.legend(scale),
            "query": query.urlencode(),
            "can_add": permissions.can_add_risk(request.user),
            "can_edit_scale": permissions.can_edit_scale(request.user),
        },
    )


def _risk_form(request, *, instance, scale):
    return RiskForm(
        request.POST or None,
        instance=instance,
        scale=scale,
        choose_department=instance.pk is None and permissions.can_manage_all(request.user),
        initial={"owner": request.user} if instance.pk is None else None,
    )


def risk_create(request):
    permissions.require_adder(request.user)
    scale = RiskScale.current()
    form = _risk_form(request, instance=Risk(), scale=scale)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        department = data.pop("department", None) or department_of(request.user)
        try:
            risk = services.create_risk(actor=request.user, department=department, data=data)
        except RiskRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(number)s added to the register.") % {"number": risk.number}
            )
            return redirect(risk)
    return render(
        request,
        "risks/form.html",
        {"form": form, "title": _("New risk or opportunity"), "risk": None},
    )


def risk_edit(request, pk):
    risk = permissions.get_rw_risk_for_user(request.user, pk)
    scale = RiskScale.current()
    form = _risk_form(request, instance=risk, scale=scale)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("department", None)
        try:
            services.update_risk(
                risk=risk, actor=request.user, data=data, version=data.pop("version") or 0
            )
        except RiskRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect(risk)
    return render(
        request,
        "risks/form.html",
        {"form": form, "title": _("Edit %(number)s") % {"number": risk.number}, "risk": risk},
    )


def _detail(request, risk, **forms):
    scale = RiskScale.current()
    user = request.user
    today = timezone.localdate()
    links = list(
        risk.actions.select_related(
            "plan_action__objective", "corrective_action", "change_request__document"
        )
    )
    for link in links:
        link.state, link.finished = link.status(today)
    acceptances = list(risk.acceptances.select_related("signed_by"))
    labels = dict(Band.choices)
    can_review = permissions.can_review_risk(user, risk)
    can_edit = permissions.can_edit_risk(user, risk)
    needs_acceptance = risk.needs_acceptance(acceptances[0] if acceptances else None)
    can_accept = needs_acceptance and permissions.can_accept_residual(user, risk)
    if can_review and "review_form" not in forms:
        forms["review_form"] = ReviewForm(
            scale=scale,
            initial={
                "likelihood": risk.likelihood,
                "impact": risk.impact,
                "residual_likelihood": risk.residual_likelihood,
                "residual_impact": risk.residual_impact,
            },
        )
    if can_edit and "link_form" not in forms:
        forms["link_form"] = LinkForm(risk=risk)
    if can_accept and "accept_form" not in forms:
        forms["accept_form"] = AcceptForm(user=user, request=request)
    return render(
        request,
        "risks/risk.html",
        {
            "risk": risk,
            "scale": scale,
            "band": scale.band_of(risk.score),
            "band_label": labels.get(scale.band_of(risk.score), ""),
            "residual_band": scale.band_of(risk.residual_score),
            "residual_band_label": labels.get(scale.band_of(risk.residual_score), ""),
            "likelihood_word": scale.likelihood_words()[risk.likelihood - 1],
            "impact_word": scale.impact_words()[risk.impact - 1],
            "overdue": risk.review_is_overdue(today),
            "links": links,
            "reviews": risk.reviews.select_related("reviewed_by"),
            "acceptances": acceptances,
            "needs_acceptance": needs_acceptance,
            "meaning": services.acceptance_meaning(risk) if can_accept else "",
            "history": changes(risk),
            "can_edit": can_edit,
            **forms,
        },
        status=400 if any(f.is_bound and f.errors for f in forms.values()) else 200,
    )


def risk_detail(request, pk):
    return _detail(request, permissions.get_risk_for_user(request.user, pk))


def _post(request, risk, form, slot, call, done):
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except RiskRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(risk)
    return _detail(request, risk, **{slot: form})


@require_POST
def risk_review(request, pk):
    risk = permissions.get_reviewable_risk_for_user(request.user, pk)
    form = ReviewForm(request.POST, scale=RiskScale.current())
    return _post(
        request,
        risk,
        form,
        "review_form",
        lambda d: services.review_risk(risk=risk, actor=request.user, **d),
        _("Review recorded."),
    )


@require_POST
def risk_link(request, pk):
    risk = permissions.get_rw_risk_for_user(request.user, pk)
    form = LinkForm(request.POST, risk=risk)
    return _post(
        request,
        risk,
        form,
        "link_form",
        lambda d: services.link_action(
            risk=risk, actor=request.user, target=d["target"], note=d["note"]
        ),
        _("Action linked."),
    )


@require_POST
def risk_unlink(request, pk, link_pk):
    risk = permissions.get_rw_risk_for_user(request.user, pk)
    link = RiskAction.objects.filter(risk=risk, pk=link_pk).first()
    if link is not None:
        services.unlink_action(link=link, actor=request.user)
        messages.success(request, _("Link removed."))
    return redirect(risk)


@require_POST
def risk_accept(request, pk):
    risk = permissions.get_acceptable_risk_for_user(request.user, pk)
    form = AcceptForm(request.POST, user=request.user, request=request)
    return _post(
        request,
        risk,
        form,
        "accept_form",
        lambda d: services.accept_residual(risk=risk, actor=request.user, auth_method=form.method),
        _("Residual risk accepted and signed."),
    )


def scale_edit(request):
    permissions.require_reader(request.user)
    scale = RiskScale.current()
    can_edit = permissions.can_edit_scale(request.user)
    if request.method == "POST" and not can_edit:
        permissions.require_scale_editor(request.user)
    form = ScaleForm(request.POST or None, instance=scale) if can_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_scale(actor=request.user, data=data, version=data["version"])
        except RiskRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Rating scale saved."))
            return redirect("risks:scale")
    return render(
        request,
        "risks/scale.html",
        {
            "scale": scale,
            "form": form,
            "legend": register.legend(scale),
            "history": changes(scale) if scale.pk else [],
        },
    )
