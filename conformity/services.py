"""Writes of the conformity app: drafting, issuing and publishing the announcement,
compiling and freezing the yearly report; and the scope changes read from the data."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from conformity import permissions
from conformity.models import Announcement, ScopeReminder, YearlyReport
from conformity.reporting import compile_sections
from conformity.scope import current_scope, scope_changes
from ims.language import language_of
from ims.models import Organisation
from ims.notifications.choice import wants_immediate
from ims.roles import Role

LEGAL_BASES = (
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về "
    "việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào "
    "hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;\n"
    "Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10 tháng 10 năm 2014 của Bộ trưởng Bộ Khoa học "
    "và Công nghệ quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg;\n"
    "Căn cứ Quyết định số 101/QĐ-BKHCN ngày 21 tháng 01 năm 2019 của Bộ trưởng Bộ Khoa học và "
    "Công nghệ công bố Mô hình khung hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN "
    "ISO 9001:2015 cho các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước tại địa phương;"
)


class ConformityError(Exception):
    """A rule of the announcement or the report refused the change (message for the user)."""


# --- the announcement ----------------------------------------------------------------


def _require_manager(actor) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied


@transaction.atomic
def draft_announcement(*, actor) -> Announcement:
    """A draft decision drawn from the system: the procedures in force, and the
    wording of the last decision issued (or the standard wording the first time)."""
    _require_manager(actor)
    if Announcement.objects.filter(status=Announcement.Status.DRAFT).exists():
        raise ConformityError(_("A draft announcement exists already: finish or change it."))
    last = Announcement.objects.latest_issued()
    organisation = Organisation.current()
    name = organisation.name if organisation else ""
    announcement = Announcement(
        occasion=Announcement.Occasion.SCOPE_CHANGED if last else Announcement.Occasion.FIRST,
        legal_bases=last.legal_bases if last else LEGAL_BASES,
        place=last.place if last else "",
        signer_title=last.signer_title if last else "GIÁM ĐỐC",
        signer_name=last.signer_name if last else "",
        proposed_by=last.proposed_by if last else "Chánh Văn phòng Sở",
        scope_text=last.scope_text
        if last
        else (
            f"Các hoạt động liên quan đến việc giải quyết thủ tục hành chính và các hoạt động "
            f"nội bộ của {name}, theo các quy trình trong Phụ lục kèm theo Quyết định này."
        ),
        executors=last.executors
        if last
        else "Chánh Văn phòng, Trưởng các phòng thuộc Sở và các cá nhân có liên quan",
        recipients=last.recipients
        if last
        else (
            "- Như Điều 3;\n- Sở Khoa học và Công nghệ (để báo cáo);\n"
            "- Cổng thông tin điện tử của Sở (để đăng tải);\n- Lưu: VT, ISO."
        ),
        scope=current_scope(),
    )
    announcement._history_user = actor
    announcement.save()
    return announcement


def _locked_draft(announcement: Announcement, version: int | None = None) -> Announcement:
    locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if not locked.is_draft:
        raise ConformityError(_("This announcement is issued: it no longer changes."))
    if version is not None and locked.version != version:
        raise ConformityError(
            _(
                "Someone saved this announcement after you opened it. "
                "Reload the page: your changes were not saved."
            )
        )
    return locked


@transaction.atomic
def update_announcement(*, actor, announcement: Announcement, fields: dict, version: int):
    """Change the draft's wording; the scope is drawn again from the data."""
    _require_manager(actor)
    locked = _locked_draft(announcement, version)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.scope = current_scope()
    locked.version += 1
    locked._history_user = actor
    locked.save()
    return locked


@transaction.atomic
def issue_announcement(*, actor, announcement: Announcement) -> Announcement:
    """Record the decision as signed: its scope is frozen as the procedures in force now."""
    _require_manager(actor)
    locked = _locked_draft(announcement)
    missing = [
        str(label)
        for name, label in (
            ("number", _("the decision number")),
            ("signed_on", _("the date signed")),
            ("signer_name", _("the name of the signer")),
        )
        if not getattr(locked, name)
    ]
    if missing:
        raise ConformityError(
            _("Before it is issued, give %(missing)s.") % {"missing": ", ".join(missing)}
        )
    locked.scope = current_scope()
    if not locked.scope:
        raise ConformityError(_("No procedure is in force: there is nothing to announce."))
    locked.status = Announcement.Status.ISSUED
    locked.issued_at = timezone.now()
    locked.issued_by = actor
    locked.version += 1
    locked._history_user = actor
    locked.save()
    return locked


@transaction.atomic
def record_publication(
    *,
    actor,
    announcement: Announcement,
    sent_on: date | None,
    posted_on: date | None,
    posted_url: str,
) -> Announcement:
    """When the issued decision was sent to the Department of Science and Technology
    and posted publicly."""
    _require_manager(actor)
    locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if locked.is_draft:
        raise ConformityError(_("Issue the announcement before recording where it was sent."))
    for day in (sent_on, posted_on):
        if day and locked.signed_on and day < locked.signed_on:
            raise ConformityError(_("It cannot be sent or posted before it was signed."))
    locked.sent_on, locked.posted_on, locked.posted_url = sent_on, posted_on, posted_url
    locked._history_user = actor
    locked.save(update_fields=["sent_on", "posted_on", "posted_url"])
    return locked


def send_scope_reminders() -> int:
    """Tell the secretariat, once per set of changes, that the scope changed since
    the last announcement: it is announced again."""
    changes = scope_changes()
    if not changes:
        return 0
    people = list(
        get_user_model()
        .objects.filter(groups__name=Role.ISO_SECRETARIAT, is_active=True)
        .select_related("profile")
    )
    lines = [f"+ {r['code']} {r['title']}" for r in changes.added]
    lines += [f"- {r['code']} {r['title']}" for r in changes.withdrawn]
    lines += [f"~ {r['code']} {r['title']}" for r in changes.changed]
    # People who chose a summary read it in their inbox's summary instead; the others
    # get one e-mail per language they read.
    by_language: dict[str, list[str]] = {}
    for person in people:
        if person.email and wants_immediate(person):
            by_language.setdefault(language_of(person), []).append(person.email)
    addresses = [address for group in by_language.values() for address in group]
    try:
        with transaction.atomic():
            ScopeReminder.objects.create(announcement=changes.since, changes=changes.key)
            for language, group in by_language.items():
                with translation.override(language):
                    subject = _(
                        "The scope of the quality management system changed since decision "
                        "%(number)s"
                    ) % {"number": changes.since.number}
                    heading = _("Announce the system's conformity again with the new scope:")
                    body = "\n".join([heading, "", *lines])
                send_mail(f"[IMS] {subject}", body, None, group)
    except IntegrityError:
        return 0  # told already
    return len(addresses)


# --- the yearly report ---------------------------------------------------------------


@transaction.atomic
def compile_report(*, actor, fields: dict) -> YearlyReport:
    """A new yearly report with every section compiled from the data of the period."""
    _require_manager(actor)
    report = YearlyReport(
        **fields,
        sections=compile_sections(fields["period_start"], fields["period_end"]),
        compiled_at=timezone.now(),
        compiled_by=actor,
    )
    report._history_user = actor
    report.save()
    return report


def _locked_report(report: YearlyReport, version: int | None = None) -> YearlyReport:
    locked = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if locked.is_frozen:
        raise ConformityError(_("This report is frozen: it no longer changes."))
    if version is not None and locked.version != version:
        raise ConformityError(
            _(
                "Someone saved this report after you opened it. "
                "Reload the page: your changes were not saved."
            )
        )
    return locked


@transaction.atomic
def update_report(*, actor, report: YearlyReport, fields: dict, texts: dict, version: int):
    """Change the report's particulars and the texts of its sections (``texts``: by
    section key); the compiled tables stay as they were."""
    _require_manager(actor)
    locked = _locked_report(report, version)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.sections = [
        {**section, "text": texts.get(section["key"], section["text"])}
        for section in locked.sections
    ]
    locked.version += 1
    locked._history_user = actor
    locked.save()
    return locked


@transaction.atomic
def freeze_report(*, actor, report: YearlyReport) -> YearlyReport:
    _require_manager(actor)
    locked = _locked_report(report)
    locked.status = YearlyReport.Status.FROZEN
    locked.frozen_at = timezone.now()
    locked.frozen_by = actor
    locked.version += 1
    locked._history_user = actor
    locked.save()
    return locked
