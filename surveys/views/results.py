"""Results of a campaign: the report, its exports, the free-text answers of a question,
and the overview of a school year."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ims.exports import csv_response, xlsx_response
from ims.models import SchoolYear
from ims.query import int_param
from surveys import permissions, services
from surveys.models import Answer, Campaign, CampaignResult, Group, Question
from surveys.results import pooled, report


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
