"""The register's pages through the client: who reads what, who changes what,
bad input, exports and a constant number of queries."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from competence.models import Requirement, TrainingRecord
from documents.models import Acknowledgement
from ims.roles import Role
from tests.competence.conftest import EXE, PDF
from tests.factories import make_position, make_user

pytestmark = pytest.mark.django_db


def test_staff_see_their_own_record_and_not_a_colleagues(client_for, staff, colleague):
    client = client_for(staff)
    assert client.get(reverse("competence:person", args=[staff.pk])).status_code == 200
    assert client.get(reverse("competence:person", args=[colleague.pk])).status_code == 403
    # The register sends them to their own record; its other pages are not theirs.
    response = client.get(reverse("competence:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("competence:person", args=[staff.pk])
    assert client.get(reverse("competence:matrix")).status_code == 403
    assert client.get(reverse("competence:trainings")).status_code == 200


def test_a_head_sets_a_requirement_of_their_departments_position_only(
    client_for, head, position, iso_topic, other_department
):
    client = client_for(head)
    url = reverse("competence:requirement_add", args=[position.pk])
    # A training requirement without its topic: refused in Vietnamese, the text kept.
    response = client.post(url, {"kind": "training", "text": "Bồi dưỡng ngạch chuyên viên"})
    assert response.status_code == 200
    assert "Chọn nội dung đào tạo chứng minh đáp ứng yêu cầu." in response.content.decode()
    assert "Bồi dưỡng ngạch chuyên viên" in response.content.decode()
    response = client.post(
        url, {"kind": "training", "text": "Bồi dưỡng ngạch chuyên viên", "topic": iso_topic.pk}
    )
    assert response.status_code == 302
    requirement = Requirement.objects.get(position=position)
    assert requirement.history.first().history_user == head
    page = client.get(reverse("competence:position", args=[position.pk])).content.decode()
    assert "Bồi dưỡng ngạch chuyên viên" in page and "Lò Văn Hùng" in page
    other = make_position(other_department)
    assert client.get(reverse("competence:requirement_add", args=[other.pk])).status_code == 403


def test_a_head_records_a_training_with_a_certificate_and_a_renamed_exe_is_refused(
    client_for, head, staff, iso_topic
):
    client = client_for(head)
    url = reverse("competence:record_add", args=[staff.pk])
    day = timezone.localdate().isoformat()
    fake = SimpleUploadedFile("chung-chi.pdf", EXE, content_type="application/pdf")
    response = client.post(url, {"topic": iso_topic.pk, "date": day, "certificate": fake})
    assert response.status_code == 200
    assert "không thuộc loại được chấp nhận" in response.content.decode()
    assert not TrainingRecord.objects.exists()
    good = SimpleUploadedFile("chung-chi.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url, {"topic": iso_topic.pk, "date": day, "result": "Đạt", "certificate": good}
    )
    assert response.status_code == 302
    record = TrainingRecord.objects.get()
    download = client.get(reverse("competence:certificate", args=[record.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"


def test_auditors_and_leadership_read_everything_and_change_nothing(
    client_for, auditor, external, leadership, staff, position, requirements
):
    for reader in (auditor, external, leadership):
        client = client_for(reader)
        page = client.get(reverse("competence:person", args=[staff.pk])).content.decode()
        assert "Nguyễn Thị Lan" in page
        assert reverse("competence:record_add", args=[staff.pk]) not in page
        position_page = client.get(reverse("competence:position", args=[position.pk]))
        assert reverse("competence:requirement_add", args=[position.pk]) not in (
            position_page.content.decode()
        )
        refused = client.post(
            reverse("competence:requirement_add", args=[position.pk]),
            {"kind": "skill", "text": "Tin học", "topic": requirements[2].topic_id},
        )
        assert refused.status_code == 403
    assert Requirement.objects.count() == len(requirements)


def test_the_matrix_shows_a_training_done_and_counts_an_acknowledged_document(
    client_for, head, staff, colleague, position, requirements, iso_topic, procedure
):
    colleague.profile.position = position
    colleague.profile.save(update_fields=["position"])
    TrainingRecord.objects.create(
        person=staff, topic=iso_topic, title="ISO", date=timezone.localdate()
    )
    Acknowledgement.objects.create(
        revision=procedure.current, user=staff, acknowledged_at=timezone.now()
    )
    response = client_for(head).get(reverse("competence:matrix"))
    columns = [c.label for c in response.context["matrix"].columns]
    # Trainings by name, then documents by code.
    assert columns == ["Bồi dưỡng quản lý nhà nước ngạch chuyên viên", iso_topic.name, "QT.01-TCCB"]
    rows = {
        r.person.username: [str(c.value) if c else None for c in r.cells]
        for r in response.context["matrix"].rows
    }
    assert rows["staff"] == ["missing", "met", "met"]
    assert rows["colleague"] == ["missing", "missing", "missing"]
    document = response.context["matrix"].columns[2]
    assert (document.done, document.required) == (1, 2)
    export = client_for(head).get(reverse("competence:matrix") + "?format=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Họ và tên", "Vị trí việc làm", columns[0]]
    assert ["Nguyễn Thị Lan", str(position), "chưa đáp ứng", "đáp ứng", "đáp ứng"] in values
    assert values[-1][2:] == ["0/2", "1/2", "1/2"]


def _people(department, position, n):
    for i in range(n):
        make_user(
            f"p{department.code}{i}", roles=(Role.STAFF,), department=department, position=position
        )


def test_the_register_and_the_matrix_take_the_same_queries_for_more_people(
    client_for, secretariat, department, position, requirements, django_assert_max_num_queries
):
    client = client_for(secretariat)
    _people(department, position, 3)
    urls = [
        reverse("competence:index"),
        reverse("competence:index") + "?gaps=on&department=" + str(department.pk),
        reverse("competence:matrix") + f"?department={department.pk}",
    ]
    counts = {}
    for url in urls:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        counts[url] = len(few)
    _people(department, make_position(department), 0)
    for i in range(3, 15):
        make_user(f"more{i}", roles=(Role.STAFF,), department=department, position=position)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "?department=abc",
        "?department=99999",
        "?page=zz",
        "?gaps=maybe",
        "?department=%00",
        "?format=pdf",
    ],
)
def test_odd_query_strings_never_fail(client_for, secretariat, query, requirements):
    client = client_for(secretariat)
    for name in (
        "competence:index",
        "competence:matrix",
        "competence:positions",
        "competence:trainings",
    ):
        assert client.get(reverse(name) + query).status_code in (200, 404)


def test_a_head_marks_attendance_on_the_training_page_and_evaluates_it(
    client_for, secretariat, head, staff, department, year, iso_topic
):
    from competence import services
    from competence.models import Training

    training = services.save_training(
        training=Training(
            school_year=year,
            topic=iso_topic,
            title="Đào tạo nhận thức ISO",
            date=timezone.localdate() - timedelta(days=1),
        ),
        departments=[department],
        positions=[],
        actor=secretariat,
    )
    record = training.records.get(person=staff)
    client = client_for(head)
    page = client.get(reverse("competence:training", args=[training.pk])).content.decode()
    assert f'name="r{record.pk}-attended"' in page
    response = client.post(
        reverse("competence:attendance", args=[record.pk]),
        {
            f"r{record.pk}-attended": "on",
            f"r{record.pk}-result": "Giỏi",
            f"r{record.pk}-seen_version": record.version,
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.attended and record.result == "Giỏi" and record.expires_on is not None
    # A stale form (the version it was opened on) changes nothing.
    client.post(
        reverse("competence:attendance", args=[record.pk]),
        {f"r{record.pk}-result": "Khá", f"r{record.pk}-seen_version": record.version - 1},
    )
    record.refresh_from_db()
    assert record.attended and record.result == "Giỏi"
    assert (
        client_for(staff).post(reverse("competence:attendance", args=[record.pk])).status_code
        == 403
    )
    # The evaluation: refused without its text, then recorded by the head.
    url = reverse("competence:evaluate", args=[training.pk])
    refused = client_for(head).post(url, {"effective": "yes", "seen_version": training.version})
    assert refused.status_code == 200 and "Trường này là bắt buộc." in refused.content.decode()
    done = client_for(head).post(
        url, {"evaluation": "Áp dụng tốt", "effective": "no", "seen_version": training.version}
    )
    assert done.status_code == 302
    training.refresh_from_db()
    assert training.effective is False and training.evaluated_by == head
