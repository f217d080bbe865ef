"""An edition's state reads true wherever it is shown (register, document page, edition
page, home), sub-states included: reviewed and awaiting approval; approved and not yet
in force; and a person's own drafts wait for them on their home page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import services
from documents.models import Revision
from tests.documents.factories import make_document, make_effective_document, make_revision

pytestmark = pytest.mark.django_db
State = Revision.State


def _edition_in_review(document, staff, head=None):
    draft = services.create_draft(document=document, actor=staff)
    draft = services.save_draft(
        revision=draft, actor=staff, data={"change_summary": "Cập nhật"}, version=draft.version
    )
    services.submit_for_review(revision=draft, actor=staff)
    if head is not None:
        services.review(revision=draft, actor=head)
    return draft


def _badge(label: str, html: str) -> bool:
    return re.search(rf">\s*{re.escape(label)}\s*</span>", html) is not None


def _pages(client, revision) -> dict[str, str]:
    document = revision.document
    register = client.get(reverse("documents:register")).content.decode()
    return {
        "register": register.split('id="register-results"', 1)[1],
        "document": client.get(document.get_absolute_url()).content.decode(),
        "edition": client.get(revision.get_absolute_url()).content.decode(),
    }


def test_each_state_has_its_label(staff, head, leadership, department):
    today = timezone.localdate()
    document = make_effective_document(department=department)
    draft = services.create_draft(document=document, actor=staff)
    draft = services.save_draft(
        revision=draft, actor=staff, data={"change_summary": "Cập nhật"}, version=draft.version
    )
    assert draft.status_for(today) == ("draft", "Dự thảo")
    services.submit_for_review(revision=draft, actor=staff)
    draft.refresh_from_db()
    assert draft.status_for(today) == ("in_review", "Đang kiểm tra")
    services.review(revision=draft, actor=head)
    draft = Revision.objects.get(pk=draft.pk)  # its sign-offs afresh
    assert draft.status_for(today) == ("reviewed", "Đã kiểm tra — chờ phê duyệt")
    later = today + timedelta(days=10)
    services.approve(revision=draft, actor=leadership, effective_date=later)
    draft.refresh_from_db()
    assert draft.status_for(today) == (
        "approved",
        f"Đã phê duyệt — có hiệu lực từ {later:%d/%m/%Y}",
    )
    assert draft.status_for(later) == ("approved", "Đã phê duyệt — chờ ban hành")
    assert document.revisions.get(number=1).status_for(today) == ("effective", "Có hiệu lực")


def test_an_edition_in_review_is_not_called_a_draft_on_the_register(client_for, staff, department):
    document = make_effective_document(department=department)
    _edition_in_review(document, staff)
    register = client_for(staff).get(reverse("documents:register")).content.decode()
    assert "lần 2: Đang kiểm tra" in register
    assert "soạn thảo lần 2" not in register


def test_a_reviewed_edition_reads_awaiting_approval_everywhere(client_for, staff, head, department):
    document = make_effective_document(department=department)
    draft = _edition_in_review(document, staff, head)
    for name, html in _pages(client_for(staff), draft).items():
        assert "Đã kiểm tra — chờ phê duyệt" in html, name
        assert not _badge("Đang kiểm tra", html), name
    home = client_for(staff).get(reverse("home")).content.decode()
    assert "Đã kiểm tra — chờ phê duyệt" in home


def test_an_approved_edition_not_yet_in_force_says_when_it_takes_effect(
    client_for, staff, head, leadership, department
):
    later = timezone.localdate() + timedelta(days=7)
    document = make_document(department=department)  # no effective edition yet
    draft = make_revision(document)
    services.submit_for_review(revision=draft, actor=staff)
    services.review(revision=draft, actor=head)
    services.approve(revision=draft, actor=leadership, effective_date=later)
    expected = f"Đã phê duyệt — có hiệu lực từ {later:%d/%m/%Y}"
    for name, html in _pages(client_for(staff), draft).items():
        assert expected in html, name


def test_a_draft_reads_as_a_draft_and_in_review_as_in_review(client_for, staff, department):
    document = make_document(department=department)
    draft = make_revision(document)
    for name, html in _pages(client_for(staff), draft).items():
        assert _badge("Dự thảo", html), name
    services.submit_for_review(revision=draft, actor=staff)
    for name, html in _pages(client_for(staff), draft).items():
        assert _badge("Đang kiểm tra", html) and "chờ phê duyệt" not in html, name


def test_a_persons_own_draft_is_on_their_home_page_with_a_link_to_the_editor(
    client_for, staff, colleague, outsider, department
):
    document = make_effective_document(department=department)
    draft = services.create_draft(document=document, actor=staff)
    editor = reverse("documents:edit", args=[document.code, draft.number])
    assert f'href="{editor}"' in client_for(staff).get(reverse("home")).content.decode()
    # a colleague who may edit the department's documents sees it too; an outsider not
    assert f'href="{editor}"' in client_for(colleague).get(reverse("home")).content.decode()
    assert f'href="{editor}"' not in client_for(outsider).get(reverse("home")).content.decode()


def test_the_register_status_stays_a_constant_number_of_queries(
    client_for, staff, head, department, django_assert_max_num_queries
):
    for _ in range(6):
        document = make_effective_document(department=department)
        _edition_in_review(document, staff, head)
    client = client_for(staff)
    client.get(reverse("documents:register"))
    with django_assert_max_num_queries(12):
        client.get(reverse("documents:register"))
