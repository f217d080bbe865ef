"""Who may write what on a document (issue 15, section 5): acknowledgements and
change requests, per persona, through the page and through the service."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from documents import permissions, services
from documents.models import Acknowledgement, ChangeRequest
from tests.documents.factories import make_effective_document

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "head", "secretariat", "leadership", "auditor", "external", "unit_contact"]


@pytest.fixture
def document(department):
    """A TCCB procedure, effective, distributed to no unit and no other department."""
    return make_effective_document(department=department)


@pytest.fixture
def persona(request):
    return request.getfixturevalue(request.param)


# The owning department (staff, head) receives the document; leadership, the
# secretariat (QLCL), the auditor (KHTC), the external auditor and the unit do not.
RECIPIENTS = {"staff", "head"}


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_only_a_recipient_acknowledges(client_for, persona, document):
    url = reverse("documents:acknowledge", args=[document.code, document.current.number])
    response = client_for(persona).post(url)
    recorded = Acknowledgement.objects.filter(user=persona).exists()
    if persona.username in RECIPIENTS:
        assert response.status_code == 302 and recorded
    else:
        assert response.status_code == 403 and not recorded
        with pytest.raises(PermissionDenied):
            services.acknowledge(revision=document.current, actor=persona)


def test_leadership_and_the_auditor_acknowledge_once_it_is_distributed_to_them(
    client_for, leadership, auditor, other_department, document
):
    from ims.models import Department, Profile

    office = Department.objects.create(code="VP", name="Văn phòng")
    Profile.objects.update_or_create(user=leadership, defaults={"department": office})
    document.distribution.add(office, other_department)
    url = reverse("documents:acknowledge", args=[document.code, document.current.number])
    for person in (leadership, auditor):
        assert client_for(person).post(url).status_code == 302
    assert Acknowledgement.objects.filter(user__in=[leadership, auditor]).count() == 2


def test_the_external_auditor_never_acknowledges_even_when_distributed(external, document):
    from ims.models import Profile

    Profile.objects.update_or_create(user=external, defaults={"department": document.department})
    assert not permissions.can_acknowledge(external, document.current)


# Staff (the auditor is staff of KHTC too), heads, the secretariat and leadership
# propose changes to any document; the unit contact only to one their unit receives.
PROPOSERS = {"staff", "head", "secretariat", "leadership", "auditor"}


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_who_proposes_a_change_to_a_document_not_distributed_to_units(
    client_for, persona, document
):
    url = reverse("documents:propose_change", args=[document.code])
    response = client_for(persona).post(url, {"reason": "Rút ngắn thời hạn"})
    created = ChangeRequest.objects.filter(proposed_by=persona).exists()
    if persona.username in PROPOSERS:
        assert response.status_code == 302 and created
    else:
        assert response.status_code == 403 and not created
        with pytest.raises(PermissionDenied):
            services.propose_change(document=document, actor=persona, reason="x")


def test_a_unit_contact_proposes_changes_to_documents_distributed_to_their_unit(
    client_for, unit_contact, unit, document
):
    document.distribution_units.add(unit)
    url = reverse("documents:propose_change", args=[document.code])
    assert client_for(unit_contact).post(url, {"reason": "Biểu mẫu khó điền"}).status_code == 302
    assert ChangeRequest.objects.filter(proposed_by=unit_contact).count() == 1


def test_the_change_request_form_is_shown_only_to_those_who_may_propose(
    client_for, unit_contact, external, staff, document
):
    action = reverse("documents:propose_change", args=[document.code])
    assert action in client_for(staff).get(document.get_absolute_url()).content.decode()
    for person in (unit_contact, external):
        page = client_for(person).get(document.get_absolute_url())
        assert page.status_code == 200 and action not in page.content.decode()


def test_the_external_auditor_reads_drafts_and_the_register(client_for, external, document):
    from documents.models import Revision
    from tests.documents.factories import make_revision

    draft = make_revision(document, state=Revision.State.DRAFT)
    client = client_for(external)
    assert client.get(reverse("documents:register")).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert (
        client.get(reverse("documents:edit", args=[document.code, draft.number])).status_code == 403
    )
