"""Writes of the context register and the interested parties.

Every write is one function here with keyword-only arguments and an explicit
``actor``; each checks the rights in ``context/permissions.py``, runs in a
transaction and is recorded in the models' history under the actor's name.
An edit carries the ``version`` the person read and is refused if the row moved
on since (someone else saved it).
"""

from datetime import datetime, time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from context import permissions
from context.errors import ContextRuleError, StaleEdit
from context.models import (
    TARGETS_OF,
    ContextSettings,
    Issue,
    IssueReview,
    Need,
    NeedLink,
    Party,
)
from documents.history import acting_as

ISSUE_FIELDS = (
    "title",
    "description",
    "origin",
    "effect",
    "pestle",
    "impact",
    "department",
    "identified_on",
)
PARTY_FIELDS = ("name", "kind", "description", "order")


def _check_version(row, version: int) -> None:
    if version != row.version:
        raise StaleEdit(
            _(
                "Someone else saved this since you opened it. "
                "Reload the page and make your change again."
            )
        )


def _locked(model, pk):
    return model.objects.select_for_update().get(pk=pk)


# --- the grouping ----------------------------------------------------------------------


def set_grouping(*, actor, grouping: str, version: int) -> ContextSettings:
    if not permissions.can_set_grouping(actor):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        row = ContextSettings.objects.select_for_update().order_by("pk").first()
        if row is None:
            return ContextSettings.objects.create(grouping=grouping)
        _check_version(row, version)
        if row.grouping != grouping:
            row.grouping = grouping
            row.version += 1
            row.save()
        return row


# --- issues ------------------------------------------------------------------------------


def _next_code() -> str:
    last = (
        Issue.objects.select_for_update()
        .filter(code__startswith="VD-")
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"VD-{number:03d}"


def add_issue(*, actor, fields: dict, departments=(), procedures=()) -> Issue:
    """Record an issue; its first yearly review falls twelve months after it is identified."""
    issue = Issue(**{name: fields[name] for name in ISSUE_FIELDS if name in fields})
    if not permissions.can_manage_issue(actor, issue):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        issue.identified_on = issue.identified_on or timezone.localdate()
        issue.next_review_on = Issue.review_due_after(issue.identified_on)
        issue.code = _next_code()
        issue.save()
        issue.departments.set(departments)
        issue.procedures.set(procedures)
    return issue


def update_issue(
    *, actor, issue: Issue, fields: dict, version: int, departments=(), procedures=()
) -> Issue:
    if not permissions.can_manage_issue(actor, issue):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        row = _locked(Issue, issue.pk)
        _check_version(row, version)
        for name in ISSUE_FIELDS:
            if name in fields:
                setattr(row, name, fields[name])
        # A head may not hand the issue to a department they do not lead.
        if not permissions.can_manage_issue(actor, row):
            raise PermissionDenied
        row.version += 1
        row.save()
        if set(row.departments.values_list("pk", flat=True)) != {d.pk for d in departments}:
            row.departments.set(departments)
        if set(row.procedures.values_list("pk", flat=True)) != {d.pk for d in procedures}:
            row.procedures.set(procedures)
    return row


def review_issue(*, actor, issue: Issue, note: str, today=None) -> IssueReview:
    """Stamp the issue as reviewed now by ``actor``; the next review is due a year on."""
    if not permissions.can_manage_issue(actor, issue):
        raise PermissionDenied
    today = today or timezone.localdate()
    with transaction.atomic(), acting_as(actor):
        row = _locked(Issue, issue.pk)
        if row.is_closed:
            raise ContextRuleError(_("A closed issue is not reviewed any more."))
        review = IssueReview.objects.create(
            issue=row,
            reviewed_by=actor,
            note=note,
            # A review recorded for an earlier day (the demo's) is dated that day.
            reviewed_at=timezone.now()
            if today == timezone.localdate()
            else timezone.make_aware(datetime.combine(today, time(9))),
        )
        row.last_reviewed_on = today
        row.next_review_on = Issue.review_due_after(today)
        row.version += 1
        row.save(update_fields=["last_reviewed_on", "next_review_on", "version", "updated_at"])
    return review


def close_issue(*, actor, issue: Issue, note: str, version: int, today=None) -> Issue:
    """The issue no longer bears on the system; it stays in the register, closed."""
    if not permissions.can_manage_issue(actor, issue):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        row = _locked(Issue, issue.pk)
        _check_version(row, version)
        if row.is_closed:
            raise ContextRuleError(_("This issue is already closed."))
        row.closed_on = today or timezone.localdate()
        row.closing_note = note
        row.version += 1
        row.save(update_fields=["closed_on", "closing_note", "version", "updated_at"])
    return row


# --- interested parties ---------------------------------------------------------------


def _require_parties(actor) -> None:
    if not permissions.can_manage_parties(actor):
        raise PermissionDenied


def add_party(*, actor, fields: dict) -> Party:
    _require_parties(actor)
    with transaction.atomic(), acting_as(actor):
        return Party.objects.create(**{n: fields[n] for n in PARTY_FIELDS if n in fields})


def update_party(*, actor, party: Party, fields: dict, version: int) -> Party:
    _require_parties(actor)
    with transaction.atomic(), acting_as(actor):
        row = _locked(Party, party.pk)
        _check_version(row, version)
        for name in PARTY_FIELDS:
            if name in fields:
                setattr(row, name, fields[name])
        row.version += 1
        row.save()
    return row


def _set_retired(model, pk: int, *, version: int, on, note: str, refused: str):
    """Mark the row (a party or a need) as no longer relevant since ``on`` with
    ``note``, or back in the register with ``on=None``; ``refused`` when it is so
    already. Locked and versioned like every edit here."""
    row = _locked(model, pk)
    _check_version(row, version)
    if row.is_retired == (on is not None):
        raise ContextRuleError(refused)
    row.retired_on = on
    row.retiring_note = note
    row.version += 1
    row.save(update_fields=["retired_on", "retiring_note", "version"])
    return row


def retire_party(*, actor, party: Party, note: str, version: int, today=None) -> Party:
    """The party is no longer relevant to the system (4.2): it leaves the register and
    its PDF, and stays on file with why, its needs and its history."""
    _require_parties(actor)
    if not (note or "").strip():
        raise ContextRuleError(_("Say why the party is no longer relevant."))
    with transaction.atomic(), acting_as(actor):
        return _set_retired(
            Party,
            party.pk,
            version=version,
            on=today or timezone.localdate(),
            note=note.strip(),
            refused=_("This party is already marked as no longer relevant."),
        )


def reinstate_party(*, actor, party: Party, version: int) -> Party:
    """The party is relevant again: back in the register, with its needs and links."""
    _require_parties(actor)
    with transaction.atomic(), acting_as(actor):
        return _set_retired(
            Party,
            party.pk,
            version=version,
            on=None,
            note="",
            refused=_("This party is in the register already."),
        )


def _require_current(party: Party) -> None:
    if party.is_retired:
        raise ContextRuleError(
            _("This party is no longer relevant: reinstate it before changing its needs.")
        )


def add_need(*, actor, party: Party, text: str) -> Need:
    _require_parties(actor)
    _require_current(party)
    with transaction.atomic(), acting_as(actor):
        order = party.needs.count() + 1
        return Need.objects.create(party=party, text=text, order=order)


def retire_need(*, actor, need: Need, note: str, version: int, today=None) -> Need:
    """The need is no longer relevant: it leaves the register and its PDF, and stays
    on the party's page with why, its links and its history."""
    _require_parties(actor)
    _require_current(need.party)
    if not (note or "").strip():
        raise ContextRuleError(_("Say why the need is no longer relevant."))
    with transaction.atomic(), acting_as(actor):
        return _set_retired(
            Need,
            need.pk,
            version=version,
            on=today or timezone.localdate(),
            note=note.strip(),
            refused=_("This need is already marked as no longer relevant."),
        )


def reinstate_need(*, actor, need: Need, version: int) -> Need:
    _require_parties(actor)
    _require_current(need.party)
    with transaction.atomic(), acting_as(actor):
        return _set_retired(
            Need,
            need.pk,
            version=version,
            on=None,
            note="",
            refused=_("This need is in the register already."),
        )


def _require_current_need(need: Need) -> None:
    _require_current(need.party)
    if need.is_retired:
        raise ContextRuleError(
            _("This need is no longer relevant: put it back before changing it.")
        )


def update_need(*, actor, need: Need, text: str, version: int) -> Need:
    _require_parties(actor)
    _require_current_need(need)
    with transaction.atomic(), acting_as(actor):
        row = _locked(Need, need.pk)
        _check_version(row, version)
        row.text = text
        row.version += 1
        row.save()
    return row


def link_need(*, actor, need: Need, role: str, target: str, obj) -> NeedLink:
    """Link ``need`` to ``obj`` (a document, objective, indicator or survey) as ``role``."""
    _require_parties(actor)
    _require_current_need(need)
    if target not in TARGETS_OF.get(role, ()):
        raise ContextRuleError(_("This kind of object cannot be linked that way."))
    with transaction.atomic(), acting_as(actor):
        existing = NeedLink.objects.filter(need=need, role=role, target=target, **{target: obj})
        if existing.exists():
            raise ContextRuleError(_("This link is already there."))
        return NeedLink.objects.create(need=need, role=role, target=target, **{target: obj})


def unlink_need(*, actor, link: NeedLink) -> None:
    _require_parties(actor)
    _require_current_need(link.need)
    with transaction.atomic(), acting_as(actor):
        link.delete()
