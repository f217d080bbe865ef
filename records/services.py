"""Writes of the records register: series edited, records logged, disposals
proposed, approved and carried out. Keyword-only, with an explicit ``actor``, in a
transaction; history rows name the actor (``acting_as``).

Nothing is deleted before both approvals: a disposal's files leave the storage
only after the transaction that records the second approval has committed, and
the rows stay, marked with the disposal record's reference.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.history import acting_as
from records import permissions
from records.models import (
    DisposalProposal,
    DisposalSignOff,
    RecordEntry,
    RecordSeries,
    Retention,
)
from records.sync import _refresh_retain_until, sync_all_series, sync_series_for_document

__all__ = [
    "RecordsError",
    "approve_disposal",
    "log_record",
    "propose_disposal",
    "save_series",
    "sync_all_series",
    "sync_series_for_document",
    "withdraw_disposal",
]


class RecordsError(Exception):
    """A rule of the register refused the change; the message says why."""


def save_series(*, series: RecordSeries, actor, data: dict, version: int) -> RecordSeries:
    """Change a series' form, keeper, place, medium or retention; refused when someone
    saved it since ``version`` was read."""
    if not permissions.can_manage_series(actor, series):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        updated = RecordSeries.objects.filter(pk=series.pk, version=version).update(
            version=version + 1
        )
        if not updated:
            raise RecordsError(
                _("Someone else saved this series meanwhile: reload the page and try again.")
            )
        series = RecordSeries.objects.select_for_update().get(pk=series.pk)
        retention_before = (series.retention, series.retention_months)
        for name in ("form", "keeper", "place", "medium", "retention", "retention_months"):
            setattr(series, name, data[name])
        if series.retention != Retention.MONTHS:
            series.retention_months = None
        if (series.retention, series.retention_months) != retention_before:
            series.retention_set_by_owner = True
        series.save()
        _refresh_retain_until(series)
    return series


def log_record(
    *,
    series: RecordSeries,
    actor,
    period: str,
    period_start: date,
    period_end: date,
    description: str,
    location: str = "",
    count: int = 1,
    upload=None,
) -> RecordEntry:
    """Log the records a series kept for a period, with a file (checked by the form)."""
    if not permissions.can_log(actor, series):
        raise PermissionDenied
    if period_end < period_start:
        raise RecordsError(_("The period ends before it starts."))
    with transaction.atomic(), acting_as(actor):
        entry = RecordEntry(
            series=series,
            period=period,
            period_start=period_start,
            period_end=period_end,
            description=description,
            location=location,
            count=count,
            logged_by=actor,
            retain_until=series.retain_until(period_end),
        )
        if upload is not None:
            entry.file_name = upload.name[:255]
            entry.file.save(upload.name, upload, save=False)
        entry.save()
    return entry


def disposal_candidates(department, today: date):
    """Records of ``department`` past retention that no proposal holds."""
    return (
        RecordEntry.objects.past_retention(today)
        .filter(series__department=department)
        .select_related("series__document")
        .order_by("series__document__code", "series__order", "period_end")
    )


def _next_reference(today: date) -> str:
    prefix = f"HUY-{today:%Y}-"
    last = (
        DisposalProposal.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:03d}"


def propose_disposal(
    *,
    department,
    actor,
    entries,
    method: str,
    council: str,
    place: str = "",
    reason: str = "",
    today: date | None = None,
) -> DisposalProposal:
    """Open a proposal listing records of ``department`` past their retention."""
    today = today or timezone.localdate()
    if not permissions.can_propose(actor, department):
        raise PermissionDenied
    ids = [e.pk for e in entries]
    if not ids:
        raise RecordsError(_("Choose at least one record to dispose of."))
    with transaction.atomic(), acting_as(actor):
        held = list(disposal_candidates(department, today).filter(pk__in=ids).select_for_update())
        if len(held) != len(set(ids)):
            raise RecordsError(
                _("Some of the chosen records are not past retention or already proposed.")
            )
        proposal = DisposalProposal.objects.create(
            reference=_next_reference(today),
            department=department,
            method=method,
            council=council,
            place=place,
            reason=reason,
            proposed_by=actor,
        )
        for entry in held:
            entry.proposal = proposal
            entry.save(update_fields=["proposal"])
    return proposal


def approve_disposal(*, proposal: DisposalProposal, actor, comment: str = "") -> DisposalProposal:
    """Sign the proposal as head or secretariat (either order); the second approval
    carries out the disposal."""
    with transaction.atomic(), acting_as(actor):
        proposal = DisposalProposal.objects.select_for_update().get(pk=proposal.pk)
        role = permissions.signing_role(actor, proposal)
        if role is None:
            raise RecordsError(_("You have no approval to give on this proposal."))
        DisposalSignOff.objects.create(proposal=proposal, role=role, user=actor, comment=comment)
        if proposal.signoffs.count() == len(DisposalSignOff.Role.values):
            _carry_out(proposal)
    return proposal


def _carry_out(proposal: DisposalProposal) -> None:
    """Mark the records disposed of and remove their files once the approval is committed."""
    now = timezone.now()
    entries = list(proposal.entries.select_for_update())
    files = [(entry.file.storage, entry.file.name) for entry in entries if entry.file]
    for entry in entries:
        entry.disposal_done_at = now
        entry.file = ""
        entry.save(update_fields=["disposal_done_at", "file"])
    proposal.status = DisposalProposal.Status.DISPOSED
    proposal.disposed_at = now
    proposal.version += 1
    proposal.save(update_fields=["status", "disposed_at", "version"])

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)


def withdraw_disposal(*, proposal: DisposalProposal, actor) -> DisposalProposal:
    """Give up a pending proposal: its records return to the candidates, nothing removed."""
    with transaction.atomic(), acting_as(actor):
        proposal = DisposalProposal.objects.select_for_update().get(pk=proposal.pk)
        if not permissions.can_withdraw(actor, proposal):
            raise RecordsError(_("This proposal cannot be withdrawn."))
        proposal.entries.update(proposal=None)
        proposal.status = DisposalProposal.Status.WITHDRAWN
        proposal.version += 1
        proposal.save(update_fields=["status", "version"])
    return proposal
