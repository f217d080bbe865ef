from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from objectives.models import Evidence, Measurement
from tests.factories import make_user
from tests.objectives.conftest import make_indicator, make_objective

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def indicator(cascade):
    """The staff member's own indicator (owner: ``staff`` of TCCB, headed by ``head``)."""
    return cascade["staff_indicator"]


def first_period(indicator):
    return indicator.objective.school_year.start_date


def post(client, indicator, **data):
    payload = {"period": first_period(indicator).isoformat(), "value": "97,5", "comment": ""}
    payload.update(data)
    return client.post(reverse("objectives:measurement_add", args=[indicator.pk]), payload)


@pytest.mark.parametrize("persona", ["staff", "head", "secretariat"])
def test_owner_their_head_and_the_secretariat_enter_measurements(
    persona, request, client_for, indicator
):
    user = request.getfixturevalue(persona)
    response = post(client_for(user), indicator)
    assert response.status_code == 302
    measurement = Measurement.objects.get(indicator=indicator)
    assert str(measurement.value) == "97.50"
    assert measurement.entered_by == user
    page = client_for(user).get(reverse("objectives:indicator", args=[indicator.pk]))
    assert "97,5" in page.content.decode()


@pytest.mark.parametrize("persona", ["colleague", "outsider", "leadership", "auditor"])
def test_nobody_else_may_enter_measurements(persona, request, client_for, indicator):
    user = request.getfixturevalue(persona)
    assert post(client_for(user), indicator).status_code == 403
    page = client_for(user).get(reverse("objectives:indicator", args=[indicator.pk]))
    assert page.status_code == 200
    assert page.context["form"] is None
    assert not Measurement.objects.exists()


def test_the_head_of_another_department_may_not_enter_them(client_for, indicator, other_department):
    other_head = make_user(
        "otherhead", roles=("department_head", "staff"), department=other_department
    )
    other_department.head = other_head
    other_department.save()
    assert post(client_for(other_head), indicator).status_code == 403


def _refused(response, field, text):
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert text in " ".join(errors[field])
    assert not Measurement.objects.exists()
    assert not Evidence.objects.exists()


def test_a_percentage_over_100_is_refused_and_nothing_saved(client_for, staff, indicator):
    _refused(post(client_for(staff), indicator, value="120"), "value", "0 đến 100")


def test_a_period_outside_the_school_year_is_refused(client_for, staff, indicator):
    before = indicator.objective.school_year.start_date.replace(day=1, month=8)
    response = post(client_for(staff), indicator, period=before.isoformat())
    _refused(response, "period", "ngoài năm học")


def test_a_period_not_started_is_refused(client_for, staff, indicator):
    last = indicator.objective.school_year.end_date.replace(day=1)
    if last <= date.today():
        pytest.skip("the whole year has started")
    _refused(post(client_for(staff), indicator, period=last.isoformat()), "period", "chưa bắt đầu")


def test_a_second_value_for_the_same_period_is_refused(client_for, staff, indicator):
    client = client_for(staff)
    assert post(client, indicator, value="90").status_code == 302
    response = post(client, indicator, value="95")
    assert response.status_code == 400
    assert "đã được nhập" in " ".join(response.context["form"].errors["period"])
    assert [str(m.value) for m in Measurement.objects.all()] == ["90.00"]


def test_an_unreadable_evidence_file_is_refused_with_the_reason(client_for, staff, indicator):
    fake = SimpleUploadedFile(
        "bao-cao.pdf", b"\x00\x01\x02 not a pdf", content_type="application/pdf"
    )
    response = post(client_for(staff), indicator, evidence=[fake])
    _refused(response, "evidence", "bao-cao.pdf")
    # what the person typed is shown again
    assert response.context["form"]["value"].value() == "97,5"


def test_evidence_files_are_kept_with_the_measurement(client_for, staff, indicator, unit_contact):
    files = [
        SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile(
            "danh-sach.csv", "Hồ sơ,Đúng hạn\n1,có\n".encode(), content_type="text/csv"
        ),
    ]
    assert post(client_for(staff), indicator, evidence=files).status_code == 302
    measurement = Measurement.objects.get()
    assert sorted(e.name for e in measurement.evidence.all()) == ["bien-ban.pdf", "danh-sach.csv"]
    pdf = measurement.evidence.get(name="bien-ban.pdf")
    url = reverse("objectives:evidence", args=[pdf.pk])
    assert (
        url
        in client_for(staff)
        .get(reverse("objectives:indicator", args=[indicator.pk]))
        .content.decode()
    )
    response = client_for(staff).get(url)
    assert b"".join(response.streaming_content) == PDF
    assert client_for(unit_contact).get(url).status_code == 403


def test_a_correction_made_on_a_stale_page_is_refused(client_for, staff, head, indicator):
    assert post(client_for(staff), indicator, value="90").status_code == 302
    measurement = Measurement.objects.get()
    url = reverse("objectives:measurement_edit", args=[measurement.pk])
    # both open the form at version 1; the head saves first
    assert (
        client_for(head).post(url, {"value": "92", "comment": "", "version": 1}).status_code == 302
    )
    response = client_for(staff).post(url, {"value": "93", "comment": "", "version": 1})
    assert response.status_code == 400
    assert "Người khác" in response.content.decode()
    measurement.refresh_from_db()
    assert str(measurement.value) == "92.00"
    assert measurement.history.count() == 2


def test_a_computed_indicator_takes_no_hand_entry(client_for, secretariat, year, leadership):
    from ims.registry import IndicatorSource, register_indicator_source

    register_indicator_source(
        IndicatorSource(key="test-none", label="x", unit="%", compute=lambda *a: None)
    )
    indicator = make_indicator(make_objective(year, leadership, code="MT-C"), source="test-none")
    assert post(client_for(secretariat), indicator).status_code == 400
    assert not Measurement.objects.exists()


# --- what evidence may be, and how it is served (issue 15, section 4) -------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def _office(kind: str) -> bytes:
    import io

    buffer = io.BytesIO()
    if kind == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.active.append(["Hồ sơ", 12])
        workbook.save(buffer)
    else:
        import docx

        document = docx.Document()
        document.add_paragraph("Biên bản họp")
        document.save(buffer)
    return buffer.getvalue()


def _image(fmt: str) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data",
    [
        ("so-do.svg", SVG),
        ("so-do.csv", SVG),  # an SVG named as a CSV is still an SVG
        ("bao-cao.html", HTML),
        ("bao-cao.csv", HTML),
        ("x.js", b"alert(1);\n"),
        ("danh-sach.csv.html", b"a,b\n1,2\n"),
    ],
)
def test_web_pages_svg_and_scripts_are_refused_as_evidence(
    name, data, client_for, staff, indicator
):
    fake = SimpleUploadedFile(name, data, content_type="text/csv")
    response = post(client_for(staff), indicator, evidence=[fake])
    _refused(response, "evidence", "Không nhận trang web, ảnh SVG hay mã lệnh")


@pytest.mark.parametrize(
    "name, data",
    [
        ("ghi-chu.txt", b"a,b\n1,2\n"),  # CSV only with a CSV name
        ("trich-dan.csv", b'a,"b\n1,2\n'),  # does not parse as CSV
        ("gia.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_text_that_is_not_csv_and_broken_office_files_are_refused(
    name, data, client_for, staff, indicator
):
    fake = SimpleUploadedFile(name, data, content_type="text/csv")
    _refused(post(client_for(staff), indicator, evidence=[fake]), "evidence", name)


def test_a_zip_that_is_not_a_word_file_is_refused():
    import io
    import zipfile

    from ims.uploads import sniff

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # the part, without its declared type
        archive.writestr("word/document.xml", "<w:document/>")
    assert sniff(io.BytesIO(buffer.getvalue()), name="x.docx") is None
    assert sniff(io.BytesIO(_office("docx")), name="x.docx") == "docx"
    assert sniff(io.BytesIO(_office("xlsx")), name="x.xlsx") == "xlsx"


def test_each_accepted_kind_is_served_as_an_attachment_with_its_checked_type(
    client_for, staff, indicator
):
    files = {
        "bien-ban.pdf": (PDF, "application/pdf"),
        "anh.png": (_image("PNG"), "image/png"),
        "anh.jpg": (_image("JPEG"), "image/jpeg"),
        "bien-ban.docx": (_office("docx"), "application/vnd.openxmlformats-officedocument"),
        "so-lieu.xlsx": (_office("xlsx"), "application/vnd.openxmlformats-officedocument"),
        "danh-sach.csv": ("Hồ sơ,Đúng hạn\n1,có\n".encode(), "text/csv"),
    }
    uploads = [
        SimpleUploadedFile(name, data, content_type="text/html")
        for name, (data, _type) in files.items()
    ]
    assert post(client_for(staff), indicator, evidence=uploads).status_code == 302
    client = client_for(staff)
    for evidence in Evidence.objects.all():
        response = client.get(reverse("objectives:evidence", args=[evidence.pk]))
        data, content_type = files[evidence.name]
        assert response["Content-Type"].startswith(content_type), evidence.name
        assert response["Content-Disposition"] == f'attachment; filename="{evidence.name}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == data


def test_a_page_stored_before_the_check_is_served_as_an_unknown_download(
    client_for, staff, indicator
):
    from django.core.files.base import ContentFile

    measurement = Measurement.objects.create(
        indicator=indicator,
        period_start=first_period(indicator),
        period_end=first_period(indicator),
        value=1,
    )
    evidence = Evidence(measurement=measurement, name="bao-cao.html")
    evidence.file.save("bao-cao.html", ContentFile(HTML))
    response = client_for(staff).get(reverse("objectives:evidence", args=[evidence.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao.html.bin"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_named_as_a_page_is_downloaded_under_a_pdf_name(client_for, staff, indicator):
    fake = SimpleUploadedFile("bao-cao.html", PDF, content_type="text/html")
    assert post(client_for(staff), indicator, evidence=[fake]).status_code == 302
    evidence = Evidence.objects.get()
    response = client_for(staff).get(reverse("objectives:evidence", args=[evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao.html.pdf"'
