"""The demo's conformity announcement: one decision issued some months ago, whose
scope has since changed (procedures issued after it), and last year's report."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from conformity import services
from conformity.models import Announcement, YearlyReport
from documents.models import Revision
from ims.models import Organisation


def _came_into_force_after(scope: list[dict], signed: date) -> list[str]:
    """Two procedures of ``scope`` with a single edition, now dated 45 and 120 days
    after ``signed``: the procedures added to the scope since the decision."""
    codes = [row["code"] for row in scope]
    single = [
        code
        for code in reversed(codes)
        if Revision.objects.filter(document__code=code).count() == 1
    ][:2]
    for code, days in zip(single, (45, 120), strict=False):
        Revision.objects.filter(document__code=code, state=Revision.State.EFFECTIVE).update(
            effective_date=signed + timedelta(days=days)
        )
    return single


def load(stdout=None) -> None:
    secretariat = get_user_model().objects.filter(username="secretariat").first()
    organisation = Organisation.current()
    if secretariat is None or organisation is None or Announcement.objects.exists():
        return
    today = timezone.localdate()
    scope = services.current_scope()
    if len(scope) < 3:
        return
    signed = today - timedelta(days=300)
    announcement = services.draft_announcement(actor=secretariat)
    announcement = services.update_announcement(
        actor=secretariat,
        announcement=announcement,
        fields={
            "number": "412/QĐ-SGDĐT",
            "place": "Sơn La",
            "signed_on": signed,
            "signer_name": "Cầm Văn Quân",
        },
        version=announcement.version,
    )
    announcement = services.issue_announcement(actor=secretariat, announcement=announcement)
    # The demo's scope changed since: two procedures came into force after the decision
    # (their only edition takes effect 45 and 120 days after it was signed).
    later = _came_into_force_after(scope, signed)
    Announcement.objects.filter(pk=announcement.pk).update(
        scope=[row for row in scope if row["code"] not in later]
    )
    services.record_publication(
        actor=secretariat,
        announcement=announcement,
        sent_on=signed + timedelta(days=3),
        posted_on=signed + timedelta(days=2),
        posted_url="https://sgddt.sonla.gov.vn/cong-bo-iso",
    )
    last_year = today.year - 1
    report = services.compile_report(
        actor=secretariat,
        fields={
            "title": (
                "Tình hình xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
                f"theo TCVN ISO 9001:2015 năm {last_year}"
            ),
            "number": "389/BC-SGDĐT",
            "period_start": date(last_year, 1, 1),
            "period_end": date(last_year, 12, 31),
            "place": "Sơn La",
            "addressee": "Sở Khoa học và Công nghệ tỉnh Sơn La",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Cầm Văn Quân",
        },
    )
    services.freeze_report(actor=secretariat, report=report)
    if stdout:
        stdout.write(
            f"  conformity: decision {announcement.number} ({len(scope) - len(later)} procedures), "
            f"{YearlyReport.objects.count()} yearly report"
        )
