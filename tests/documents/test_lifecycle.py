import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from documents import services
from documents.models import ApprovalRule, Document, Revision, SignOff
from documents.services import ConflictError, LifecycleError
from tests.documents.factories import make_document, make_effective_document, make_revision
from tests.factories import make_user

State = Revision.State
pytestmark = pytest.mark.django_db


def _through_to_approved(revision, staff, head, leadership):
    services.submit_for_review(revision=revision, actor=staff)
    services.review(revision=revision, actor=head)
    return services.approve(revision=revision, actor=leadership)


def test_full_lifecycle_supersedes_the_previous_edition(staff, head, leadership, department):
    document = make_effective_document(department=department)
    first = document.current
    draft = services.create_draft(document=document, actor=staff)
    assert draft.number == 2 and draft.state == State.DRAFT
    assert [s.name for s in draft.steps.all()] == [s.name for s in first.steps.all()]
    services.save_draft(
        revision=draft,
        actor=staff,
        data={"change_summary": "Rút ngắn thời hạn"},
        version=draft.version,
    )
    _through_to_approved(draft, staff, head, leadership)
    services.publish(revision=draft, actor=leadership)

    first.refresh_from_db()
    draft.refresh_from_db()
    document.refresh_from_db()
    assert first.state == State.SUPERSEDED
    assert draft.state == State.EFFECTIVE
    assert document.current == draft
    assert document.next_review_on == document.review_due_after(draft.effective_date)
    assert document.revisions.filter(state=State.EFFECTIVE).count() == 1
    steps = list(draft.signoffs.values_list("step", "user__username"))
    assert steps == [
        ("prepared", "staff"),
        ("reviewed", "head"),
        ("approved", "leadership"),
        ("published", "leadership"),
    ]
    approved = draft.signoff_for(SignOff.Step.APPROVED)
    assert approved.name == "Cầm Văn Quân"


def test_reviewer_can_send_a_draft_back_with_a_comment(staff, head, department):
    revision = make_revision(make_document(department=department))
    services.submit_for_review(revision=revision, actor=staff)
    with pytest.raises(LifecycleError):
        services.send_back(revision=revision, actor=head, comment="  ")
    services.send_back(revision=revision, actor=head, comment="Bổ sung bước thẩm định")
    revision.refresh_from_db()
    assert revision.state == State.DRAFT
    sent_back = revision.signoffs.get(step=SignOff.Step.SENT_BACK)
    assert sent_back.comment == "Bổ sung bước thẩm định" and sent_back.user == head


def test_a_sent_back_edition_needs_a_fresh_review_before_approval(
    staff, head, leadership, department
):
    revision = make_revision(make_document(department=department))
    services.submit_for_review(revision=revision, actor=staff)
    services.review(revision=revision, actor=head)
    services.send_back(revision=revision, actor=head, comment="Sửa lại")
    services.submit_for_review(revision=revision, actor=staff)
    with pytest.raises(LifecycleError):
        services.approve(revision=revision, actor=leadership)


def test_unreviewed_edition_cannot_be_approved(staff, leadership, department):
    revision = make_revision(make_document(department=department))
    services.submit_for_review(revision=revision, actor=staff)
    with pytest.raises(LifecycleError):
        services.approve(revision=revision, actor=leadership)


def test_a_draft_cannot_be_published(leadership, department):
    revision = make_revision(make_document(department=department))
    with pytest.raises(LifecycleError):
        services.publish(revision=revision, actor=leadership)
    assert Revision.objects.get(pk=revision.pk).state == State.DRAFT


def test_publish_waits_for_the_effective_date_then_the_daily_run_publishes(
    staff, head, leadership, department
):
    revision = make_revision(make_document(department=department))
    services.submit_for_review(revision=revision, actor=staff)
    services.review(revision=revision, actor=head)
    later = timezone.localdate() + timedelta(days=10)
    services.approve(revision=revision, actor=leadership, effective_date=later)
    with pytest.raises(LifecycleError, match="có hiệu lực từ ngày"):
        services.publish(revision=revision, actor=leadership)
    assert services.publish_due_editions() == []
    published = services.publish_due_editions(today=later)
    assert [r.pk for r in published] == [revision.pk]
    revision.refresh_from_db()
    assert revision.state == State.EFFECTIVE and revision.effective_date == later
    assert revision.history.first().history_user == leadership


def test_obsolete_document_keeps_its_editions_readable_and_marked(secretariat, department):
    document = make_effective_document(department=department)
    edition = document.current
    services.make_obsolete(document=document, actor=secretariat, reason="Thay bằng QT.09")
    document.refresh_from_db()
    edition.refresh_from_db()
    assert document.is_obsolete and document.current is None
    assert edition.state == State.OBSOLETE and edition.is_past
    assert Revision.objects.filter(pk=edition.pk).exists()
    with pytest.raises(LifecycleError):
        services.create_draft(document=document, actor=secretariat)


def test_second_draft_while_one_is_in_progress_is_refused(staff, department):
    document = make_effective_document(department=department)
    services.create_draft(document=document, actor=staff)
    with pytest.raises(LifecycleError, match="đang được soạn thảo"):
        services.create_draft(document=document, actor=staff)


def test_stale_save_is_refused_and_changes_nothing(staff, colleague, department):
    revision = make_revision(make_document(department=department))
    opened = revision.version
    services.save_draft(
        revision=revision, actor=staff, data={"purpose": "Bản của Lan"}, version=opened
    )
    with pytest.raises(ConflictError) as refused:
        services.save_draft(
            revision=revision,
            actor=colleague,
            data={"purpose": "Bản của đồng nghiệp"},
            version=opened,
        )
    assert "Nguyễn Thị Lan" in refused.value.message
    revision.refresh_from_db()
    assert revision.purpose == "Bản của Lan" and revision.version == opened + 1


def test_saving_steps_reorders_adds_and_removes_rows(staff, department):
    revision = make_revision(make_document(department=department), steps=3)
    steps = services.steps_as_data(revision)
    new_steps = [steps[2], steps[0], {"name": "Bước mới", "responsible": "Văn thư"}]
    services.save_draft(
        revision=revision, actor=staff, data={"steps": new_steps}, version=revision.version
    )
    names = list(revision.steps.values_list("name", flat=True))
    assert names == ["Bước 3", "Bước 1", "Bước mới"]
    revision.refresh_from_db()
    assert [s["name"] for s in revision.snapshot["steps"]] == names
    assert "buoc moi" in revision.search_text


def test_approval_rule_decides_who_approves_a_kind(leadership, secretariat, department):
    from documents.permissions import APPROVE, can

    document = make_document(department=department, kind=Document.Kind.REGULATION)
    assert can(leadership, APPROVE, document) and can(secretariat, APPROVE, document)
    ApprovalRule.objects.create(kind=Document.Kind.REGULATION, role="leadership")
    leadership = type(leadership).objects.get(pk=leadership.pk)
    secretariat = type(secretariat).objects.get(pk=secretariat.pk)
    assert can(leadership, APPROVE, document)
    assert not can(secretariat, APPROVE, document)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_publish_requests_leave_exactly_one_effective_edition(department):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    approver = make_user("approver", roles=("leadership",))
    document = make_effective_document(department=department)
    draft = make_revision(document, state=State.APPROVED, effective_date=timezone.localdate())
    barrier = threading.Barrier(2)
    outcomes = []

    def publish_in_thread():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.publish(revision=draft, actor=approver)
            outcomes.append("published")
        except LifecycleError:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=publish_in_thread) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["published", "refused"]
    assert document.revisions.filter(state=State.EFFECTIVE).count() == 1
    document.refresh_from_db()
    assert document.current_id == draft.pk
    assert document.revisions.get(number=1).state == State.SUPERSEDED
    assert draft.signoffs.filter(step="published").count() == 1


@pytest.mark.django_db(transaction=True)
def test_database_guard_holds_even_without_the_service(department):
    document = make_effective_document(department=department)
    draft = make_revision(document, state=State.APPROVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.filter(pk=draft.pk).update(state=State.EFFECTIVE)
