"""Read queries of the two registers: issues by subquery filters, parties with their
needs and the current state of what each need is linked to, in a constant number of
queries whatever the number of rows."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from context.models import (
    KIND_ORDER,
    Grouping,
    Issue,
    LinkRole,
    Need,
    NeedLink,
    Party,
    Pestle,
    Swot,
)
from objectives.models import Measurement
from objectives.rules import Status
from surveys.models import CampaignResult
from surveys.results import campaign_index


def filtered_issues(data: dict, today):
    """``data`` is a filter form's cleaned data (every key optional)."""
    issues = Issue.objects.select_related("department").prefetch_related("departments")
    if q := data.get("q"):
        issues = issues.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(code__icontains=q)
            | Q(impact__icontains=q)
        )
    if origin := data.get("origin"):
        issues = issues.filter(origin=origin)
    if department := data.get("department"):
        touching = Issue.departments.through.objects.filter(
            issue_id=OuterRef("pk"), department_id=department.pk
        )
        issues = issues.filter(Q(department=department) | Exists(touching))
    state = data.get("state") or "open"
    if state == "open":
        issues = issues.filter(closed_on__isnull=True)
    elif state == "closed":
        issues = issues.filter(closed_on__isnull=False)
    if data.get("overdue"):
        issues = issues.filter(closed_on__isnull=True, next_review_on__lt=today)
    return issues.order_by("code")


@dataclass
class Column:
    key: str
    label: str
    issues: list


def grid(issues, grouping: str) -> list[Column]:
    """The issues placed in the columns of ``grouping``: four SWOT quadrants or six PESTLE
    factors, in their usual order; every issue has a place in both."""
    if grouping == Grouping.PESTLE:
        columns = [Column(value, str(label), []) for value, label in Pestle.choices]
        place = {c.key: c for c in columns}
        for issue in issues:
            place[issue.pestle].issues.append(issue)
    else:
        columns = [Column(value, str(label), []) for value, label in Swot.choices]
        place = {c.key: c for c in columns}
        for issue in issues:
            place[issue.swot].issues.append(issue)
    return columns


# --- interested parties ------------------------------------------------------------------


def _links():
    latest = Measurement.objects.filter(indicator=OuterRef("indicator")).order_by("-period_end")
    results = CampaignResult.objects.filter(campaign__survey=OuterRef("survey")).order_by(
        "-campaign__closes_on", "-computed_at"
    )
    return NeedLink.objects.select_related(
        "document__current",
        "objective__school_year",
        "indicator__objective__school_year",
        "survey",
    ).annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_period_end=Subquery(latest.values("period_end")[:1]),
        latest_figures=Subquery(results.values("figures")[:1]),
    )


def unmet_needs():
    """Needs that nothing is linked to as meeting them."""
    met = NeedLink.objects.filter(need=OuterRef("pk"), role=LinkRole.MET_BY)
    return Need.objects.filter(~Exists(met), retired_on__isnull=True)


def parties_with_needs(
    *, kind: str = "", unmet: bool = False, retired: bool = False, pk=None
) -> list[Party]:
    """Parties (learners with special needs first), their needs and links, each link with
    its ``state`` and each need with ``is_unmet``: four queries. The parties no longer
    relevant only with ``retired`` (or asked for by ``pk``)."""
    needs = Need.objects.filter(retired_on__isnull=True)
    parties = Party.objects.all()
    if pk is not None:
        parties = parties.filter(pk=pk)
    elif not retired:
        parties = parties.filter(retired_on__isnull=True)
    if kind:
        parties = parties.filter(kind=kind)
    if unmet:
        needs = unmet_needs()
        parties = parties.filter(Exists(unmet_needs().filter(party=OuterRef("pk"))))
    parties = list(
        parties.prefetch_related(
            Prefetch("needs", queryset=needs.prefetch_related(Prefetch("links", queryset=_links())))
        )
    )
    for party in parties:
        for need in party.needs.all():
            need.met_links = [link for link in need.links.all() if link.role == LinkRole.MET_BY]
            need.monitor_links = [
                link for link in need.links.all() if link.role == LinkRole.MONITORED_BY
            ]
            need.is_unmet = not need.met_links
            for link in need.links.all():
                link.state, link.tone = link_state(link)
    parties.sort(key=lambda p: (p.is_retired, KIND_ORDER.get(p.kind, 99), p.order, p.name))
    return parties


def link_state(link) -> tuple[str, str]:
    """What the linked object's state is now, and a tone: "" fine, "warn", "bad"."""
    if link.target == "document":
        document = link.document
        if document.is_obsolete:
            return _("obsolete"), "bad"
        if document.current is None:
            return _("no effective edition yet"), "warn"
        edition = document.current
        day = edition.effective_date.strftime("%d/%m/%Y") if edition.effective_date else ""
        return _("edition %(number)s, effective %(day)s") % {
            "number": edition.number,
            "day": day,
        }, ""
    if link.target == "objective":
        return _("school year %(year)s") % {"year": link.objective.school_year}, ""
    if link.target == "indicator":
        indicator = link.indicator
        value = getattr(link, "latest_value", None)
        if value is None:
            return _("not measured yet"), "warn"
        final = link.latest_period_end >= indicator.objective.school_year.end_date
        status = indicator.status_for(value, final=final)
        tone = {Status.ON_TRACK: "", Status.AT_RISK: "warn"}.get(status, "bad")
        shown = f"{number_format(value.normalize())} {indicator.unit}".strip()
        return _("latest %(value)s (target %(target)s): %(status)s") % {
            "value": shown,
            "target": indicator.target_display,
            "status": status.label,
        }, tone
    if link.target == "survey":
        figures = getattr(link, "latest_figures", None)
        if not figures:
            return _("no results yet"), "warn"
        index = campaign_index(figures)
        if index.share is None:
            return _("no results yet"), "warn"
        return _("latest satisfaction %(share)s%% (mean %(mean)s / 5)") % {
            "share": number_format(index.share, 1),
            "mean": number_format(index.mean, 2),
        }, ""
    return "", ""
