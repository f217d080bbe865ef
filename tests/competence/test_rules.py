"""What meets a requirement, and the rules the services keep."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from competence import gap, services
from competence.models import ExperienceNote, Level, Qualification, Training, TrainingRecord
from documents.models import Acknowledgement
from tests.competence.conftest import EXE, PDF
from tests.documents.factories import make_revision
from tests.factories import make_position

pytestmark = pytest.mark.django_db
S = gap.Status


def _statuses(person, today):
    (result,) = gap.gaps_for([person], today)
    return {r.text: s for r, s in result.rows}


def _attend(person, topic, day, **extra):
    return TrainingRecord.objects.create(
        person=person, topic=topic, title=topic.name, date=day, **extra
    )


def test_nothing_held_meets_nothing(staff, requirements, today):
    assert set(_statuses(staff, today).values()) == {S.MISSING}


def test_a_higher_degree_meets_an_education_requirement_and_a_lower_one_does_not(
    staff, requirements, today
):
    Qualification.objects.create(
        person=staff,
        level=Level.COLLEGE,
        degree="Cao đẳng",
        field="Luật",
        institution="X",
        year=2005,
    )
    assert _statuses(staff, today)["Đại học chuyên ngành luật"] == S.MISSING
    Qualification.objects.create(
        person=staff, level=Level.MASTER, degree="Thạc sĩ", field="Luật", institution="Y", year=2012
    )
    assert _statuses(staff, today)["Đại học chuyên ngành luật"] == S.MET


def test_experience_notes_add_up_to_the_years_required(staff, requirements, today):
    ExperienceNote.objects.create(person=staff, text="Trường THPT Chiềng Sinh", years=1)
    assert _statuses(staff, today)["Ít nhất 2 năm công tác"] == S.MISSING
    ExperienceNote.objects.create(person=staff, text="Phòng TCCB", years=1)
    assert _statuses(staff, today)["Ít nhất 2 năm công tác"] == S.MET


def test_a_certificate_is_expiring_within_sixty_days_and_expired_after(
    staff, requirements, iso_topic, qlnn_topic, today
):
    record = _attend(
        staff, iso_topic, today - timedelta(days=700), expires_on=today + timedelta(days=61)
    )
    _attend(staff, qlnn_topic, today - timedelta(days=3000))  # never expires
    statuses = _statuses(staff, today)
    assert statuses["Nhận thức ISO"] == S.MET
    assert statuses["Quản lý nhà nước"] == S.MET
    TrainingRecord.objects.filter(pk=record.pk).update(expires_on=today + timedelta(days=60))
    assert _statuses(staff, today)["Nhận thức ISO"] == S.EXPIRING
    TrainingRecord.objects.filter(pk=record.pk).update(expires_on=today - timedelta(days=1))
    assert _statuses(staff, today)["Nhận thức ISO"] == S.EXPIRED


def test_a_later_training_renews_an_expired_certificate_and_an_unattended_one_does_not(
    staff, requirements, iso_topic, today
):
    _attend(staff, iso_topic, today - timedelta(days=900), expires_on=today - timedelta(days=10))
    _attend(staff, iso_topic, today - timedelta(days=5), attended=False)
    assert _statuses(staff, today)["Nhận thức ISO"] == S.EXPIRED
    _attend(staff, iso_topic, today - timedelta(days=5), expires_on=today + timedelta(days=700))
    assert _statuses(staff, today)["Nhận thức ISO"] == S.MET


def test_a_document_is_met_by_acknowledging_its_effective_edition_only(
    staff, requirements, procedure, today
):
    old = procedure.current
    Acknowledgement.objects.create(revision=old, user=staff, acknowledged_at=timezone.now())
    assert _statuses(staff, today)["Đọc QT.01-TCCB"] == S.MET
    type(old).objects.filter(pk=old.pk).update(state="superseded")
    newer = make_revision(procedure, number=2, state="effective")
    type(procedure).objects.filter(pk=procedure.pk).update(current=newer)
    assert _statuses(staff, today)["Đọc QT.01-TCCB"] == S.MISSING


def test_a_certificate_whose_content_is_not_a_pdf_or_image_is_refused(
    staff, head, iso_topic, today
):
    record = TrainingRecord(person=staff, topic=iso_topic, date=today)
    fake = SimpleUploadedFile("chung-chi.pdf", EXE, content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        services.save_training_record(record=record, actor=head, upload=fake)
    assert "certificate" in refused.value.message_dict
    assert not TrainingRecord.objects.exists()
    good = SimpleUploadedFile("chung-chi.pdf", PDF, content_type="application/pdf")
    saved = services.save_training_record(record=record, actor=head, upload=good)
    assert saved.certificate_name == "chung-chi.pdf"
    # The topic's validity gives the expiry; the history names the head.
    assert saved.expires_on is not None and saved.expires_on > today
    assert saved.history.first().history_user == head


def test_a_change_over_someone_elses_newer_save_is_refused(staff, head, iso_topic, today):
    record = services.save_training_record(
        record=TrainingRecord(person=staff, topic=iso_topic, date=today), actor=head
    )
    opened = record.version
    record.result = "Giỏi"
    services.save_training_record(record=record, actor=head, seen_version=opened)
    stale = TrainingRecord.objects.get(pk=record.pk)
    stale.result = "Khá"
    with pytest.raises(ValidationError):
        services.save_training_record(record=stale, actor=head, seen_version=opened)
    assert TrainingRecord.objects.get(pk=record.pk).result == "Giỏi"


def test_a_head_keeps_their_department_only_and_staff_keep_nothing(
    staff, head, outsider, colleague, other_department, iso_topic, today
):
    with pytest.raises(PermissionDenied):
        services.save_training_record(
            record=TrainingRecord(person=outsider, topic=iso_topic, date=today), actor=head
        )
    with pytest.raises(PermissionDenied):
        services.save_training_record(
            record=TrainingRecord(person=colleague, topic=iso_topic, date=today), actor=staff
        )
    other = make_position(other_department)
    from competence.models import Requirement

    with pytest.raises(PermissionDenied):
        services.save_requirement(
            requirement=Requirement(position=other, kind="skill", text="x", topic=iso_topic),
            actor=head,
        )


def test_planning_a_training_invites_the_people_aimed_at_and_marking_attendance_sets_expiry(
    secretariat, head, staff, colleague, outsider, department, year, iso_topic, today
):
    training = services.save_training(
        training=Training(
            school_year=year, topic=iso_topic, title="Đào tạo nhận thức ISO", date=today
        ),
        departments=[department],
        positions=[],
        actor=secretariat,
    )
    invited = set(training.records.values_list("person__username", flat=True))
    assert invited == {"staff", "colleague", "head"}
    assert training.evaluation_due_on > today
    record = training.records.get(person=staff)
    assert not record.attended and record.expires_on is None
    services.mark_attendance(
        record=record, attended=True, result="Đạt", actor=head, seen_version=record.version
    )
    record.refresh_from_db()
    assert record.attended and record.expires_on is not None
    # Planning again invites nobody twice.
    services.save_training(
        training=training, departments=[department], positions=[], actor=secretariat
    )
    assert training.records.count() == 3


def test_the_history_names_who_changed_which_field_and_skips_saves_that_changed_nothing(
    staff, head, secretariat
):
    from competence import history

    row = services.save_qualification(
        qualification=Qualification(
            person=staff,
            level=Level.BACHELOR,
            degree="Cử nhân",
            field="Luật",
            institution="Trường Đại học Luật Hà Nội",
            year=2008,
        ),  # fmt: skip
        actor=head,
    )
    row.field = "Luật hành chính"
    services.save_qualification(qualification=row, actor=secretariat, seen_version=row.version)
    services.save_qualification(qualification=row, actor=secretariat, seen_version=row.version)
    entries = history.entries(Qualification.history.filter(person_id=staff.pk), lambda r: r.degree)
    assert [(e.who, e.action, e.fields) for e in entries] == [
        ("Đinh Thị Thu Hà", "sửa đổi", ["Chuyên ngành"]),
        ("Lò Văn Hùng", "tạo mới", []),
    ]
