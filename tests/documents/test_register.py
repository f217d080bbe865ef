"""The register page: columns, filters, diacritic-insensitive search, pages, exports."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from documents.models import Document, Revision
from documents.services import make_obsolete
from ims.models import Clause
from tests.documents.factories import make_document, make_revision
from tests.factories import make_department

pytestmark = pytest.mark.django_db

URL = "/documents/"


def effective(code, title, department, *, kind=Document.Kind.PROCEDURE, **fields):
    document = make_document(code, kind=kind, title=title, department=department)
    make_revision(document, state=Revision.State.EFFECTIVE, **fields)
    return document


def codes(response) -> list[str]:
    return [row[0].code for row in response.context["rows"]]


def test_register_lists_every_column_of_a_document(client_for, staff, department):
    document = effective("QT.05-TCCB", "Quy trình tuyển dụng viên chức", department)
    response = client_for(staff).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    current = Document.objects.get(pk=document.pk).current
    for text in [
        "QT.05-TCCB",
        "Quy trình tuyển dụng viên chức",
        str(Document.Kind.PROCEDURE.label),
        "TCCB",
        current.effective_date.strftime("%d/%m/%Y"),
    ]:
        assert text in page
    assert reverse("documents:register") == URL


def test_search_ignores_vietnamese_diacritics_and_case(client_for, staff, department):
    effective("QT.01-GDTrH", "Quy trình tuyển sinh vào lớp 10", department)
    effective("QT.02-GDTrH", "Quy trình chuyển trường", department)
    client = client_for(staff)
    for query in ["quy trinh tuyen sinh", "QUY TRÌNH TUYỂN SINH", "Tuyen Sinh lop 10"]:
        assert codes(client.get(URL, {"q": query})) == ["QT.01-GDTrH"], query


def test_search_finds_words_in_the_body_of_the_effective_edition(client_for, staff, department):
    effective(
        "HD.01-VP",
        "Hướng dẫn soạn thảo văn bản",
        department,
        kind=Document.Kind.INSTRUCTION,
        body="Văn bản trình bày trên khổ giấy A4, phông chữ Times New Roman, cỡ chữ 13.",
    )
    effective("HD.02-VP", "Hướng dẫn chữ ký số", department, kind=Document.Kind.INSTRUCTION)
    response = client_for(staff).get(URL, {"q": "phong chu times"})
    assert codes(response) == ["HD.01-VP"]


def test_search_finds_text_of_procedure_steps(client_for, staff, department):
    effective(
        "QT.03-VP",
        "Quy trình một cửa",
        department,
        steps=[("Tiếp nhận hồ sơ", "Bộ phận một cửa", "Đối chiếu giấy tờ tùy thân.", "", "")],
    )
    assert codes(client_for(staff).get(URL, {"q": "doi chieu giay to tuy than"})) == ["QT.03-VP"]


def test_search_ignores_text_that_only_a_superseded_edition_had(client_for, staff, department):
    document = make_document("HD.03-VP", kind=Document.Kind.INSTRUCTION, department=department)
    make_revision(document, state=Revision.State.SUPERSEDED, body="Dùng máy fax để gửi.")
    make_revision(document, state=Revision.State.EFFECTIVE, body="Gửi qua trục liên thông.")
    client = client_for(staff)
    assert codes(client.get(URL, {"q": "may fax"})) == []
    assert codes(client.get(URL, {"q": "truc lien thong"})) == ["HD.03-VP"]


def test_filters_by_type_department_and_clause(client_for, staff, department, other_department):
    clause = Clause.objects.get(standard="iso9001", number="7.5.3")
    effective("QT.01-TCCB", "Quy trình A", department).clauses.add(clause)
    effective("HD.01-TCCB", "Hướng dẫn B", department, kind=Document.Kind.INSTRUCTION)
    effective("QT.01-KHTC", "Quy trình C", other_department)
    client = client_for(staff)
    assert codes(client.get(URL, {"kind": "HD"})) == ["HD.01-TCCB"]
    assert codes(client.get(URL, {"department": "KHTC"})) == ["QT.01-KHTC"]
    assert codes(client.get(URL, {"clause": clause.pk})) == ["QT.01-TCCB"]
    assert codes(client.get(URL, {"kind": "QT", "department": "TCCB"})) == ["QT.01-TCCB"]


def test_filters_by_status(client_for, staff, department):
    today = timezone.localdate()
    overdue = effective("QT.01-TCCB", "Quá hạn", department)
    Document.objects.filter(pk=overdue.pk).update(next_review_on=today - timedelta(days=3))
    due = effective("QT.02-TCCB", "Sắp đến hạn", department)
    Document.objects.filter(pk=due.pk).update(next_review_on=today + timedelta(days=10))
    effective("QT.03-TCCB", "Bình thường", department)
    in_review = make_document("QT.04-TCCB", department=department, title="Dự thảo")
    make_revision(in_review, state=Revision.State.IN_REVIEW)
    obsolete = effective("QT.05-TCCB", "Bãi bỏ", department)
    Document.objects.filter(pk=obsolete.pk).update(is_obsolete=True)
    client = client_for(staff)
    assert codes(client.get(URL, {"status": "overdue"})) == ["QT.01-TCCB"]
    assert codes(client.get(URL, {"status": "due"})) == ["QT.02-TCCB"]
    assert codes(client.get(URL, {"status": "in_review"})) == ["QT.04-TCCB"]
    assert codes(client.get(URL, {"status": "no_edition"})) == ["QT.04-TCCB"]
    assert codes(client.get(URL, {"status": "obsolete"})) == ["QT.05-TCCB"]
    assert "QT.05-TCCB" not in codes(client.get(URL, {"status": "effective"}))
    page = client.get(URL, {"status": "overdue"}).content.decode()
    assert "badge-bad" in page


def test_register_pages_keep_the_filters(client_for, staff, department):
    for n in range(1, 56):
        effective(f"QT.{n:02d}-TCCB", f"Quy trình số {n}", department)
    client = client_for(staff)
    first = client.get(URL, {"kind": "QT"})
    assert len(codes(first)) == 50
    assert "kind=QT&amp;page=2" in first.content.decode()
    second = client.get(URL, {"kind": "QT", "page": 2})
    assert codes(second) == [f"QT.{n:02d}-TCCB" for n in range(51, 56)]


def test_register_query_count_does_not_grow_with_the_documents(
    client_for, staff, department, django_assert_max_num_queries
):
    client = client_for(staff)
    client.get(URL)  # session and permission caches warm

    def add(count, start):
        for n in range(start, start + count):
            document = make_document(f"QT.{n:03d}-TCCB", department=department)
            make_revision(document, state=Revision.State.SUPERSEDED)
            make_revision(document, state=Revision.State.EFFECTIVE)
            make_revision(document, state=Revision.State.DRAFT)

    add(3, 1)
    # 12 for the page, and 2 for the search: the codes and titles it ranks, and the
    # editions whose text holds the words (issue 18).
    with django_assert_max_num_queries(14) as small:
        client.get(URL, {"q": "quy trinh"})
    add(45, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"q": "quy trinh"})
    assert len(codes(response)) == 48


def test_htmx_request_gets_only_the_results(client_for, staff, department):
    effective("QT.01-TCCB", "Quy trình A", department)
    response = client_for(staff).get(URL, {"q": "a"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "QT.01-TCCB" in page
    assert "<html" not in page


def test_signed_out_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_person_without_a_role_gets_403(client_for, db):
    from tests.factories import make_user

    assert client_for(make_user("nobody")).get(URL).status_code == 403


def test_csv_export_follows_the_filters(client_for, auditor, department):
    effective("QT.01-TCCB", "Quy trình tuyển sinh", department)
    effective("QT.02-TCCB", "Quy trình khác", department)
    response = client_for(auditor).get(
        reverse("documents:register_export", args=["csv"]), {"q": "tuyen sinh"}
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("QT.01-TCCB,Quy trình tuyển sinh,")


def test_unknown_export_format_is_404(client_for, staff):
    assert client_for(staff).get("/documents/export/pdf/").status_code == 404


def test_xlsx_export_round_trips_through_the_import(client_for, secretariat):
    tccb = make_department(code="TCCB", name="Phòng Tổ chức cán bộ")
    gdtrh = make_department(code="GDTrH", name="Phòng Giáo dục Trung học")
    effective("QT.01-GDTrH", "Quy trình tuyển sinh vào lớp 10", gdtrh)
    effective("HD.01-TCCB", "Hướng dẫn lập hồ sơ", tccb, kind=Document.Kind.INSTRUCTION)
    two = make_document("QĐ.01", kind=Document.Kind.REGULATION, department=tccb, title="Quy chế")
    make_revision(
        two,
        state=Revision.State.SUPERSEDED,
        effective_date=timezone.localdate() - timedelta(days=400),
    )
    make_revision(
        two,
        state=Revision.State.EFFECTIVE,
        effective_date=timezone.localdate() - timedelta(days=30),
    )
    Document.objects.filter(pk=two.pk).update(
        next_review_on=timezone.localdate() + timedelta(days=5)
    )
    from ims.models import Clause

    two.clauses.set(Clause.objects.filter(number__in=["7.5", "8.5.1"]))
    Document.objects.filter(pk=two.pk).update(review_interval_months=24)
    old = effective("TL-BN.01", "Luật Giáo dục 2005", tccb, kind=Document.Kind.EXTERNAL)
    make_obsolete(document=old, actor=secretariat, reason="Thay bằng Luật Giáo dục 2019")
    client = client_for(secretariat)

    def register_now():
        return [
            (d.code, d.title, d.kind, d.department.code, d.current.number if d.current else None,
             d.current.effective_date if d.current else None, d.is_obsolete, d.next_review_on,
             sorted(c.short_label for c in d.clauses.all()), d.review_interval_months)
            for d in Document.objects.select_related("current", "department").order_by("code")
        ]  # fmt: skip

    before = register_now()
    exported = client.get(reverse("documents:register_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet.max_row == 5

    # A fresh installation: the same organisation, an empty register.
    from documents.models import SignOff

    Document.objects.update(current=None)
    SignOff.objects.all().delete()
    Revision.objects.all().delete()
    Document.objects.all().delete()

    upload = io.BytesIO(exported.content)
    upload.name = "danh-muc.xlsx"
    preview = client.post(reverse("documents:import_master_list"), {"file": upload})
    assert preview.status_code == 200
    assert preview.context["errors"] == 0
    assert preview.context["to_create"] == 4
    done = client.post(
        reverse("documents:import_master_list"), {"payload": preview.context["payload"]}
    )
    assert done.status_code == 302
    after = register_now()
    # The superseded edition of QĐ.01 is not in a master list: only the current one is.
    assert after == before


def test_search_puts_documents_whose_title_matches_first(client_for, staff, department):
    effective(
        "QT.01-TCCB",
        "Quy trình tuyển dụng",
        department,
        purpose="Phối hợp với quy trình tuyển sinh của Phòng Giáo dục Trung học.",
    )
    effective("QT.02-TCCB", "Quy trình tuyển sinh lớp 10", department)
    assert codes(client_for(staff).get(URL, {"q": "quy trinh tuyen sinh"})) == [
        "QT.02-TCCB",
        "QT.01-TCCB",
    ]


def test_search_while_typing_matches_the_start_of_the_last_word(client_for, staff, department):
    effective("QT.01-GDTrH", "Quy trình tuyển sinh vào lớp 10", department)
    assert codes(client_for(staff).get(URL, {"q": "tuyen si"})) == ["QT.01-GDTrH"]


HYPERLINK = '=HYPERLINK("http://x","y")'


def test_exports_write_a_formula_like_title_as_text(client_for, auditor, department):
    effective("QT.09-TCCB", HYPERLINK, department)
    client = client_for(auditor)
    xlsx = client.get(reverse("documents:register_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    title = next(c for c in sheet[2] if c.value == HYPERLINK)
    assert title.data_type == "s"
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    csv = client.get(reverse("documents:register_export", args=["csv"]))
    assert "QT.09-TCCB,\"'=HYPERLINK(" in csv.content.decode("utf-8-sig")


def test_redrawn_results_bring_export_links_with_the_filters(client_for, staff, department):
    effective("QT.01-TCCB", "Quy trình tuyển sinh", department)
    response = client_for(staff).get(
        URL, {"status": "overdue", "q": "tuyen", "page": "2"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="register-exports"' in html and 'hx-swap-oob="true"' in html
    assert "/documents/export/xlsx/?status=overdue&amp;q=tuyen" in html
    assert "page=2" not in html.split('id="register-exports"')[1].split("</span>")[0]
