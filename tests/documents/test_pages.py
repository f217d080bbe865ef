import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import services
from documents.models import ChangeRequest, Document, Revision
from tests.documents.factories import make_document, make_effective_document, make_revision
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
State = Revision.State


def _editor_post(revision, *, version=None, purpose="", steps=(), **extra):
    data = {
        "version": version if version is not None else revision.version,
        "change_summary": "",
        "purpose": purpose,
        "scope": revision.scope,
        "references": "",
        "terms_notes": "",
        "terms-TOTAL_FORMS": "0",
        "terms-INITIAL_FORMS": "0",
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": "0",
        "records-TOTAL_FORMS": "0",
        "records-INITIAL_FORMS": "0",
    }
    for i, (order, name, responsible) in enumerate(steps):
        data.update(
            {
                f"steps-{i}-ORDER": str(order),
                f"steps-{i}-name": name,
                f"steps-{i}-responsible": responsible,
                f"steps-{i}-action": "",
                f"steps-{i}-time_limit": "",
                f"steps-{i}-record": "",
            }
        )
    data.update(extra)
    return data


def test_editor_saves_sections_and_steps_in_the_chosen_order(client_for, staff, department):
    draft = make_revision(make_document(department=department), steps=0)
    url = reverse("documents:edit", args=[draft.document.code, draft.number])
    response = client_for(staff).post(
        url,
        _editor_post(
            draft,
            purpose="Mục đích **mới**",
            steps=[(2, "Thẩm định", "Chuyên viên"), (1, "Tiếp nhận", "Văn thư")],
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.purpose == "Mục đích **mới**" and draft.version == 2
    assert list(draft.steps.values_list("name", flat=True)) == ["Tiếp nhận", "Thẩm định"]
    page = client_for(staff).get(url).content.decode()
    assert 'value="Tiếp nhận"' in page and 'name="version" value="2"' in page


def test_second_save_is_refused_and_keeps_the_losers_text(client_for, staff, colleague, department):
    draft = make_revision(make_document(department=department))
    url = reverse("documents:edit", args=[draft.document.code, draft.number])
    opened = draft.version
    first = client_for(staff).post(url, _editor_post(draft, version=opened, purpose="Bản của Lan"))
    assert first.status_code == 302
    response = client_for(colleague).post(
        url, _editor_post(draft, version=opened, purpose="Văn bản của người đến sau")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Văn bản của người đến sau" in page  # the loser's text is still in the form
    assert "Nguyễn Thị Lan" in page  # and the message says who saved first
    draft.refresh_from_db()
    assert draft.purpose == "Bản của Lan"


def test_preview_renders_unsaved_text_sanitised(client_for, staff, department):
    draft = make_revision(make_document(department=department), steps=0)
    url = reverse("documents:preview", args=[draft.document.code, draft.number])
    response = client_for(staff).post(
        url,
        _editor_post(
            draft,
            purpose="**Đậm** <script>alert(1)</script> <img src=x onerror=alert(2)>",
            steps=[(1, "Bước xem trước", "Văn thư")],
        ),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Đậm</strong>" in html and "Bước xem trước" in html
    assert "<script" not in html and "onerror" not in html
    draft.refresh_from_db()
    assert "Đậm" not in draft.purpose


def test_non_procedure_kinds_edit_a_free_body(client_for, staff, department):
    document = make_document(department=department, kind=Document.Kind.INSTRUCTION)
    draft = make_revision(document)
    url = reverse("documents:edit", args=[document.code, draft.number])
    page = client_for(staff).get(url).content.decode()
    assert 'name="body"' in page and 'name="purpose"' not in page
    response = client_for(staff).post(
        url, {"version": draft.version, "body": "# Hướng dẫn\n\n- một"}
    )
    assert response.status_code == 302
    assert "<h1>Hướng dẫn</h1>" in client_for(staff).get(draft.get_absolute_url()).content.decode()


def test_superseded_edition_is_clearly_marked(client_for, staff, department):
    document = make_document(department=department)
    old = make_revision(document, state=State.SUPERSEDED)
    make_revision(document, state=State.EFFECTIVE)
    page = client_for(staff).get(old.get_absolute_url()).content.decode()
    assert "past-banner" in page and "state-superseded" in page
    detail = client_for(staff).get(document.get_absolute_url()).content.decode()
    assert 'class="is-past"' in detail


def test_document_page_lists_editions_with_who_approved(client_for, staff, leadership, department):
    document = make_document(department=department)
    make_revision(
        document, state=State.EFFECTIVE, signed_by=leadership, change_summary="Ban hành lần đầu"
    )
    page = client_for(staff).get(document.get_absolute_url()).content.decode()
    assert "Ban hành lần đầu" in page and "Cầm Văn Quân" in page


def test_comparison_shows_a_changed_step(client_for, staff, head, leadership, department):
    document = make_effective_document(department=department)
    draft = services.create_draft(document=document, actor=staff)
    steps = services.steps_as_data(draft)
    steps[1]["responsible"] = "Trưởng phòng Tổ chức cán bộ"
    services.save_draft(
        revision=draft,
        actor=staff,
        data={"steps": steps, "change_summary": "Đổi người thẩm định"},
        version=draft.version,
    )
    url = reverse("documents:compare", args=[document.code]) + "?a=e1&b=e2"
    page = client_for(staff).get(url).content.decode()
    assert 'class="row-changed"' in page
    assert re.search(r"<ins>[^<]*Trưởng", page)
    assert re.search(r"<del>[^<]*Chuyên viên", page)


def test_two_saved_states_of_a_draft_compare_from_the_history(client_for, staff, department):
    draft = make_revision(make_document(department=department))
    services.save_draft(
        revision=draft, actor=staff, data={"purpose": "Phiên bản một"}, version=draft.version
    )
    draft.refresh_from_db()
    services.save_draft(
        revision=draft, actor=staff, data={"purpose": "Phiên bản hai"}, version=draft.version
    )
    history = client_for(staff).get(
        reverse("documents:history", args=[draft.document.code, draft.number])
    )
    page = history.content.decode()
    assert "Nguyễn Thị Lan" in page
    saved = list(draft.history.order_by("-history_date")[:2])
    url = reverse("documents:compare", args=[draft.document.code])
    compared = client_for(staff).get(
        url, {"a": f"h{saved[1].history_id}", "b": f"h{saved[0].history_id}"}
    )
    html = compared.content.decode()
    assert "<del>một</del>" in html and "<ins>hai</ins>" in html


def test_outsider_cannot_compare_into_a_draft(client_for, outsider, department):
    document = make_effective_document(department=department)
    make_revision(document)
    url = reverse("documents:compare", args=[document.code]) + "?a=e1&b=e2"
    assert client_for(outsider).get(url).status_code == 403


def test_acknowledgement_and_who_has_not(
    client_for, staff, colleague, head, other_department, department
):
    document = make_document(department=department)
    document.distribution.add(other_department)
    reader = make_user(
        "reader", roles=("staff",), department=other_department, full_name="Vì Thị Mai"
    )
    edition = make_revision(document, state=State.EFFECTIVE)
    ack_url = reverse("documents:acknowledge", args=[document.code, edition.number])
    assert client_for(staff).post(ack_url).status_code == 302
    assert set(services.who_has_not_acknowledged(edition)) == {colleague, head, reader}
    page = client_for(head).get(edition.get_absolute_url()).content.decode()
    assert "Vì Thị Mai" in page.split("not-acknowledged")[1]
    csv = (
        client_for(head)
        .get(reverse("documents:not_acknowledged_csv", args=[document.code, edition.number]))
        .content.decode("utf-8-sig")
    )
    assert "Vì Thị Mai" in csv and "Nguyễn Thị Lan" not in csv
    # a new edition asks again; the old acknowledgement stays with the old edition
    new = make_revision(document, state=State.APPROVED)
    services.publish(revision=new, actor=head)
    assert staff in services.who_has_not_acknowledged(new)
    assert edition.acknowledgements.filter(user=staff).exists()


def test_people_outside_the_distribution_cannot_acknowledge(client_for, outsider, department):
    document = make_effective_document(department=department)
    url = reverse("documents:acknowledge", args=[document.code, document.current.number])
    assert client_for(outsider).post(url).status_code == 403


def test_change_request_accepted_opens_a_linked_draft_and_the_proposer_sees_it(
    client_for, outsider, head, department
):
    document = make_effective_document(department=department)
    client_for(outsider).post(
        reverse("documents:propose_change", args=[document.code]), {"reason": "Thời hạn quá dài"}
    )
    change_request = ChangeRequest.objects.get()
    assert change_request.proposed_by == outsider
    response = client_for(head).post(
        reverse("documents:decide_change", args=[document.code, change_request.pk]),
        {"decision": "accept", "note": "Đồng ý"},
    )
    assert response.status_code == 302
    change_request.refresh_from_db()
    assert change_request.state == "accepted" and change_request.revision.state == State.DRAFT
    home = client_for(outsider).get(reverse("home")).content.decode()
    assert "Đã chấp nhận" in home or "accepted" in home.lower()


def test_change_request_rejected_needs_a_reason(client_for, outsider, head, department):
    document = make_effective_document(department=department)
    change_request = services.propose_change(document=document, actor=outsider, reason="Bỏ bước 2")
    url = reverse("documents:decide_change", args=[document.code, change_request.pk])
    client_for(head).post(url, {"decision": "reject", "note": ""})
    change_request.refresh_from_db()
    assert change_request.state == "open"
    client_for(head).post(url, {"decision": "reject", "note": "Bước 2 là bắt buộc"})
    change_request.refresh_from_db()
    assert (
        change_request.state == "rejected" and change_request.decision_note == "Bước 2 là bắt buộc"
    )
    assert document.revisions.count() == 1


def test_outsider_cannot_decide_a_change_request(client_for, outsider, staff, department):
    document = make_effective_document(department=department)
    change_request = services.propose_change(document=document, actor=staff, reason="Lý do")
    url = reverse("documents:decide_change", args=[document.code, change_request.pk])
    assert client_for(outsider).post(url, {"decision": "accept"}).status_code == 403


def test_periodic_review_due_and_overdue(client_for, head, department):
    today = timezone.localdate()
    overdue = make_effective_document(department=department)
    overdue.next_review_on = today - timedelta(days=3)
    overdue.save(update_fields=["next_review_on"])
    due = make_effective_document(department=department)
    due.next_review_on = today + timedelta(days=10)
    due.save(update_fields=["next_review_on"])
    later = make_effective_document(department=department)
    later.next_review_on = today + timedelta(days=200)
    later.save(update_fields=["next_review_on"])
    assert set(Document.objects.review_overdue(today)) == {overdue}
    assert set(Document.objects.review_due(today)) == {overdue, due}
    home = client_for(head).get(reverse("home")).content.decode()
    assert f'{overdue.code}/">' in home and f'{due.code}/">' in home
    assert f'{later.code}/">' not in home  # not due yet (it may be there to acknowledge)

    client_for(head).post(
        reverse("documents:periodic_review", args=[overdue.code]),
        {"outcome": "unchanged", "note": "Vẫn phù hợp"},
    )
    overdue.refresh_from_db()
    record = overdue.reviews.get()
    assert record.outcome == "unchanged" and not record.on_time
    assert overdue.next_review_on == overdue.review_due_after(today)

    client_for(head).post(
        reverse("documents:periodic_review", args=[due.code]), {"outcome": "new_draft"}
    )
    assert due.revisions.filter(state=State.DRAFT).exists()
    assert due.reviews.get().outcome == "new_draft"


def test_home_panel_lists_what_needs_the_person(client_for, staff, head, leadership, department):
    to_review = make_revision(make_document(department=department), state=State.IN_REVIEW)
    to_approve = make_revision(make_document(department=department), state=State.IN_REVIEW)
    services.review(revision=to_approve, actor=head)
    to_read = make_effective_document(department=department)
    head_page = client_for(head).get(reverse("home")).content.decode()
    assert to_review.document.code in head_page
    leader_page = client_for(leadership).get(reverse("home")).content.decode()
    assert to_approve.document.code in leader_page and to_review.document.code not in leader_page
    staff_page = client_for(staff).get(reverse("home")).content.decode()
    assert to_read.code in staff_page


def test_lifecycle_through_the_pages(client_for, staff, head, leadership, department):
    document = make_effective_document(department=department)
    client_for(staff).post(reverse("documents:new_draft", args=[document.code]))
    draft = document.revisions.get(number=2)
    services.save_draft(
        revision=draft, actor=staff, data={"change_summary": "Cập nhật"}, version=draft.version
    )
    t = lambda action: reverse("documents:transition", args=[document.code, 2, action])  # noqa: E731
    client_for(staff).post(t("submit"), {"comment": "", "secret": PASSWORD})
    client_for(head).post(t("review"), {"comment": "OK", "secret": PASSWORD})
    client_for(leadership).post(
        t("approve"), {"effective_date": timezone.localdate().isoformat(), "secret": PASSWORD}
    )
    client_for(leadership).post(t("publish"), {"secret": PASSWORD})
    document.refresh_from_db()
    assert document.current.number == 2
    assert document.revisions.get(number=1).state == State.SUPERSEDED


def test_saving_without_touching_the_steps_keeps_them(client_for, staff, department):
    draft = make_revision(make_document(department=department))
    names = list(draft.steps.values_list("name", flat=True))
    url = reverse("documents:edit", args=[draft.document.code, draft.number])
    data = _editor_post(
        draft,
        purpose="Chỉ sửa mục đích",
        steps=[(i, name, "") for i, name in enumerate(names, start=1)],
        **{"steps-INITIAL_FORMS": str(len(names))},
    )
    assert client_for(staff).post(url, data).status_code == 302
    assert list(draft.steps.values_list("name", flat=True)) == names


def test_secretariat_adds_a_document_with_a_first_draft(client_for, secretariat, department, staff):
    url = reverse("documents:create")
    data = {
        "code": "QT.20-TCCB",
        "title": "Quy trình nâng lương",
        "kind": "QT",
        "department": department.pk,
        "review_interval_months": 12,
    }
    assert client_for(staff).get(url).status_code == 403
    response = client_for(secretariat).post(url, data)
    assert response.status_code == 302
    document = Document.objects.get(code="QT.20-TCCB")
    assert document.revisions.get().state == State.DRAFT
    # the owning department's staff may edit it straight away
    edit = reverse("documents:edit", args=[document.code, 1])
    assert client_for(staff).get(edit).status_code == 200
    again = client_for(secretariat).post(url, data)
    assert again.status_code == 400 and Document.objects.filter(code="QT.20-TCCB").count() == 1


def test_a_form_must_name_its_procedure(client_for, secretariat, department):
    response = client_for(secretariat).post(
        reverse("documents:create"),
        {"code": "BM.01.01", "title": "Mẫu đơn", "kind": "BM", "department": department.pk,
         "review_interval_months": 12},
    )  # fmt: skip
    assert response.status_code == 400 and not Document.objects.filter(code="BM.01.01").exists()


def test_publishing_chooses_the_distribution(client_for, secretariat, department, other_department):
    document = make_effective_document(department=department)
    edition = make_revision(document, state=State.APPROVED, effective_date=timezone.localdate())
    url = reverse("documents:transition", args=[document.code, edition.number, "publish"])
    response = client_for(secretariat).post(
        url, {"distribution": [other_department.pk], "secret": PASSWORD}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.current == edition
    assert list(document.distribution.all()) == [other_department]


def test_secretariat_withdraws_a_document_from_its_page(client_for, secretariat, staff, department):
    document = make_effective_document(department=department)
    url = reverse("documents:withdraw", args=[document.code])
    assert client_for(staff).post(url, {"reason": "Hết hiệu lực"}).status_code == 403
    assert client_for(secretariat).post(url, {"reason": "Thay bằng QT.21"}).status_code == 302
    page = client_for(staff).get(document.get_absolute_url()).content.decode()
    assert "past-banner" in page and "state-obsolete" in page


def test_each_change_request_has_its_own_decision_form(client_for, head, staff, department):
    document = make_effective_document(department=department)
    first = services.propose_change(document=document, actor=staff, reason="Một")
    second = services.propose_change(document=document, actor=staff, reason="Hai")
    page = client_for(head).get(document.get_absolute_url()).content.decode()
    assert f'id="cr{first.pk}_decision_0"' in page and f'id="cr{second.pk}_decision_0"' in page
