"""The read side: objectives with their indicators, values and derived status.

Every function here runs a fixed number of queries whatever the number of
objectives (objectives, indicators, measurements: one query each), then
assembles rows in Python with :mod:`objectives.rules`. The dashboard, the
drill-down, the exports, the PDF report and the management-review input all
read through it.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import pgettext

from ims.models import Department, SchoolYear
from objectives.models import Indicator, Measurement, Objective
from objectives.rules import CSS, Status, combined_status


class Value(NamedTuple):
    """One measured value, as the read side needs it."""

    period_start: date
    period_end: date
    value: Decimal


@dataclass
class IndicatorRow:
    indicator: Indicator
    series: list[tuple[str, Decimal]]  # (period label, value), oldest first
    latest: Value | None
    status: Status
    progress: int | None

    @property
    def value(self) -> Decimal | None:
        return self.latest.value if self.latest else None

    @property
    def css(self) -> str:
        return CSS[self.status]


@dataclass
class ObjectiveRow:
    objective: Objective
    indicators: list[IndicatorRow]
    status: Status = Status.NO_DATA
    children: list["ObjectiveRow"] = field(default_factory=list)
    previous: "ObjectiveRow | None" = None

    @property
    def css(self) -> str:
        return CSS[self.status]

    @property
    def progress(self) -> int | None:
        values = [i.progress for i in self.indicators if i.progress is not None]
        if not values:
            values = [c.progress for c in self.children if c.progress is not None]
        return min(values) if values else None

    @property
    def children_status(self) -> list[tuple[Status, int]]:
        counts = Counter(c.status for c in self.children)
        return [(Status(s), counts[s]) for s in Status.values if counts[s]]


def build_rows(objectives: list[Objective], *, as_of: date) -> dict[int, ObjectiveRow]:
    """Rows for ``objectives`` (already fetched), linked parent to child when both
    are in the list; two queries (indicators, measurements)."""
    rows = {o.pk: ObjectiveRow(objective=o, indicators=[]) for o in objectives}
    if not rows:
        return rows
    indicators = list(
        Indicator.objects.filter(objective_id__in=list(rows))
        .select_related("owner")
        .order_by("objective_id", "order", "pk")
    )
    values: dict[int, list[Value]] = {}
    # Plain tuples, not model instances: a drill-down reads thousands of values.
    for indicator_id, start, end, value in (
        Measurement.objects.filter(
            indicator_id__in=[i.pk for i in indicators], period_start__lte=as_of
        )
        .order_by("indicator_id", "period_start")
        .values_list("indicator_id", "period_start", "period_end", "value")
    ):
        values.setdefault(indicator_id, []).append(Value(start, end, value))
    labels_of: dict[tuple, dict] = {}
    for indicator in indicators:
        row = rows[indicator.objective_id]
        year = row.objective.school_year
        measured = values.get(indicator.pk, [])
        latest = measured[-1] if measured else None
        final = as_of > year.end_date
        key = (indicator.frequency, year.pk)
        if key not in labels_of:
            labels_of[key] = {p.start: p.label for p in indicator.periods(year)}
        labels = labels_of[key]
        value = latest.value if latest else None
        row.indicators.append(
            IndicatorRow(
                indicator=indicator,
                series=[
                    (labels.get(m.period_start) or f"{m.period_start:%m/%Y}", m.value)
                    for m in measured
                ],
                latest=latest,
                status=indicator.status_for(value, final=final),
                progress=indicator.progress_for(value),
            )
        )
    for row in rows.values():
        parent = rows.get(row.objective.parent_id)
        if parent is not None:
            parent.children.append(row)
    # Statuses bottom-up: staff, then department, then organisation objectives.
    order = {
        Objective.Level.STAFF: 0,
        Objective.Level.DEPARTMENT: 1,
        Objective.Level.ORGANISATION: 2,
    }
    for row in sorted(rows.values(), key=lambda r: order[r.objective.level]):
        if row.indicators:
            row.status = combined_status(i.status for i in row.indicators)
        else:
            row.status = combined_status(c.status for c in row.children)
    return rows


def _objectives():
    return Objective.objects.select_related("school_year", "department", "owner", "parent")


@dataclass
class Dashboard:
    school_year: SchoolYear
    previous_year: SchoolYear | None
    department: Department | None
    level: str
    rows: list[ObjectiveRow]
    as_of: date
    page: Page | None = None

    @property
    def counts(self) -> list[tuple[Status, int]]:
        counts = Counter(r.status for r in self.rows)
        return [(Status(s), counts[s]) for s in Status.values]

    def chart(self) -> dict:
        """Objectives by status per department (the rows and the objectives under them)."""
        groups: dict[str, Counter] = {}
        for row in self.rows:
            for item in [row, *row.children]:
                dept = item.objective.department
                if item.objective.level == Objective.Level.ORGANISATION or dept is None:
                    label = pgettext("objective level", "Organisation")
                else:
                    label = dept.code
                groups.setdefault(label, Counter())[item.status] += 1
        labels = list(groups)
        return {
            "labels": labels,
            "datasets": [
                {
                    "key": str(status),
                    "label": str(status.label),
                    "data": [groups[g][status] for g in labels],
                }
                for status in Status
            ],
        }

    def sparklines(self) -> dict:
        return {
            str(i.indicator.pk): {
                "labels": [label for label, _v in i.series],
                "values": [float(v) for _l, v in i.series],
                "target": float(i.indicator.target) if i.indicator.target is not None else None,
            }
            for row in self.rows
            for i in row.indicators
        }


PAGE_SIZE = 50


def dashboard(
    *,
    school_year: SchoolYear,
    department: Department | None = None,
    level: str | None = None,
    as_of: date | None = None,
    page: int | str = 1,
    page_size: int = PAGE_SIZE,
) -> Dashboard:
    """The objectives of ``school_year`` at ``level`` (organisation by default, the
    department's own objectives when a department is chosen), a page at a time,
    with the objectives directly under them and the same objectives (by code) of
    the year before. Eight queries whatever the number of objectives."""
    as_of = as_of or timezone.localdate()
    if level not in Objective.Level.values:
        level = Objective.Level.DEPARTMENT if department else Objective.Level.ORGANISATION
    top = _objectives().filter(school_year=school_year, level=level)
    if department is not None:
        top = top.filter(department=department)
    top = top.order_by(F("department__order").asc(nulls_first=True), "order", "code")
    page_obj = Paginator(top, page_size).get_page(page)
    objectives = list(page_obj.object_list)
    objectives += list(_objectives().filter(parent__in=[o.pk for o in objectives]))
    rows = build_rows(objectives, as_of=as_of)
    top_rows = [rows[o.pk] for o in page_obj.object_list]
    previous_year = (
        SchoolYear.objects.filter(start_date__lt=school_year.start_date)
        .order_by("-start_date")
        .first()
    )
    if previous_year is not None and top_rows:
        codes = [r.objective.code for r in top_rows]
        before = list(_objectives().filter(school_year=previous_year, code__in=codes))
        by_code = {r.objective.code: r for r in build_rows(before, as_of=as_of).values()}
        for row in top_rows:
            row.previous = by_code.get(row.objective.code)
    return Dashboard(
        school_year=school_year,
        previous_year=previous_year,
        department=department,
        level=level,
        rows=top_rows,
        as_of=as_of,
        page=page_obj,
    )


def tree(objective: Objective, *, as_of: date | None = None) -> ObjectiveRow:
    """``objective`` with every objective under it (two levels), statuses derived."""
    as_of = as_of or timezone.localdate()
    objectives = list(
        # By parent ids rather than a join on the parent: the indexes on parent_id
        # answer it whatever the number of objectives stored.
        _objectives().filter(
            Q(pk=objective.pk)
            | Q(parent_id=objective.pk)
            | Q(parent_id__in=Objective.objects.filter(parent_id=objective.pk).values("pk"))
        )
    )
    rows = build_rows(objectives, as_of=as_of)
    for row in rows.values():
        row.children.sort(key=lambda r: (r.objective.order, r.objective.code))
    return rows[objective.pk]


def year_rows(
    school_year: SchoolYear, *, as_of: date | None = None, department=None
) -> list[ObjectiveRow]:
    """Every objective of the year, in tree order (organisation, then each one's
    department objectives, then their staff objectives), for exports and reports."""
    as_of = as_of or timezone.localdate()
    qs = _objectives().filter(school_year=school_year)
    if department is not None:
        qs = qs.filter(Q(department=department) | Q(level=Objective.Level.ORGANISATION))
    rows = build_rows(list(qs), as_of=as_of)
    ordered: list[ObjectiveRow] = []

    def walk(row):
        ordered.append(row)
        for child in sorted(row.children, key=lambda r: (r.objective.order, r.objective.code)):
            walk(child)

    roots = [r for r in rows.values() if r.objective.parent_id not in rows]
    for root in sorted(
        roots,
        key=lambda r: (
            r.objective.level != Objective.Level.ORGANISATION,
            r.objective.order,
            r.objective.code,
        ),
    ):
        walk(root)
    return ordered
