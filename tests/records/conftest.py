from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from records import services
from records.models import RecordSeries
from tests.documents.factories import make_document, make_revision

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="so-theo-doi.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def procedure(department):
    """QT.05-TCCB, effective edition 1 with three records kept, and its form BM.05.02."""
    document = make_document("QT.05-TCCB", department=department, title="Quy trình tuyển dụng")
    make_document(
        "BM.05.02-TCCB",
        kind=Document.Kind.FORM,
        department=department,
        title="Phiếu đăng ký dự tuyển",
        procedure=document,
    )
    make_revision(
        document,
        state="effective",
        records=[
            ("Phiếu đăng ký dự tuyển (BM.05.02)", "Chuyên viên TCCB", "Phòng TCCB", "05 năm"),
            ("Quyết định công nhận kết quả tuyển dụng", "Trưởng phòng", "Văn thư", "Vĩnh viễn"),
            ("Biên bản họp hội đồng", "Thư ký hội đồng", "Phòng TCCB", "Theo quy định"),
        ],
    )
    return document


@pytest.fixture
def series(procedure, secretariat):
    services.sync_series_for_document(document=procedure, actor=secretariat)
    return RecordSeries.objects.get(document=procedure, name__startswith="Phiếu đăng ký")


def log(series, actor, *, year=2018, upload=None):
    """Records of school year ``year``–``year+1`` (5-year retention: past by 2024)."""
    return services.log_record(
        series=series,
        actor=actor,
        period=f"Năm học {year}–{year + 1}",
        period_start=date(year, 9, 1),
        period_end=date(year + 1, 8, 31),
        description="Phiếu đăng ký của thí sinh",
        location="Tủ hồ sơ số 2",
        count=42,
        upload=upload,
    )
