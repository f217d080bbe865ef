"""Keeping the record series in step with the procedures' effective editions.

``sync_series_for_document`` reads the "Hồ sơ cần lưu" rows (``documents.RecordKept``)
of a document's effective edition and makes each a series, matched from one
edition to the next by its name. A series whose row is gone (or whose document
is withdrawn) is marked "no longer required since edition N", never deleted: its
logged records stay until they are disposed of. It runs after each publication
(``records.apps``: on the publication sign-off, after commit) and nightly.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from documents.history import acting_as
from documents.models import Document, RecordKept
from records.models import RecordEntry, RecordSeries, Retention
from records.parsing import form_code_in, normal_name, parse_medium, parse_retention

_FORM = re.compile(r"^BM\.(\d+)\.(\d+)(?:-([A-Z0-9]+))?$", re.I)


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    dropped: int = 0

    def __add__(self, other: "SyncResult") -> "SyncResult":
        return SyncResult(
            self.created + other.created,
            self.updated + other.updated,
            self.dropped + other.dropped,
        )


class _Forms:
    """Every form (BM) by its numbers, read once for a whole sync."""

    def __init__(self):
        self.by_numbers: dict[tuple[int, int], list[Document]] = {}
        self.by_procedure: dict[int, list[Document]] = {}
        for form in Document.objects.filter(kind=Document.Kind.FORM, is_obsolete=False):
            if match := _FORM.match(form.code):
                key = (int(match.group(1)), int(match.group(2)))
                self.by_numbers.setdefault(key, []).append(form)
            if form.procedure_id:
                self.by_procedure.setdefault(form.procedure_id, []).append(form)

    def match(self, document: Document, name: str) -> Document | None:
        """The form a row's name cites by code, else the procedure's form of that title."""
        if cited := form_code_in(name):
            candidates = self.by_numbers.get((int(cited[0]), int(cited[1])), [])
            department = cited[2]
            for form in candidates:
                if department and form.code.upper().endswith("-" + department):
                    return form
            own = [f for f in candidates if f.procedure_id == document.pk]
            if own or len(candidates) == 1:
                return (own or candidates)[0]
        wanted = normal_name(name)
        for form in self.by_procedure.get(document.pk, []):
            if normal_name(form.title) and normal_name(form.title) in wanted:
                return form
        return None


def sync_series_for_document(*, document: Document, actor, forms: _Forms | None = None):
    """Make the document's series match its effective edition's records; return counts."""
    forms = forms or _Forms()
    result = SyncResult()
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        document = Document.objects.select_related("current").get(pk=document.pk)
        edition = document.current
        rows = list(RecordKept.objects.filter(revision=edition)) if edition else []
        existing = {normal_name(s.name): s for s in RecordSeries.objects.filter(document=document)}
        seen = set()
        for row in rows:
            key = normal_name(row.name)
            if not key or key in seen:
                continue
            seen.add(key)
            series = existing.get(key)
            if series is None:
                series = _new_series(document, edition, row, forms)
                result.created += 1
            elif _refresh(series, row, edition, forms):
                result.updated += 1
            else:
                continue
            series.synced_at = now
            series.save()
        for key, series in existing.items():
            if key not in seen and series.dropped_in_edition is None:
                series.dropped_in_edition = edition.number if edition else series.since_edition
                series.dropped_on = timezone.localdate()
                series.version += 1
                series.synced_at = now
                series.save()
                _refresh_retain_until(series)
                result.dropped += 1
    return result


def _new_series(document, edition, row, forms) -> RecordSeries:
    retention, months = parse_retention(row.retention)
    return RecordSeries(
        document=document,
        department_id=document.department_id,
        form=forms.match(document, row.name),
        name=row.name[:300],
        keeper=row.keeper,
        place=row.place,
        medium=parse_medium(row.medium),
        medium_text=row.medium,
        retention=retention,
        retention_months=months,
        retention_text=row.retention,
        order=row.order,
        since_edition=edition.number,
    )


def _refresh(series: RecordSeries, row, edition, forms) -> bool:
    """Take the row's keeper, place, medium and retention; True when something changed."""
    before = (
        series.keeper,
        series.place,
        series.medium_text,
        series.retention_text,
        series.order,
        series.dropped_in_edition,
        series.retention,
        series.retention_months,
        series.form_id,
    )
    series.keeper, series.place, series.order = row.keeper, row.place, row.order
    if row.medium != series.medium_text:
        series.medium, series.medium_text = parse_medium(row.medium), row.medium
    if row.retention != series.retention_text:
        series.retention, series.retention_months = parse_retention(row.retention)
        series.retention_text = row.retention
        series.retention_set_by_owner = False
    if series.form_id is None:
        series.form = forms.match(series.document, row.name)
    if series.dropped_in_edition is not None:
        series.dropped_in_edition = series.dropped_on = None
        series.since_edition = edition.number
    after = (
        series.keeper,
        series.place,
        series.medium_text,
        series.retention_text,
        series.order,
        series.dropped_in_edition,
        series.retention,
        series.retention_months,
        series.form_id,
    )
    if before == after:
        return False
    series.version += 1
    if before[5:8] != after[5:8]:
        transaction.on_commit(lambda pk=series.pk: _refresh_retain_until_pk(pk))
    return True


def _refresh_retain_until_pk(pk) -> None:
    series = RecordSeries.objects.filter(pk=pk).first()
    if series is not None:
        _refresh_retain_until(series)


def _refresh_retain_until(series: RecordSeries) -> None:
    """Recompute the day each kept record of ``series`` may go (its retention changed)."""
    entries = list(RecordEntry.objects.kept().filter(series=series))
    for entry in entries:
        entry.retain_until = series.retain_until(entry.period_end)
    RecordEntry.objects.bulk_update(entries, ["retain_until"])


def sync_all_series(*, actor) -> SyncResult:
    """Every document with series or records: the nightly pass and the secretariat's button."""
    forms = _Forms()
    result = SyncResult()
    ids = set(Document.objects.filter(current__records__isnull=False).values_list("pk", flat=True))
    ids |= set(RecordSeries.objects.required().values_list("document_id", flat=True))
    for document in Document.objects.filter(pk__in=ids).order_by("code"):
        result += sync_series_for_document(document=document, actor=actor, forms=forms)
    return result


__all__ = ["Retention", "SyncResult", "sync_all_series", "sync_series_for_document"]
