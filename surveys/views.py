from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ims.exports import csv_response, xlsx_response
from ims.models import SchoolYear, Unit
from ims.pdf import pdf_response
from ims.query import int_param
from surveys import answering, field, permissions, services
from surveys.forms import (
    CampaignForm,
    NamedTokensForm,
    QuestionForm,
    SectionForm,
    SurveyEditForm,
    SurveyForm,
    UnitTokensForm,
)
from surveys.models import Answer, Campaign, CampaignResult, Group, Question, Survey, Token
from surveys.results import pooled, report

# --- answering (public, no login) -------------------------------------------------


CSRF_PLACEHOLDER = "__ims_csrf_token__"


def _blank_public_page(request, form):
    """The empty answer page of a public link, rendered once per language and kept
    in the cache beside the compiled form; only the CSRF token is put in per request."""
    key = answering.page_key(form["public_key"], get_language())
    html = cache.get(key)
    if html is None:
        html = _render_answer_page(form, csrf_token=CSRF_PLACEHOLDER, path=request.path)
        cache.set(key, html, answering.FORM_TTL)
    # A school's poster links here with its unit (?unit=): chosen in advance, still changeable.
    unit = request.GET.get("unit", "")
    if (
        form["ask_unit"]
        and unit.isascii()
        and unit.isdigit()
        and int(unit) in {pk for pk, _name in form["units"]}
    ):
        html = html.replace(
            f'<option value="{int(unit)}">', f'<option value="{int(unit)}" selected>', 1
        )
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def _answer_page(request, form, *, values=None, errors=None, unit_error=None, status=200):
    """The answer page, rendered without context processors: it needs no query."""
    html = _render_answer_page(
        form,
        values=values,
        errors=errors,
        unit_error=unit_error,
        csrf_token=get_token(request),
        path=request.path,
    )
    return HttpResponse(html, status=status)


def _render_answer_page(form, *, csrf_token, path, values=None, errors=None, unit_error=None):
    values = values or {}
    errors = errors or {}
    sections = [
        {
            "title": s["title"],
            "questions": [
                {
                    **q,
                    "value": values.get(q["name"], [] if q["kind"] == "multiple" else ""),
                    "error": errors.get(q["name"]),
                }
                for q in s["questions"]
            ],
        }
        for s in form["sections"]
    ]
    # After a refused answer the page opens on the first question to look at: the browser
    # scrolls to and focuses the element marked autofocus (no script on this page).
    if unit_error:
        first_invalid = "unit"
    else:
        first_invalid = next(
            (q["name"] for s in sections for q in s["questions"] if q["error"]), ""
        )
    context = {
        "form": form,
        "sections": sections,
        "first_invalid": first_invalid,
        "errors": errors,
        "error_count": len(errors) + (1 if unit_error else 0),
        "unit_value": values.get("unit", ""),
        "unit_error": unit_error,
        "csrf_token": csrf_token,
        "path": path,
        "scale": SCALE,
    }
    return render_to_string("surveys/answer.html", context)


def _message_page(request, title, message, status=200):
    html = render_to_string(
        "surveys/answer_message.html",
        {
            "title": title,
            "message": message,
            "csrf_token": get_token(request),
            "path": request.path,
        },
    )
    return HttpResponse(html, status=status)


SCALE = [
    ("1", gettext_lazy("Very dissatisfied")),
    ("2", gettext_lazy("Dissatisfied")),
    ("3", gettext_lazy("Neutral")),
    ("4", gettext_lazy("Satisfied")),
    ("5", gettext_lazy("Very satisfied")),
]


def _not_open(request, form):
    if form["opens_on"] > timezone.localdate():
        message = _("This survey opens on %(day)s.") % {
            "day": form["opens_on"].strftime("%d/%m/%Y")
        }
    else:
        message = _("This survey is closed. Thank you for your interest.")
    return _message_page(request, form["title"], message, status=410)


def answer_public(request, key):
    form = answering.form_for_public_key(key)
    if form is None:
        raise Http404
    if not answering.is_open(form):
        return _not_open(request, form)
    if request.method != "POST":
        return _blank_public_page(request, form)
    # A field hidden from people: only robots fill it. They are thanked and ignored.
    if request.POST.get("website"):
        return HttpResponseRedirect(reverse("surveys:thanks"))
    answers, values, errors = answering.parse_answers(form, request.POST)
    unit_id, unit_error = answering.parse_unit(form, request.POST)
    values["unit"] = request.POST.get("unit", "")
    if errors or unit_error:
        return _answer_page(request, form, values=values, errors=errors, unit_error=unit_error)
    # Only answers that would be stored count: a person correcting a missed question
    # is not held back.
    if not answering.allow_address(answering.client_address(request)):
        return _message_page(
            request,
            form["title"],
            _("Too many answers from your network in a short time. Please try again later."),
            status=429,
        )
    if not answering.reserve_place(form):
        return _message_page(
            request,
            form["title"],
            _("This survey has received all the answers it needs. Thank you."),
            status=410,
        )
    try:
        services.submit_response(form=form, answers=answers, unit_id=unit_id)
    except Exception:
        answering.release_place(form)
        raise
    return HttpResponseRedirect(reverse("surveys:thanks"))


def answer_token(request, key):
    token = Token.objects.filter(key=key).values("pk", "campaign_id", "used_at", "unit_id").first()
    if token is None:
        raise Http404
    form = answering.form_for_campaign(token["campaign_id"])
    if token["used_at"]:
        return _message_page(
            request,
            form["title"],
            _("This link has already been used to answer. Each link answers once. Thank you."),
            status=409 if request.method == "POST" else 200,
        )
    if not answering.is_open(form):
        return _not_open(request, form)
    if request.method != "POST":
        return _answer_page(request, form)
    answers, values, errors = answering.parse_answers(form, request.POST)
    if errors:
        return _answer_page(request, form, values=values, errors=errors)
    unit_id = None if form["anonymous"] else token["unit_id"]
    try:
        services.submit_response(form=form, answers=answers, token_id=token["pk"], unit_id=unit_id)
    except services.TokenUsed as exc:
        return _message_page(request, form["title"], str(exc), status=409)
    return HttpResponseRedirect(reverse("surveys:thanks"))


def thanks(request):
    return _message_page(
        request, _("Thank you"), _("Your answers have been recorded. Thank you for your time.")
    )


# --- questionnaires ---------------------------------------------------------------


def index(request):
    permissions.require_reader(request.user)
    campaigns = (
        Campaign.objects.select_related("survey", "result", "department")
        .annotate(
            links=Count("tokens"), used=Count("tokens", filter=Q(tokens__used_at__isnull=False))
        )
        .order_by("-opens_on", "title")
    )
    surveys = Survey.objects.annotate(n_campaigns=Count("campaigns")).order_by("title", "-version")
    return render(
        request,
        "surveys/index.html",
        {
            "campaigns": campaigns,
            "surveys": surveys,
            "can_manage": permissions.can_manage_surveys(request.user),
            "today": timezone.localdate(),
        },
    )


def survey_create(request):
    permissions.require_manager(request.user)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = services.create_survey(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Survey created."))
        return redirect(survey)
    return render(request, "surveys/form.html", {"form": form, "title": _("New survey")})


def survey_edit(request, pk):
    survey = permissions.get_rw_survey_for_user(request.user, pk)
    form = SurveyEditForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        services.update_survey(actor=request.user, survey=form.instance)
        messages.success(request, _("Survey saved."))
        return redirect(survey)
    return render(
        request, "surveys/form.html", {"form": form, "title": _("Edit survey"), "back": survey}
    )


def survey_detail(request, pk):
    survey = permissions.get_survey_for_user(request.user, pk)
    sections = survey.sections.prefetch_related("questions")
    return render(
        request,
        "surveys/survey.html",
        {
            "survey": survey,
            "sections": sections,
            "locked": survey.is_locked,
            "can_manage": permissions.can_manage_surveys(request.user),
            "section_form": SectionForm(),
            "versions": Survey.objects.filter(lineage=survey.lineage).exclude(pk=survey.pk),
        },
    )


@require_POST
def section_add(request, pk):
    survey = permissions.get_rw_survey_for_user(request.user, pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.add_section(
                actor=request.user, survey=survey, title=form.cleaned_data["title"]
            )
        except services.SurveyError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("A section needs a title."))
    return redirect(survey)


def question_edit(request, pk, question_pk=None):
    survey = permissions.get_rw_survey_for_user(request.user, pk)
    question = (
        permissions.get_rw_question_for_user(request.user, survey.pk, question_pk)
        if question_pk
        else Question(survey=survey)
    )
    form = QuestionForm(request.POST or None, instance=question, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(actor=request.user, question=form.instance)
        except services.SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Question saved."))
            return redirect(survey)
    title = _("Edit question") if question_pk else _("New question")
    return render(request, "surveys/form.html", {"form": form, "title": title, "back": survey})


@require_POST
def question_delete(request, pk, question_pk):
    question = permissions.get_rw_question_for_user(request.user, pk, question_pk)
    try:
        services.delete_question(actor=request.user, question=question)
        messages.success(request, _("Question deleted."))
    except services.SurveyError as exc:
        messages.error(request, str(exc))
    return redirect("surveys:survey", pk)


@require_POST
def survey_copy(request, pk):
    survey = permissions.get_rw_survey_for_user(request.user, pk)
    copy = services.copy_survey(actor=request.user, survey=survey)
    messages.success(
        request, _("Version %(v)s created: change its questions here.") % {"v": copy.version}
    )
    return redirect(copy)


# --- campaigns --------------------------------------------------------------------


def campaign_edit(request, pk=None):
    if pk:
        campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    else:
        permissions.require_manager(request.user)
        campaign = Campaign()
    initial = {"survey": int_param(request, "survey")} if not pk else None
    form = CampaignForm(request.POST or None, instance=campaign, initial=initial)
    if request.method == "POST" and form.is_valid():
        campaign = services.save_campaign(
            actor=request.user, campaign=form.instance, public_link=form.cleaned_data["public_link"]
        )
        messages.success(request, _("Campaign saved."))
        return redirect(campaign)
    title = _("Edit campaign") if pk else _("New campaign")
    return render(request, "surveys/form.html", {"form": form, "title": title})


def campaign_detail(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk, related=("survey", "department"))
    tokens = campaign.tokens.select_related("unit")
    counts = tokens.aggregate(total=Count("id"), used=Count("id", filter=Q(used_at__isnull=False)))
    can_manage = permissions.can_manage_surveys(request.user)
    public_url = _public_url(request, campaign)
    return render(
        request,
        "surveys/campaign.html",
        {
            "campaign": campaign,
            "tokens": tokens if can_manage else [],
            "counts": counts,
            "responses": campaign.responses.count(),
            "can_manage": can_manage,
            "public_url": public_url,
            "public_qr": field.qr_svg(public_url, title=_("QR code of the public link"))
            if public_url
            else "",
            "units": Unit.objects.active_choices() if public_url else [],
            "unit_form": UnitTokensForm(),
            "named_form": NamedTokensForm(),
        },
    )


def _public_url(request, campaign) -> str:
    if not campaign.public_key:
        return ""
    return request.build_absolute_uri(reverse("surveys:answer_public", args=[campaign.public_key]))


def campaign_poster(request, pk):
    """The A4 poster of a campaign's public link, for one school or unit (``?unit=``)
    or for any; its QR code chooses the unit on the answer page when the campaign asks."""
    campaign = permissions.get_campaign_for_user(request.user, pk, related=("survey",))
    if not campaign.public_key:
        raise Http404
    unit = None
    if request.GET.get("unit"):
        unit_pk = int_param(request, "unit")
        unit = Unit.objects.filter(pk=unit_pk, is_active=True).first() if unit_pk else None
        if unit is None:
            raise Http404
    url = field.public_link(_public_url(request, campaign), campaign, unit)
    name = f"poster-{campaign.pk}-{unit.code}.pdf" if unit else f"poster-{campaign.pk}.pdf"
    return pdf_response(field.poster_pdf(campaign=campaign, url=url, unit=unit), name)


@require_POST
def campaign_tokens(request, pk, kind):
    campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    if kind == "units":
        form = UnitTokensForm(request.POST)
        if form.is_valid():
            n = services.add_unit_tokens(
                actor=request.user, campaign=campaign, units=form.cleaned_data["units"]
            )
            messages.success(request, _("%(n)s links created.") % {"n": n})
            return redirect(campaign)
    else:
        form = NamedTokensForm(request.POST)
        if form.is_valid():
            n = services.add_named_tokens(
                actor=request.user, campaign=campaign, people=form.cleaned_data["people"]
            )
            messages.success(request, _("%(n)s links created.") % {"n": n})
            return redirect(campaign)
    for error in [e for errors in form.errors.values() for e in errors]:
        messages.error(request, error)
    return redirect(campaign)


def campaign_links_export(request, pk):
    """The one-time links as CSV, for a mail merge or printing."""
    campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    rows = [
        (
            t.unit.name if t.unit_id else "",
            t.name,
            t.email,
            request.build_absolute_uri(t.get_absolute_url()),
            _("yes") if t.used_at else _("no"),
        )
        for t in campaign.tokens.select_related("unit")
    ]
    headers = [_("Unit"), _("Respondent"), _("E-mail"), _("Link"), _("Answered")]
    return csv_response(f"links-{campaign.pk}.csv", headers, rows)


@require_POST
def campaign_remind(request, pk):
    campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    from surveys.tasks import send_campaign_reminders

    base_url = request.build_absolute_uri("/")
    send_campaign_reminders.delay(campaign.pk, base_url)
    messages.success(request, _("Reminders are being sent to those who have not answered."))
    return redirect(campaign)


@require_POST
def campaign_close(request, pk):
    campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    services.close_campaign(actor=request.user, campaign=campaign)
    messages.success(request, _("Campaign closed."))
    return redirect(campaign)


# --- results ----------------------------------------------------------------------


def _results_context(campaign):
    services.request_results(campaign)
    result = CampaignResult.objects.filter(campaign=campaign).first()
    previous = campaign.previous()
    previous_result = None
    if previous is not None:
        previous_result = CampaignResult.objects.filter(campaign=previous).first()
        if previous_result is None and services.request_results(previous):
            previous_result = CampaignResult.objects.filter(campaign=previous).first()
    figures = report(
        campaign,
        result.figures if result else {},
        previous_result.figures if previous_result else None,
    )
    return {
        "campaign": campaign,
        "result": result,
        "previous": previous,
        "previous_result": previous_result,
        "r": figures,
        "live": campaign.is_open() or result is None,
        "chart": {
            "labels": [d["label"] for d in figures["dimensions"]],
            "current": [d["index"].share for d in figures["dimensions"]],
            "previous": [
                d["previous"].share if d["previous"] else None for d in figures["dimensions"]
            ],
            "current_label": campaign.title,
            "previous_label": previous.title if previous else "",
            "days": [d for d, _n in figures["by_day"]],
            "per_day": [n for _d, n in figures["by_day"]],
            "share_label": _("Satisfied or very satisfied (%)"),
            "responses_label": _("Responses per day"),
        },
    }


def results(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk, related=("survey",))
    context = _results_context(campaign)
    if request.headers.get("HX-Request"):
        return render(request, "surveys/_results.html", context)
    return render(request, "surveys/results.html", context)


def results_export(request, pk, fmt):
    permissions.require_reader(request.user)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    campaign = permissions.get_campaign_for_user(request.user, pk, related=("survey",))
    context = _results_context(campaign)
    r = context["r"]
    headers = [
        _("Level"),
        _("Name"),
        _("Dimension"),
        _("Answers"),
        _("Mean (1–5)"),
        _("Satisfied or very satisfied (%)"),
        _("Previous campaign (%)"),
        _("Change (points)"),
        _("Too few to read"),
    ]

    def row(level, name, dimension, idx, previous=None, change=None):
        return [
            level,
            name,
            dimension,
            idx.n,
            idx.mean,
            idx.share,
            previous.share if previous else None,
            change,
            _("yes") if idx.too_few else "",
        ]

    rows = [
        row(_("Campaign"), campaign.title, "", r["overall"], r["previous_overall"], r["change"])
    ]
    rows += [
        row(_("Dimension"), d["label"], d["label"], d["index"], d["previous"], d["change"])
        for d in r["dimensions"]
    ]
    rows += [
        row(_("Question"), q["text"], q["dimension"], q["index"], q["previous"], q["change"])
        for q in r["questions"]
    ]
    rows += [row(_("Unit"), u["name"], "", u["index"]) for u in r["units"]]
    filename = f"survey-results-{campaign.pk}"
    if fmt == "xlsx":
        return xlsx_response(f"{filename}.xlsx", headers, rows, title=_("Results"))
    return csv_response(f"{filename}.csv", headers, rows)


def results_texts(request, pk, question_pk):
    """The free-text answers to one question, newest first, paginated."""
    campaign = permissions.get_campaign_for_user(request.user, pk)
    question = get_object_or_404(Question, pk=question_pk, survey_id=campaign.survey_id)
    answers = Answer.objects.filter(campaign=campaign, question=question).exclude(text="")
    answers = answers.order_by("-pk").values_list("text", flat=True)
    if request.GET.get("format") == "csv":
        return csv_response(
            f"texts-{campaign.pk}-{question.key}.csv",
            [question.text],
            ([t] for t in answers.iterator()),
        )
    page = Paginator(answers, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/texts.html",
        {"campaign": campaign, "question": question, "page_obj": page},
    )


def overview(request):
    """The satisfaction index per group and per department for a school year."""
    permissions.require_reader(request.user)
    years = list(SchoolYear.objects.all())
    year_pk = int_param(request, "year")
    year = SchoolYear.objects.filter(pk=year_pk).first() if year_pk is not None else None
    year = year or SchoolYear.objects.current() or (years[0] if years else None)
    campaigns = list(
        Campaign.objects.filter(school_year=year).select_related("result", "department", "survey")
        if year
        else []
    )
    for campaign in campaigns:
        if not hasattr(campaign, "result"):
            services.request_results(campaign)
    with_figures = [c for c in campaigns if hasattr(c, "result")]
    groups = []
    labels = dict(Group.choices)
    for code in Group.values:
        chosen = [c.result.figures for c in with_figures if c.survey.group == code]
        if chosen:
            groups.append(
                {"label": labels[code], "index": pooled(chosen), "campaigns": len(chosen)}
            )
    departments = {}
    for c in with_figures:
        if c.department_id:
            departments.setdefault(c.department, []).append(c.result.figures)
    return render(
        request,
        "surveys/overview.html",
        {
            "years": years,
            "year": year,
            "groups": groups,
            "departments": [{"department": d, "index": pooled(f)} for d, f in departments.items()],
            "overall": pooled([c.result.figures for c in with_figures]) if with_figures else None,
            "campaigns": [
                (c, pooled([c.result.figures]) if hasattr(c, "result") else None) for c in campaigns
            ],
        },
    )
