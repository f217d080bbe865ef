"""What the surveys app gives the rest of IMS (see ``ims.registry``): an indicator
source for objectives, an input to the management review, a home-page panel and
an inbox source,
navigation, role grants, public answer pages, beat entries and the demo."""

from datetime import date
from decimal import Decimal

from celery.schedules import crontab
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ims.permissions import is_secretariat
from ims.registry import (
    NORMAL,
    HomePanel,
    InboxItem,
    IndicatorSource,
    NavItem,
    ReviewInput,
    register_beat_entry,
    register_demo_loader,
    register_home_panel,
    register_inbox_source,
    register_indicator_source,
    register_nav,
    register_public_url,
    register_review_input,
)
from ims.roles import Role, manage_perms, register_role_grants, view_perms
from surveys.models import Answer, Campaign, CampaignResult, Question, Token
from surveys.results import campaign_index, delta, index_of, refresh_results


def satisfaction_index(start: date, end: date, department, parameter: str) -> Decimal | None:
    """Share (%) of scale answers at 4–5 given between ``start`` and ``end``.

    ``parameter`` is a campaign id (one campaign) or empty (every campaign);
    ``department`` narrows it to campaigns surveying that department.
    """
    answers = Answer.objects.filter(
        question__kind=Question.Kind.LIKERT,
        response__submitted_on__gte=start,
        response__submitted_on__lte=end,
    )
    if parameter:
        if not parameter.isdigit():
            return None
        answers = answers.filter(campaign_id=int(parameter))
    if department is not None:
        answers = answers.filter(campaign__department=department)
    figures = answers.aggregate(n=Count("id"), top=Count("id", filter=Q(value__gte=4)))
    if not figures["n"]:
        return None
    return (Decimal(figures["top"] * 100) / Decimal(figures["n"])).quantize(Decimal("0.1"))


def campaign_choices() -> list[tuple[str, str]]:
    return [
        (str(pk), f"{title} ({opens:%d/%m/%Y})")
        for pk, title, opens in Campaign.objects.order_by("-opens_on").values_list(
            "pk", "title", "opens_on"
        )
    ]


def review_input(start: date, end: date) -> dict:
    """Satisfaction results of the period for the management review (9.3.2 c) 1))."""
    campaigns = list(
        Campaign.objects.filter(opens_on__lte=end, closes_on__gte=start)
        .select_related("survey")
        .order_by("opens_on", "title")
    )
    results = {
        r.campaign_id: r.figures for r in CampaignResult.objects.filter(campaign__in=campaigns)
    }
    for campaign in campaigns:
        if campaign.pk not in results:
            results[campaign.pk] = refresh_results(campaign=campaign).figures
    rows, total_dist, total_responses = [], [0, 0, 0, 0, 0], 0
    for campaign in campaigns:
        figures = results[campaign.pk]
        idx = campaign_index(figures)
        previous = campaign.previous()
        prev_idx = None
        if previous is not None:
            prev = CampaignResult.objects.filter(campaign=previous).first()
            prev_idx = campaign_index(prev.figures) if prev else None
        total_dist = [
            a + b for a, b in zip(total_dist, figures.get("overall", [0] * 5), strict=True)
        ]
        total_responses += idx.responses or 0
        change = delta(idx.share, prev_idx.share if prev_idx else None)
        rows.append(
            [
                campaign.title,
                str(campaign.survey.get_group_display()),
                idx.responses or 0,
                "" if idx.mean is None else number_format(idx.mean, 2),
                "" if idx.share is None else f"{number_format(idx.share, 1)} %",
                "" if change is None else ("+" if change > 0 else "") + number_format(change, 1),
                _("too few to read") if idx.too_few else "",
            ]
        )
    overall = index_of(total_dist, total_responses)
    if not campaigns:
        summary = _("No satisfaction survey ran in the period.")
    else:
        summary = _(
            "%(campaigns)s survey campaigns, %(responses)s responses; "
            "%(share)s %% of answers satisfied or very satisfied (mean %(mean)s of 5)."
        ) % {
            "campaigns": len(campaigns),
            "responses": total_responses,
            "share": "–" if overall.share is None else number_format(overall.share, 1),
            "mean": "–" if overall.mean is None else number_format(overall.mean, 2),
        }
    return {
        "summary": summary,
        "columns": [
            _("Campaign"),
            _("Respondents"),
            _("Responses"),
            _("Mean (1–5)"),
            _("Satisfied or very satisfied"),
            _("Change from the previous campaign (points)"),
            _("Note"),
        ],
        "rows": rows,
    }


def open_campaigns_panel(request):
    """The secretariat sees the campaigns running now and how many have answered."""
    if not is_secretariat(request.user):
        return None
    campaigns = list(
        Campaign.objects.open_on(timezone.localdate())
        .annotate(
            links=Count("tokens", distinct=True),
            used=Count("tokens", filter=Q(tokens__used_at__isnull=False), distinct=True),
        )
        .select_related("result")
    )
    if not campaigns:
        return None
    return HomePanel(
        title=_("Satisfaction surveys running"),
        template="surveys/_panel_open.html",
        context={"campaigns": campaigns},
        order=60,
    )


def unit_surveys(user, today) -> list[InboxItem]:
    """A school's contact: the surveys waiting for the school's answer (one query)."""
    profile = getattr(user, "profile", None)
    if profile is None or not profile.unit_id:
        return []
    tokens = Token.objects.filter(
        unit_id=profile.unit_id,
        used_at__isnull=True,
        campaign__in=Campaign.objects.open_on(today),
    ).select_related("campaign")
    return [
        InboxItem(
            kind="surveys.answer",
            label=token.campaign.title,
            action=_("survey to answer for your unit"),
            url=token.get_absolute_url(),
            due=token.campaign.closes_on,
            urgency=NORMAL,
        )
        for token in tokens
    ]


models = ("survey", "section", "question", "campaign", "token")
readers = view_perms("survey", "section", "question", "campaign", "campaignresult")
register_role_grants(
    "surveys",
    {
        Role.ISO_SECRETARIAT: [*manage_perms(*models), "view_campaignresult"],
        Role.LEADERSHIP: readers,
        Role.AUDITOR: readers,
        Role.EXTERNAL_AUDITOR: readers,
        Role.DEPARTMENT_HEAD: readers,
    },
)
for name in ("answer_public", "answer_token", "thanks"):
    register_public_url(f"surveys:{name}")
register_nav(
    NavItem(
        label=gettext_lazy("Surveys"),
        url_name="surveys:index",
        order=50,
        roles=frozenset(
            {
                Role.ISO_SECRETARIAT,
                Role.LEADERSHIP,
                Role.AUDITOR,
                Role.EXTERNAL_AUDITOR,
                Role.DEPARTMENT_HEAD,
            }
        ),
    )
)
register_home_panel(open_campaigns_panel)
register_inbox_source(unit_surveys)
register_indicator_source(
    IndicatorSource(
        key="surveys.satisfaction",
        label=gettext_lazy(
            "Survey satisfaction index (share of answers satisfied or very satisfied)"
        ),
        unit="%",
        compute=satisfaction_index,
        parameter_choices=campaign_choices,
    )
)
register_review_input(
    ReviewInput(
        key="surveys",
        label=gettext_lazy("Satisfaction of learners, other beneficiaries and staff"),
        clause="9.3.2 c) 1)",
        collect=review_input,
        order=30,
    )
)

register_beat_entry(
    "surveys-remind-open-campaigns",
    {"task": "surveys.tasks.remind_open_campaigns", "schedule": crontab(hour=8, minute=0)},
)
register_beat_entry(
    "surveys-refresh-open-campaigns",
    {"task": "surveys.tasks.refresh_open_campaigns", "schedule": 900.0},
)


def load_demo(stdout=None) -> None:
    from surveys.demo import load  # read only when the demo is asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
