"""Record series follow the procedures' "Hồ sơ cần lưu" rows (issue 19 §4)."""

import pytest

from documents import services as documents
from documents.models import Revision
from records.models import Medium, RecordSeries, Retention
from records.parsing import form_code_in, parse_medium, parse_retention
from records.sync import sync_all_series, sync_series_for_document
from tests.documents.factories import make_revision

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 năm", (Retention.MONTHS, 60)),
        ("10 năm", (Retention.MONTHS, 120)),
        ("6 tháng", (Retention.MONTHS, 6)),
        ("Vĩnh viễn", (Retention.PERMANENT, None)),
        ("Lâu dài", (Retention.PERMANENT, None)),
        ("Đến khi có văn bản thay thế", (Retention.UNTIL_SUPERSEDED, None)),
        ("Theo quy định", (Retention.UNSET, None)),
        ("5 năm hoặc 10 năm", (Retention.UNSET, None)),
        ("0 năm", (Retention.UNSET, None)),
        ("", (Retention.UNSET, None)),
    ],
)
def test_the_retention_text_is_read_into_months_permanent_or_until_superseded(text, expected):
    assert parse_retention(text) == expected


def test_the_medium_and_the_cited_form_are_read_from_the_text():
    assert parse_medium("Giấy và điện tử") == Medium.BOTH
    assert parse_medium("Bản giấy") == Medium.PAPER
    assert parse_medium("Điện tử (phần mềm)") == Medium.ELECTRONIC
    assert parse_medium("") == Medium.UNKNOWN
    assert form_code_in("Phiếu đăng ký (BM.05.02)") == ("05", "02", "")
    assert form_code_in("Mẫu BM.01.03-QLCL đã điền") == ("01", "03", "QLCL")
    assert form_code_in("Biên bản họp") is None


def test_sync_makes_a_series_of_each_row_with_its_form_and_flags_unreadable_retention(
    procedure, secretariat
):
    result = sync_series_for_document(document=procedure, actor=secretariat)
    assert (result.created, result.updated, result.dropped) == (3, 0, 0)
    rows = {s.name: s for s in RecordSeries.objects.filter(document=procedure)}
    form_row = rows["Phiếu đăng ký dự tuyển (BM.05.02)"]
    assert form_row.form.code == "BM.05.02-TCCB"
    assert (form_row.retention, form_row.retention_months) == (Retention.MONTHS, 60)
    assert form_row.department == procedure.department
    assert rows["Quyết định công nhận kết quả tuyển dụng"].retention == Retention.PERMANENT
    flagged = rows["Biên bản họp hội đồng"]
    assert flagged.retention == Retention.UNSET
    assert flagged.retention_text == "Theo quy định"
    assert flagged.history.first().history_user == secretariat
    # A second run changes nothing.
    again = sync_series_for_document(document=procedure, actor=secretariat)
    assert (again.created, again.updated, again.dropped) == (0, 0, 0)


def test_a_row_gone_from_the_new_edition_is_marked_no_longer_required_never_deleted(
    procedure, secretariat
):
    sync_series_for_document(document=procedure, actor=secretariat)
    old = procedure.current
    old.state = Revision.State.SUPERSEDED
    old.save(update_fields=["state"])
    make_revision(
        procedure,
        state="effective",
        records=[
            ("Phiếu đăng ký dự tuyển (BM.05.02)", "Chuyên viên TCCB", "Phòng TCCB", "10 năm"),
            ("Quyết định công nhận kết quả tuyển dụng", "Trưởng phòng", "Văn thư", "Vĩnh viễn"),
        ],
    )
    result = sync_series_for_document(document=procedure, actor=secretariat)
    assert (result.created, result.updated, result.dropped) == (0, 1, 1)
    dropped = RecordSeries.objects.get(name="Biên bản họp hội đồng")
    assert dropped.dropped_in_edition == 2
    assert not dropped.is_required
    assert RecordSeries.objects.get(name__startswith="Phiếu").retention_months == 120
    assert RecordSeries.objects.count() == 3


def test_publishing_an_edition_syncs_its_series_after_commit(
    procedure, secretariat, django_capture_on_commit_callbacks
):
    draft = make_revision(
        procedure,
        state="approved",
        records=[("Danh sách trúng tuyển", "Chuyên viên", "Phòng TCCB", "20 năm")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        documents.publish(revision=draft, actor=secretariat)
    names = set(RecordSeries.objects.required().values_list("name", flat=True))
    assert names == {"Danh sách trúng tuyển"}
    assert RecordSeries.objects.exclude(dropped_in_edition=None).count() == 0  # none before


def test_sync_all_reads_every_procedure_with_records(procedure, secretariat):
    result = sync_all_series(actor=secretariat)
    assert result.created == 3
    assert sync_all_series(actor=secretariat).created == 0
