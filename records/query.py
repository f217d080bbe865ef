"""The register's query: series filtered by the form, with their counts by subquery."""

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from records.models import Medium, RecordEntry, RecordSeries
from records.reminders import last_school_year, silent_series


def _kept(field: str, aggregate):
    rows = (
        RecordEntry.objects.kept()
        .filter(series=OuterRef("pk"))
        .order_by()
        .values("series")
        .annotate(value=aggregate(field))
        .values("value")
    )
    return rows


def register_rows(form, today):
    """The series the filter form asks for, with kept-record counts and last period."""
    series = RecordSeries.objects.select_related("document", "form", "department").annotate(
        kept=Coalesce(Subquery(_kept("pk", Count), output_field=IntegerField()), Value(0)),
        last_period=Subquery(_kept("period_end", Max)),
        due=Coalesce(
            Subquery(
                RecordEntry.objects.past_retention(today)
                .filter(series=OuterRef("pk"))
                .order_by()
                .values("series")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
    )
    form.is_valid()  # a bad value drops that filter only (cleaned_data keeps the rest)
    data = form.cleaned_data
    required = data.get("required", "")
    if required == "dropped":
        series = series.exclude(dropped_in_edition__isnull=True)
    elif required != "all":
        series = series.filter(dropped_in_edition__isnull=True)
    if data.get("department"):
        series = series.filter(department=data["department"])
    if data.get("medium") in (Medium.PAPER, Medium.ELECTRONIC):
        series = series.filter(medium__in=[data["medium"], Medium.BOTH])
    if data.get("retention"):
        series = series.filter(retention=data["retention"])
    if q := (data.get("q") or "").strip():
        series = series.filter(
            Q(name__icontains=q)
            | Q(document__code__icontains=q)
            | Q(document__title__icontains=q)
            | Q(form__code__icontains=q)
        )
    if data.get("silent") and (year := last_school_year(today)):
        series = series.filter(pk__in=silent_series(year).values("pk"))
    return series
