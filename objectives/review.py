"""What the objectives app brings to the management review (ISO 9001 9.3.2 c) 2))."""

from datetime import date

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ims.models import SchoolYear
from objectives import summary
from objectives.rules import Status


def _value(row) -> str:
    parts = []
    for item in row.indicators:
        if item.value is None:
            parts.append("—")
        else:
            parts.append(f"{number_format(item.value.normalize())} {item.indicator.unit}".strip())
    return "; ".join(parts) or "—"


def collect(start: date, end: date) -> dict:
    """The organisation and department objectives of the school years overlapping
    ``start``–``end``, with their targets, results (as of ``end``) and status."""
    years = SchoolYear.objects.filter(start_date__lte=end, end_date__gte=start).order_by(
        "start_date"
    )
    rows = []
    counts = {s: 0 for s in Status}
    for year in years:
        for row in summary.year_rows(year, as_of=end):
            if row.objective.level == row.objective.Level.STAFF:
                continue
            counts[row.status] += 1
            rows.append(
                [
                    year.name,
                    row.objective.code,
                    row.objective.statement,
                    row.objective.department.code if row.objective.department else "",
                    "; ".join(i.indicator.target_display for i in row.indicators) or "—",
                    _value(row),
                    str(row.status.label),
                ]
            )
    total = sum(counts.values())
    summary_text = _(
        "%(met)d of %(total)d objectives on track or met, %(risk)d at risk, "
        "%(missed)d missed, %(none)d without data."
    ) % {
        "met": counts[Status.ON_TRACK],
        "total": total,
        "risk": counts[Status.AT_RISK],
        "missed": counts[Status.MISSED],
        "none": counts[Status.NO_DATA],
    }
    return {
        "summary": summary_text,
        "columns": [
            _("School year"),
            _("Code"),
            _("Objective"),
            _("Department"),
            _("Target"),
            _("Result"),
            _("Status"),
        ],
        "rows": rows,
    }
