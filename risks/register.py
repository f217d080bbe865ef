"""The register as a list: its filters, the 5×5 heat maps and the .xlsx export.

Everything here reads; a page costs the same few queries whatever the number of rows."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ims.exports import xlsx_response
from risks.forms import FilterForm
from risks.models import LEVELS, Band, RiskScale
from risks.permissions import visible_risks

CELL_KEYS = ("l", "i", "rl", "ri")


def filtered(user, params: QueryDict, scale: RiskScale):
    """(form, rows) for ``user`` narrowed by the query string; unknown values are ignored."""
    base = visible_risks(user)
    processes = sorted(
        p for p in base.exclude(process="").values_list("process", flat=True).distinct()
    )
    form = FilterForm(params or None, processes=processes)
    rows = base.with_scores().select_related("department", "owner")
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    if not data.get("closed"):
        rows = rows.filter(is_closed=False)
    if data.get("q"):
        rows = rows.filter(
            Q(number__icontains=data["q"])
            | Q(description__icontains=data["q"])
            | Q(cause__icontains=data["q"])
        )
    if data.get("department"):
        rows = rows.filter(department=data["department"])
    if data.get("process"):
        rows = rows.filter(process=data["process"])
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    if data.get("treatment"):
        rows = rows.filter(treatment=data["treatment"])
    if data.get("band"):
        low, high = scale.range_of(data["band"])
        rows = rows.filter(score_value__range=(low, high))
    if data.get("overdue"):
        rows = rows.review_overdue()
    for key, field in zip(
        CELL_KEYS, ("likelihood", "impact", "residual_likelihood", "residual_impact"), strict=True
    ):
        if data.get(key):
            rows = rows.filter(**{field: data[key]})
    return form, rows


@dataclass
class Cell:
    likelihood: int
    impact: int
    count: int
    band: str
    band_label: str
    url: str


@dataclass
class HeatMap:
    title: str
    caption: str
    rows: list[tuple[int, str, list[Cell]]]  # likelihood (5 first), its word, its cells
    impact_words: list[tuple[int, str]]
    total: int


def heat_maps(rows, scale: RiskScale, params: QueryDict | None, url: str) -> list[HeatMap]:
    """The two heat maps of ``rows`` (before and after treatment): one query.

    Each count links to ``url`` with the current filters and the cell's ratings."""
    query = params.copy() if params is not None else QueryDict(mutable=True)
    for key in (*CELL_KEYS, "page", "export"):
        query.pop(key, None)
    before: dict[tuple[int, int], int] = {}
    after: dict[tuple[int, int], int] = {}
    groups = (
        rows.order_by()
        .values_list("likelihood", "impact", "residual_likelihood", "residual_impact")
        .annotate(n=Count("pk"))
    )
    for likelihood, impact, residual_likelihood, residual_impact, n in groups:
        before[likelihood, impact] = before.get((likelihood, impact), 0) + n
        if residual_likelihood is not None:
            cell = (residual_likelihood, residual_impact)
            after[cell] = after.get(cell, 0) + n
    likelihood_words, impact_words = scale.likelihood_words(), scale.impact_words()
    labels = dict(Band.choices)
    maps = []
    for title, caption, counts, keys in (
        (
            _("Before treatment"),
            _("Rows by likelihood and impact as identified"),
            before,
            ("l", "i"),
        ),
        (_("After treatment"), _("Rows by residual likelihood and impact"), after, ("rl", "ri")),
    ):
        grid = []
        for likelihood in reversed(LEVELS):
            cells = []
            for impact in LEVELS:
                band = scale.band_of(likelihood * impact)
                cell_query = query.copy()
                cell_query[keys[0]], cell_query[keys[1]] = likelihood, impact
                cells.append(
                    Cell(
                        likelihood,
                        impact,
                        counts.get((likelihood, impact), 0),
                        band,
                        str(labels[band]),
                        f"{url}?{cell_query.urlencode()}",
                    )
                )
            grid.append((likelihood, likelihood_words[likelihood - 1], cells))
        maps.append(
            HeatMap(
                str(title),
                str(caption),
                grid,
                list(zip(LEVELS, impact_words, strict=True)),
                sum(counts.values()),
            )
        )
    return maps


def legend(scale: RiskScale) -> list[tuple[str, str, int, int]]:
    labels = dict(Band.choices)
    return [(band, str(labels[band]), low, high) for band, low, high in scale.ranges()]


def register_url(department=None) -> str:
    """The register, narrowed to ``department`` when given (no query: used while rendering)."""
    url = reverse("risks:register")
    return f"{url}?department={department.pk}" if department is not None else url


def export_xlsx(rows, scale: RiskScale):
    today = timezone.localdate()
    labels = dict(Band.choices)

    def band(score):
        found = scale.band_of(score)
        return str(labels[found]) if found else ""

    headers = [
        _("Number"),
        _("Department"),
        _("Process"),
        _("Kind"),
        _("Description"),
        _("Cause"),
        _("Consequence"),
        _("Likelihood"),
        _("Impact"),
        _("Score"),
        _("Rating"),
        _("Owner"),
        _("Treatment"),
        _("Treatment plan"),
        _("Residual likelihood"),
        _("Residual impact"),
        _("Residual score"),
        _("Residual rating"),
        pgettext("risk", "Next review"),
        _("Review overdue"),
    ]

    def line(risk):
        return [
            risk.number,
            risk.department.code,
            risk.process,
            risk.get_kind_display(),
            risk.description,
            risk.cause,
            risk.consequence,
            risk.likelihood,
            risk.impact,
            risk.score,
            band(risk.score),
            risk.owner.get_full_name() or risk.owner.username,
            risk.get_treatment_display(),
            risk.treatment_plan,
            risk.residual_likelihood,
            risk.residual_impact,
            risk.residual_score,
            band(risk.residual_score),
            risk.review_due,
            _("yes") if risk.review_is_overdue(today) else "",
        ]

    return xlsx_response(
        f"so-dang-ky-rui-ro-{today:%Y%m%d}.xlsx",
        headers,
        (line(r) for r in rows.iterator(chunk_size=500)),
        title=_("Risks and opportunities"),
    )
