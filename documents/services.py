"""Business rules of document control: every write that matters goes through here.

Each function takes an explicit ``actor``, runs in one transaction, locks the
document row (``select_for_update``) so that lifecycle changes of one document
happen one after the other, writes its event row (``SignOff``,
``Acknowledgement``, ``ReviewRecord``) and records ``actor`` in the history, also
when called from a Celery task or a command. Rights are checked by the caller
(views fetch through ``documents.permissions``); these functions check the rules
of the lifecycle and raise :class:`LifecycleError` or :class:`ConflictError`
with a translated message.
"""

import os
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from documents import permissions
from documents.history import acting_as
from documents.models import (
    Acknowledgement,
    ChangeRequest,
    Document,
    EditionImage,
    RecordKept,
    ReviewRecord,
    Revision,
    SignOff,
    Step,
)
from ims.permissions import role_labels, user_roles

State = Revision.State
CONTENT_FIELDS = ["change_summary", "body", "purpose", "scope", "references", "terms"]
STEP_FIELDS = ["phase", "name", "responsible", "action", "time_limit", "record"]
RECORD_FIELDS = ["name", "keeper", "place", "retention", "medium"]


class LifecycleError(Exception):
    """A lifecycle rule refused the change; ``message`` says why, translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConflictError(LifecycleError):
    """Somebody else saved the draft since it was opened (optimistic locking)."""

    def __init__(self, message: str, *, current_version: int):
        super().__init__(message)
        self.current_version = current_version


# --- helpers -----------------------------------------------------------------------


def _display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _position_of(user) -> str:
    profile = getattr(user, "profile", None)
    if profile is not None and profile.position_id:
        return profile.position.name
    return ", ".join(role_labels(user_roles(user)))


def _sign(
    revision: Revision, step: str, actor, comment: str = "", auth_method: str = ""
) -> SignOff:
    """The sign-off row; ``auth_method`` says how the actor confirmed it was them
    (``ims.reauth.AuthMethod``), empty when the system acts in their name."""
    return SignOff.objects.create(
        revision=revision,
        step=step,
        user=actor,
        name=_display_name(actor),
        position=_position_of(actor),
        role=", ".join(sorted(user_roles(actor))),
        signed_at=timezone.now(),
        comment=comment,
        auth_method=auth_method,
    )


def _lock(revision: Revision) -> Revision:
    """Lock the edition's document, then return the edition re-read under that lock.

    Every lifecycle change of a document takes the document row first, so two
    of them on the same document run one after the other. Caller is in a transaction.
    """
    Document.objects.select_for_update().get(pk=revision.document_id)
    return Revision.objects.select_related("document").get(pk=revision.pk)


def _move(revision: Revision, new_state: str) -> None:
    if not revision.can_move_to(new_state):
        raise LifecycleError(
            _("An edition that is “%(state)s” cannot become “%(new)s”.")
            % {"state": revision.get_state_display(), "new": State(new_state).label}
        )
    revision.state = new_state


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def steps_as_data(revision: Revision) -> list[dict]:
    return [{f: getattr(s, f) for f in STEP_FIELDS} for s in revision.steps.all()]


def records_as_data(revision: Revision) -> list[dict]:
    return [{f: getattr(r, f) for f in RECORD_FIELDS} for r in revision.records.all()]


def _replace_rows(model, existing: list, rows: list[dict], fields: list[str], revision) -> None:
    """Make the rows of ``revision`` equal ``rows``, in order, changing rows in place
    so the history shows a changed step as a change of that step."""
    for order, data in enumerate(rows, start=1):
        values = {f: (data.get(f) or "").strip() for f in fields}
        if order <= len(existing):
            row = existing[order - 1]
            if row.order != order or any(getattr(row, f) != v for f, v in values.items()):
                row.order = order
                for f, v in values.items():
                    setattr(row, f, v)
                row.save()
        else:
            model.objects.create(revision=revision, order=order, **values)
    for row in existing[len(rows) :]:
        row.delete()


def _snapshot(revision: Revision) -> dict:
    return {"steps": steps_as_data(revision), "records": records_as_data(revision)}


def _fix_content(revision: Revision) -> None:
    """After its content or steps were written: the edition's snapshot (its steps and
    records as saved, for the history) and its folded search text (the caller saves)."""
    revision.snapshot = _snapshot(revision)
    revision.search_text = revision.build_search_text(steps=revision.snapshot["steps"])


# --- documents and drafts --------------------------------------------------------


@transaction.atomic
def create_document(
    *,
    actor,
    code: str,
    title: str,
    kind: str,
    department,
    clauses=(),
    distribution=(),
    distribution_units=(),
    **fields,
) -> Document:
    """A new document with its first draft edition (number 1)."""
    with acting_as(actor):
        if Document.objects.filter(code=code).exists():
            raise LifecycleError(_("A document with the code %(code)s exists.") % {"code": code})
        document = Document.objects.create(
            code=code, title=title, kind=kind, department=department, **fields
        )
        if clauses:
            document.clauses.set(clauses)
        if distribution:
            document.distribution.set(distribution)
        if distribution_units:
            document.distribution_units.set(distribution_units)
        revision = Revision.objects.create(document=document, number=1, created_by=actor)
        _fix_content(revision)
        revision.save(update_fields=["snapshot", "search_text"])
    return document


@transaction.atomic
def update_document(*, document: Document, actor, fields: dict, many: dict) -> Document:
    """Change what the register holds about a document (``fields``: model fields,
    ``many``: many-to-many sets). Rights follow a change of department."""
    with acting_as(actor):
        locked = Document.objects.select_for_update().get(pk=document.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        for name, values in many.items():
            getattr(locked, name).set(values)
        if {"code", "title"} & fields.keys():
            # The search text of every edition starts with the code and title.
            for revision in locked.revisions.prefetch_related("steps"):
                text = revision.build_search_text(steps=revision.steps.all())
                Revision.objects.filter(pk=revision.pk).update(search_text=text)
    return locked


@transaction.atomic
def create_draft(*, document: Document, actor) -> Revision:
    """A new draft edition, starting from the content of the effective one."""
    with acting_as(actor):
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.is_obsolete:
            raise LifecycleError(_("This document is obsolete: it takes no new edition."))
        in_progress = document.revisions.filter(state__in=Revision.WORK_IN_PROGRESS).first()
        if in_progress is not None:
            raise LifecycleError(
                _("Edition %(number)s is already in progress; finish it first.")
                % {"number": in_progress.number}
            )
        last = document.revisions.order_by("-number").first()
        source = document.current or last
        revision = Revision(document=document, number=(last.number + 1) if last else 1)
        revision.created_by = actor
        if source is not None:
            for field in CONTENT_FIELDS:
                setattr(revision, field, getattr(source, field))
        revision.change_summary = ""
        revision.save()
        if source is not None:
            Step.objects.bulk_create(
                Step(revision=revision, order=s.order, **{f: getattr(s, f) for f in STEP_FIELDS})
                for s in source.steps.all()
            )
            RecordKept.objects.bulk_create(
                RecordKept(
                    revision=revision, order=r.order, **{f: getattr(r, f) for f in RECORD_FIELDS}
                )
                for r in source.records.all()
            )
            # The images carry over with their numbers (the text names them so),
            # sharing the stored files: nothing is ever deleted.
            EditionImage.objects.bulk_create(
                EditionImage(
                    revision=revision,
                    **{f: getattr(image, f) for f in IMAGE_FIELDS},
                )
                for image in source.images.all()
            )
        _fix_content(revision)
        revision.save(update_fields=["snapshot", "search_text"])
    return revision


@transaction.atomic
def save_draft(*, revision: Revision, actor, data: dict, version: int) -> Revision:
    """Save the editor's content into a draft, refusing a stale ``version``.

    ``data`` holds any of ``CONTENT_FIELDS`` and, for procedures, ``steps`` and
    ``records`` (lists of dicts, in order). The draft's ``version`` goes up by one;
    a save carrying an older version raises :class:`ConflictError` and changes nothing.
    """
    with acting_as(actor):
        current = _lock(revision)
        if not current.is_editable:
            raise LifecycleError(
                _("This edition is “%(state)s”: only a draft can be edited.")
                % {"state": current.get_state_display()}
            )
        if int(version) != current.version:
            last = current.history.first()
            who = _display_name(last.history_user) if last and last.history_user else "?"
            raise ConflictError(
                _(
                    "%(who)s saved this draft at %(when)s, after you opened it. Your text "
                    "was not saved: it is still in the form below. Open the draft in a new "
                    "tab, bring your changes into it and save again."
                )
                % {"who": who, "when": timezone.localtime(current.updated_at).strftime("%H:%M")},
                current_version=current.version,
            )
        for field in CONTENT_FIELDS:
            if field in data:
                setattr(current, field, (data[field] or "").strip())
        if "steps" in data:
            _replace_rows(Step, list(current.steps.all()), data["steps"], STEP_FIELDS, current)
        if "records" in data:
            _replace_rows(
                RecordKept, list(current.records.all()), data["records"], RECORD_FIELDS, current
            )
        _fix_content(current)
        current.version += 1
        current.save()
    return current


@transaction.atomic
def import_effective_document(
    *,
    actor,
    code: str,
    title: str,
    kind: str,
    department,
    number: int,
    effective_date: date,
    content: dict,
    source: str,
    imported_signoffs: dict | None = None,
    imported_history: list | None = None,
) -> Revision:
    """A document brought in from its file, with that edition effective at once.

    ``content`` holds any of ``CONTENT_FIELDS`` and, for procedures, ``steps`` and
    ``records``. The edition was signed on paper: its names are kept as
    ``imported_signoffs`` (shown as imported) and the only sign-off written here
    is the import itself (PUBLISHED by ``actor``, naming the file). Refused with
    :class:`LifecycleError` when the code is taken.
    """
    with acting_as(actor):
        if Document.objects.filter(code=code).exists():
            raise LifecycleError(
                _("%(code)s is already in the register; import its text into its draft instead.")
                % {"code": code}
            )
        document = Document.objects.create(code=code, title=title, kind=kind, department=department)
        revision = Revision(
            document=document,
            number=number,
            state=State.EFFECTIVE,
            effective_date=effective_date,
            created_by=actor,
            imported_signoffs=imported_signoffs or {},
            imported_history=imported_history or [],
        )
        for field in CONTENT_FIELDS:
            setattr(revision, field, (content.get(field) or "").strip())
        revision.change_summary = revision.change_summary or _("Imported from %(file)s") % {
            "file": source
        }
        revision.save()
        if document.has_sections:
            _replace_rows(Step, [], content.get("steps", []), STEP_FIELDS, revision)
            _replace_rows(RecordKept, [], content.get("records", []), RECORD_FIELDS, revision)
        _fix_content(revision)
        revision.save(update_fields=["snapshot", "search_text", "updated_at"])
        document.current = revision
        document.next_review_on = document.review_due_after(effective_date)
        document.save(update_fields=["current", "next_review_on"])
        _sign(
            revision,
            SignOff.Step.PUBLISHED,
            actor,
            comment=_("Imported from %(file)s; signed on paper.") % {"file": source},
        )
    return revision


# --- the lifecycle -----------------------------------------------------------------


@transaction.atomic
def submit_for_review(
    *, revision: Revision, actor, comment: str = "", auth_method: str = ""
) -> Revision:
    """Draft → in review; the submitter signs as the one who prepared it."""
    with acting_as(actor):
        revision = _lock(revision)
        if revision.state == State.DRAFT and not revision.change_summary and revision.number > 1:
            raise LifecycleError(_("Say what changed in this edition before sending it."))
        _move(revision, State.IN_REVIEW)
        revision.save(update_fields=["state", "updated_at"])
        _sign(revision, SignOff.Step.PREPARED, actor, comment, auth_method)
    return revision


def is_reviewed(revision: Revision) -> bool:
    """Reviewed since it was last prepared (a send-back makes it need a new review)."""
    return revision.is_reviewed


@transaction.atomic
def review(*, revision: Revision, actor, comment: str = "", auth_method: str = "") -> Revision:
    """The reviewer (department head or secretariat) signs an edition in review as checked."""
    with acting_as(actor):
        revision = _lock(revision)
        if revision.state != State.IN_REVIEW:
            raise LifecycleError(_("Only an edition in review can be reviewed."))
        if is_reviewed(revision):
            raise LifecycleError(_("This edition has already been reviewed."))
        _sign(revision, SignOff.Step.REVIEWED, actor, comment, auth_method)
    return revision


@transaction.atomic
def send_back(*, revision: Revision, actor, comment: str) -> Revision:
    """In review or approved → draft, with the reviewer's comment (required)."""
    if not (comment or "").strip():
        raise LifecycleError(_("Say what must change when sending an edition back."))
    with acting_as(actor):
        revision = _lock(revision)
        if revision.state not in (State.IN_REVIEW, State.APPROVED):
            raise LifecycleError(_("Only an edition in review or approved can be sent back."))
        _move(revision, State.DRAFT)
        revision.save(update_fields=["state", "updated_at"])
        _sign(revision, SignOff.Step.SENT_BACK, actor, comment.strip())
    return revision


@transaction.atomic
def approve(
    *,
    revision: Revision,
    actor,
    effective_date: date | None = None,
    comment: str = "",
    auth_method: str = "",
) -> Revision:
    """In review (and reviewed) → approved, to take effect on ``effective_date`` (default today)."""
    with acting_as(actor):
        revision = _lock(revision)
        if revision.state == State.IN_REVIEW and not is_reviewed(revision):
            raise LifecycleError(_("This edition must be reviewed before it is approved."))
        _move(revision, State.APPROVED)
        revision.effective_date = effective_date or timezone.localdate()
        revision.save(update_fields=["state", "effective_date", "updated_at"])
        _sign(revision, SignOff.Step.APPROVED, actor, comment, auth_method)
    return revision


@transaction.atomic
def publish(
    *,
    revision: Revision,
    actor,
    distribution=None,
    units=None,
    today: date | None = None,
    auth_method: str = "",
) -> Revision:
    """Approved → effective on its effective date; the previous effective edition
    becomes superseded in the same transaction, under the document's row lock,
    so the document never has zero or two effective editions."""
    today = _today(today)
    with acting_as(actor):
        revision = _lock(revision)
        if revision.state == State.EFFECTIVE:
            raise LifecycleError(_("This edition is already effective."))
        if revision.state != State.APPROVED:
            raise LifecycleError(_("Only an approved edition can be published."))
        if revision.effective_date and revision.effective_date > today:
            raise LifecycleError(
                _("This edition takes effect on %(date)s; it is published on that day.")
                % {"date": date_format(revision.effective_date, "SHORT_DATE_FORMAT")}
            )
        document = revision.document
        previous = document.revisions.filter(state=State.EFFECTIVE).first()
        if previous is not None:
            _move(previous, State.SUPERSEDED)
            previous.save(update_fields=["state", "updated_at"])
        _move(revision, State.EFFECTIVE)
        revision.effective_date = revision.effective_date or today
        revision.save(update_fields=["state", "effective_date", "updated_at"])
        document.current = revision
        document.next_review_on = document.review_due_after(revision.effective_date)
        document.save(update_fields=["current", "next_review_on"])
        if distribution is not None:
            document.distribution.set(distribution)
        if units is not None:
            document.distribution_units.set(units)
        _sign(revision, SignOff.Step.PUBLISHED, actor, auth_method=auth_method)
    return revision


@transaction.atomic
def make_obsolete(*, document: Document, actor, reason: str) -> Document:
    """Withdraw a document: its effective edition and any edition in progress become
    obsolete. Nothing is deleted; the editions stay readable, marked obsolete."""
    if not (reason or "").strip():
        raise LifecycleError(_("Say why the document is withdrawn."))
    with acting_as(actor):
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.is_obsolete:
            raise LifecycleError(_("This document is already obsolete."))
        live = list(document.revisions.exclude(state__in=Revision.PAST_STATES))
        for revision in live:
            _move(revision, State.OBSOLETE)
            revision.save(update_fields=["state", "updated_at"])
            _sign(revision, SignOff.Step.WITHDRAWN, actor, reason.strip())
        document.is_obsolete = True
        document.current = None
        document.next_review_on = None
        document.save(update_fields=["is_obsolete", "current", "next_review_on"])
    return document


def publish_due_editions(*, today: date | None = None) -> list[Revision]:
    """Publish every approved edition whose effective date has come, in the name of
    the person who approved it. Run daily by the scheduler."""
    today = _today(today)
    published = []
    due = Revision.objects.filter(state=State.APPROVED, effective_date__lte=today)
    for revision in due.select_related("document"):
        approval = revision.signoffs.filter(step=SignOff.Step.APPROVED).order_by("-signed_at")
        approver = approval.first().user if approval.exists() else None
        if approver is None:
            continue
        try:
            published.append(publish(revision=revision, actor=approver, today=today))
        except LifecycleError:
            continue  # changed meanwhile (sent back, or published by hand)
    return published


# --- distribution and acknowledgement -----------------------------------------------


def recipients(document: Document):
    """Active people the document is distributed to: the owning department, the
    departments and units chosen on the document."""
    User = get_user_model()
    department_ids = [document.department_id, *document.distribution.values_list("pk", flat=True)]
    unit_ids = list(document.distribution_units.values_list("pk", flat=True))
    reach = Q(profile__department_id__in=department_ids)
    if unit_ids:
        reach |= Q(profile__unit_id__in=unit_ids)
    return User.objects.filter(reach, is_active=True)


def who_has_not_acknowledged(revision: Revision):
    """Recipients who have not acknowledged this exact edition, by department and name."""
    return (
        recipients(revision.document)
        .exclude(acknowledgements__revision=revision)
        .select_related("profile__department", "profile__unit")
        .order_by("profile__department__order", "profile__unit__name", "first_name", "username")
    )


@transaction.atomic
def acknowledge(*, revision: Revision, actor) -> Acknowledgement:
    """The person has read and understood this effective edition (a recipient only)."""
    if not permissions.can_acknowledge(actor, revision):
        raise PermissionDenied
    if revision.state != State.EFFECTIVE:
        raise LifecycleError(_("Only the effective edition can be acknowledged."))
    with acting_as(actor):
        try:
            with transaction.atomic():
                ack, _created = Acknowledgement.objects.get_or_create(
                    revision=revision, user=actor, defaults={"acknowledged_at": timezone.now()}
                )
        except IntegrityError:  # a double click raced itself
            ack = Acknowledgement.objects.get(revision=revision, user=actor)
    return ack


def acknowledgements_due(user):
    """Effective editions distributed to ``user`` that they have not acknowledged."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return Revision.objects.none()
    reach = Q()
    if profile.department_id:
        reach |= Q(document__department_id=profile.department_id)
        reach |= Q(document__distribution=profile.department_id)
    if profile.unit_id:
        reach |= Q(document__distribution_units=profile.unit_id)
    if not reach:
        return Revision.objects.none()
    return (
        Revision.objects.filter(reach, state=State.EFFECTIVE)
        .exclude(acknowledgements__user=user)
        .select_related("document")
        .distinct()
        .order_by("document__code")
    )


# --- change requests --------------------------------------------------------------


@transaction.atomic
def propose_change(*, document: Document, actor, reason: str) -> ChangeRequest:
    if not permissions.can_propose_change(actor, document):
        raise PermissionDenied
    if not (reason or "").strip():
        raise LifecycleError(_("Give the reason for the change."))
    if document.current_id is None or document.is_obsolete:
        raise LifecycleError(_("Changes can be proposed only to an effective document."))
    with acting_as(actor):
        return ChangeRequest.objects.create(
            document=document, proposed_by=actor, reason=reason.strip()
        )


def _decide(change_request: ChangeRequest) -> ChangeRequest:
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.state != ChangeRequest.State.OPEN:
        raise LifecycleError(_("This change request has already been decided."))
    return change_request


@transaction.atomic
def accept_change(*, change_request: ChangeRequest, actor, note: str = "") -> ChangeRequest:
    """Accept: a new draft edition is opened (or the one in progress is used) and linked."""
    with acting_as(actor):
        change_request = _decide(change_request)
        document = change_request.document
        draft = document.revisions.filter(state__in=Revision.WORK_IN_PROGRESS).first()
        if draft is None:
            draft = create_draft(document=document, actor=actor)
        change_request.state = ChangeRequest.State.ACCEPTED
        change_request.decided_by = actor
        change_request.decided_at = timezone.now()
        change_request.decision_note = (note or "").strip()
        change_request.revision = draft
        change_request.save()
    return change_request


@transaction.atomic
def reject_change(*, change_request: ChangeRequest, actor, note: str) -> ChangeRequest:
    if not (note or "").strip():
        raise LifecycleError(_("Give the reason for rejecting the request."))
    with acting_as(actor):
        change_request = _decide(change_request)
        change_request.state = ChangeRequest.State.REJECTED
        change_request.decided_by = actor
        change_request.decided_at = timezone.now()
        change_request.decision_note = note.strip()
        change_request.save()
    return change_request


# --- periodic review --------------------------------------------------------------


@dataclass(frozen=True)
class ReviewOutcome:
    record: ReviewRecord
    draft: Revision | None


@transaction.atomic
def confirm_review(
    *, document: Document, actor, note: str = "", today: date | None = None
) -> ReviewOutcome:
    """Periodic review: the effective edition stays as it is; the next review is set."""
    today = _today(today)
    with acting_as(actor):
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.current_id is None:
            raise LifecycleError(_("Only a document with an effective edition is reviewed."))
        record = ReviewRecord.objects.create(
            document=document,
            revision_id=document.current_id,
            reviewed_by=actor,
            reviewed_on=today,
            due_on=document.next_review_on,
            outcome=ReviewRecord.Outcome.UNCHANGED,
            note=(note or "").strip(),
        )
        document.next_review_on = document.review_due_after(today)
        document.save(update_fields=["next_review_on"])
    return ReviewOutcome(record=record, draft=None)


@transaction.atomic
def review_with_new_draft(
    *, document: Document, actor, note: str = "", today: date | None = None
) -> ReviewOutcome:
    """Periodic review that finds a change needed: recorded, and a new draft opened.
    The next review date follows when the new edition is published."""
    today = _today(today)
    with acting_as(actor):
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.current_id is None:
            raise LifecycleError(_("Only a document with an effective edition is reviewed."))
        draft = create_draft(document=locked, actor=actor)
        record = ReviewRecord.objects.create(
            document=locked,
            revision_id=locked.current_id,
            reviewed_by=actor,
            reviewed_on=today,
            due_on=locked.next_review_on,
            outcome=ReviewRecord.Outcome.NEW_DRAFT,
            note=(note or "").strip(),
        )
    return ReviewOutcome(record=record, draft=draft)


# --- images attached to an edition ---------------------------------------------------

IMAGE_FIELDS = ["number", "file", "name", "kind", "width", "height", "size", "uploaded_by"]
IMAGE_MAX_MB = 5


@transaction.atomic
def attach_image(*, revision: Revision, actor, file, importing: bool = False) -> EditionImage:
    """Attach an uploaded image (PNG or JPEG, checked by content) to a draft edition.

    ``file`` is an uploaded file (``UploadedFile`` or any file object with a
    ``name``). The content is checked by :func:`ims.uploads.check_image` (the
    signature, at most 5 MB and 25 million pixels, Pillow reads it whole); a
    refused file raises ``ValidationError`` with the reason and nothing is
    stored. The image is stored under MEDIA_ROOT with a name of our making and
    gets the next number among the document's images, which the Markdown names
    as ``attachment:<number>`` (:attr:`EditionImage.markdown`). Rights: the
    caller checked that ``actor`` may edit the document; the edition must be a
    draft (else :class:`LifecycleError`), unless ``importing``: the caller is
    creating the edition from an imported file in its own transaction.
    """
    from django.core.files import File

    from ims.uploads import check_image

    kind, width, height = check_image(file, max_mb=IMAGE_MAX_MB)
    with acting_as(actor):
        current = _lock(revision)
        if not (current.is_editable or importing):
            raise LifecycleError(
                _("This edition is “%(state)s”: only a draft takes images.")
                % {"state": current.get_state_display()}
            )
        last = (
            EditionImage.objects.filter(revision__document_id=current.document_id)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        size = getattr(file, "size", None)
        if size is None:
            file.seek(0, 2)
            size = file.tell()
        file.seek(0)
        name = os.path.basename(getattr(file, "name", "") or "") or f"image.{kind}"
        image = EditionImage(
            revision=current,
            number=(last or 0) + 1,
            name=name[:255],
            kind=kind,
            width=width,
            height=height,
            size=size,
            uploaded_by=actor,
        )
        image.file.save("upload", File(file), save=False)
        image.save()
    return image
