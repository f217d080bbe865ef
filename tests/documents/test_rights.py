"""Per-object rights, for every role, against a document of their own department
(TCCB) and of another (KHTC), through the pages a person uses."""

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import services
from documents.models import Revision
from tests.documents.factories import make_document, make_revision
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
State = Revision.State
PERSONAS = [
    "staff",
    "head",
    "secretariat",
    "leadership",
    "auditor",
    "external",
    "outsider",
    "unit_contact",
]


@pytest.fixture
def documents(department, other_department):
    own = make_document("QT.01-TCCB", department=department)
    other = make_document("QT.01-KHTC", department=other_department)
    return {"own": own, "other": other}


def _persona(request, name):
    return request.getfixturevalue(name)


READ_DRAFT = {
    "own": {"staff", "head", "secretariat", "leadership", "auditor", "external"},
    "other": {"outsider", "secretariat", "leadership", "auditor", "external"},
}
# The auditor is an internal auditor, staff of KHTC: as staff, they edit its drafts.
EDIT = {"own": {"staff", "head"}, "other": {"outsider", "auditor"}}
REVIEW = {"own": {"head", "secretariat"}, "other": {"secretariat"}}
APPROVE = {"own": {"leadership", "secretariat"}, "other": {"leadership", "secretariat"}}


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_a_draft(persona, which, request, documents, client_for):
    user = _persona(request, persona)
    draft = make_revision(documents[which])
    response = client_for(user).get(draft.get_absolute_url())
    assert response.status_code == (200 if persona in READ_DRAFT[which] else 403)


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_signed_in_reads_the_effective_edition(
    persona, which, request, documents, client_for
):
    user = _persona(request, persona)
    edition = make_revision(documents[which], state=State.EFFECTIVE)
    response = client_for(user).get(edition.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_editing_a_draft(persona, which, request, documents, client_for):
    user = _persona(request, persona)
    draft = make_revision(documents[which])
    url = reverse("documents:edit", args=[draft.document.code, draft.number])
    client = client_for(user)
    assert client.get(url).status_code == (200 if persona in EDIT[which] else 403)
    response = client.post(url, {"version": draft.version, "purpose": "Mục đích mới"})
    if persona in EDIT[which]:
        assert response.status_code == 400 or response.status_code == 302
    else:
        assert response.status_code == 403
        draft.refresh_from_db()
        assert draft.purpose != "Mục đích mới"


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_reviewing_an_edition(persona, which, request, documents, client_for):
    user = _persona(request, persona)
    edition = make_revision(documents[which], state=State.IN_REVIEW)
    url = reverse("documents:transition", args=[edition.document.code, edition.number, "review"])
    response = client_for(user).post(url, {"comment": "Đã kiểm tra", "secret": PASSWORD})
    if persona in REVIEW[which]:
        assert response.status_code == 302
        assert edition.signoffs.filter(step="reviewed", user=user).exists()
    else:
        assert response.status_code == 403
        assert not edition.signoffs.exists()


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_approving_an_edition(persona, which, request, documents, client_for, head):
    user = _persona(request, persona)
    edition = make_revision(documents[which], state=State.IN_REVIEW)
    services.review(revision=edition, actor=head)
    url = reverse("documents:transition", args=[edition.document.code, edition.number, "approve"])
    response = client_for(user).post(
        url, {"effective_date": timezone.localdate().isoformat(), "comment": "", "secret": PASSWORD}
    )
    edition.refresh_from_db()
    if persona in APPROVE[which]:
        assert response.status_code == 302 and edition.state == State.APPROVED
    else:
        assert response.status_code == 403 and edition.state == State.IN_REVIEW


@pytest.mark.parametrize("persona", PERSONAS)
def test_opening_a_new_draft_needs_the_edit_right(persona, request, documents, client_for):
    user = _persona(request, persona)
    document = documents["own"]
    make_revision(document, state=State.EFFECTIVE)
    response = client_for(user).post(reverse("documents:new_draft", args=[document.code]))
    if persona in EDIT["own"]:
        assert response.status_code == 302 and document.revisions.count() == 2
    else:
        assert response.status_code == 403 and document.revisions.count() == 1


def test_a_person_moving_department_takes_the_rights_along(staff, documents, other_department):
    from documents.permissions import EDIT as EDIT_RIGHT
    from documents.permissions import can

    assert can(staff, EDIT_RIGHT, documents["own"])
    staff.profile.department = other_department
    staff.profile.save()
    staff = type(staff).objects.get(pk=staff.pk)
    assert not can(staff, EDIT_RIGHT, documents["own"])
    assert can(staff, EDIT_RIGHT, documents["other"])


def test_a_document_moving_department_changes_who_edits_it(
    staff, outsider, documents, other_department
):
    from documents.permissions import EDIT as EDIT_RIGHT
    from documents.permissions import can

    document = documents["own"]
    document.department = other_department
    document.save()
    staff = type(staff).objects.get(pk=staff.pk)
    outsider = type(outsider).objects.get(pk=outsider.pk)
    assert not can(staff, EDIT_RIGHT, document) and can(outsider, EDIT_RIGHT, document)


def test_a_profile_save_that_keeps_the_department_leaves_the_rights_rows_alone(
    staff, documents, other_department, monkeypatch
):
    from documents import permissions

    rebuilt = []
    monkeypatch.setattr(permissions, "grant_user_rights", lambda user: rebuilt.append(user.pk))
    profile = type(staff.profile).objects.get(pk=staff.profile.pk)
    profile.phone = "0912 345 678"
    profile.save()
    assert rebuilt == []  # a phone number changes no right
    profile.department = other_department
    profile.save()
    assert rebuilt == [staff.pk]  # a move does
    profile.phone = "0912 000 000"
    profile.save()
    assert rebuilt == [staff.pk]  # and the next plain save, after the move, does not
