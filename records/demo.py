"""Demo records register: series synced from the demo procedures' "Hồ sơ cần lưu",
records logged for the past school years (a few with a scanned file), one disposal
completed with its biên bản and one waiting for the secretariat's approval.
Idempotent: the records are logged once; the sync runs every time."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from records import services
from records.models import DisposalProposal, RecordEntry, RecordSeries, Retention

User = get_user_model()

COUNCIL = {
    "TCCB": "Lò Văn Hùng – Trưởng phòng Tổ chức cán bộ – Chủ tịch hội đồng\n"
    "Đinh Thị Thu Hà – Chuyên viên Phòng Quản lý chất lượng – Ủy viên\n"
    "Nguyễn Thị Lan – Chuyên viên Phòng Tổ chức cán bộ – Thư ký",
}
PLACES = [
    "Tủ hồ sơ số 1, phòng làm việc",
    "Kho lưu trữ cơ quan, tầng 1",
    "Hệ thống quản lý văn bản",
]


def _pdf(title: str) -> bytes:
    """A one-page PDF standing for a scanned record (ASCII text only)."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    size = len(objects) + 1
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def _log_years(series, actor, first_year: int, last_year: int, *, files: int = 0) -> list:
    entries = []
    for year in range(first_year, last_year + 1):
        upload = None
        if last_year - year < files:
            upload = ContentFile(_pdf(f"So ho so nam hoc {year}-{year + 1}"))
            upload.name = f"ho-so-{series.document.code}-{year}-{year + 1}.pdf"
        entries.append(
            services.log_record(
                series=series,
                actor=actor,
                period=f"Năm học {year}–{year + 1}",
                period_start=date(year, 9, 1),
                period_end=date(year + 1, 8, 31),
                description=f"{series.name} năm học {year}–{year + 1}",
                location=PLACES[year % len(PLACES)],
                count=12 + (year * 7) % 40,
                upload=upload,
            )
        )
    return entries


def load(stdout=None) -> None:
    secretariat = User.objects.filter(username="secretariat").first()
    if secretariat is None:
        return
    result = services.sync_all_series(actor=secretariat)
    if stdout:
        stdout.write(f"Records register: {RecordSeries.objects.count()} series ({result})")
    if RecordEntry.objects.exists():
        return
    today = timezone.localdate()
    last = today.year - 1 if today.month >= 9 else today.year - 2  # last school year begun
    five_years = RecordSeries.objects.required().filter(
        retention=Retention.MONTHS, retention_months=60
    )
    codes = five_years.values_list("department__code", flat=True)
    departments = sorted(set(codes))
    first_dept = "TCCB" if "TCCB" in departments else departments[0]
    others = [d for d in departments if d != first_dept]
    # TCCB: nine school years of two five-year series; the oldest disposed of.
    tccb = list(five_years.filter(department__code=first_dept).select_related("department")[:2])
    head = tccb[0].department.head or secretariat
    staff = User.objects.filter(username="staff").first() or secretariat
    old = []
    for series in tccb:
        old += _log_years(series, staff, last - 8, last, files=2)[:3]
    proposal = services.propose_disposal(
        department=tccb[0].department,
        actor=secretariat,
        entries=old,
        method="Hủy bằng máy hủy tài liệu; tệp điện tử xóa vĩnh viễn khỏi hệ thống",
        council=COUNCIL["TCCB"],
        place="Sở Giáo dục và Đào tạo tỉnh Sơn La",
        reason="Hồ sơ đã hết thời hạn lưu 05 năm theo quy trình.",
        today=today,
    )
    services.approve_disposal(proposal=proposal, actor=head, comment="Đồng ý hủy.")
    services.approve_disposal(proposal=proposal, actor=secretariat, comment="Đồng ý.")
    DisposalProposal.objects.filter(pk=proposal.pk).update(
        proposed_at=timezone.now() - timedelta(days=20),
        disposed_at=timezone.now() - timedelta(days=12),
    )
    # A second department: its head proposed, the secretariat's approval is awaited.
    if others:
        series = five_years.filter(department__code=others[0]).select_related("department").first()
        other_head = series.department.head or secretariat
        entries = _log_years(series, other_head, last - 7, last, files=1)
        pending = services.propose_disposal(
            department=series.department,
            actor=other_head,
            entries=entries[:2],
            method="Hủy bằng máy hủy tài liệu",
            council=f"{other_head.get_full_name()} – Trưởng phòng – Chủ tịch hội đồng\n"
            "Đinh Thị Thu Hà – Chuyên viên Phòng Quản lý chất lượng – Thư ký",
            place="Sở Giáo dục và Đào tạo tỉnh Sơn La",
            today=today,
        )
        services.approve_disposal(proposal=pending, actor=other_head, comment="Đề nghị hủy.")
    # Recent records of some series of every department (the last two school years).
    for code in departments:
        for series in RecordSeries.objects.required().filter(department__code=code)[:3]:
            if not series.entries.exists():
                _log_years(series, secretariat, last - 1, last)
