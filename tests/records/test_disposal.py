"""Disposal of records past retention: proposed, approved by the head and the
secretariat (either order), carried out with a biên bản; nothing removed before."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from ims.roles import Role
from records import services
from records.models import DisposalProposal, RecordEntry
from tests.factories import make_user
from tests.records.conftest import log, pdf_upload

pytestmark = pytest.mark.django_db
COUNCIL = "Lò Văn Hùng – Trưởng phòng – Chủ tịch\nNguyễn Thị Lan – Chuyên viên – Thư ký"


def _propose(series, actor, entries):
    return services.propose_disposal(
        department=series.department,
        actor=actor,
        entries=entries,
        method="Hủy bằng máy hủy tài liệu",
        council=COUNCIL,
        place="Phòng TCCB",
    )


def test_an_unapproved_or_half_approved_proposal_removes_nothing(
    series, secretariat, head, django_capture_on_commit_callbacks
):
    entry = log(series, secretariat, upload=pdf_upload())
    name = entry.file.name
    with django_capture_on_commit_callbacks(execute=True):
        proposal = _propose(series, secretariat, [entry])
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_disposal(proposal=proposal, actor=head)
    entry.refresh_from_db()
    proposal.refresh_from_db()
    assert proposal.status == DisposalProposal.Status.PENDING
    assert default_storage.exists(name)
    assert entry.file.name == name and not entry.is_disposed


def test_both_approvals_remove_the_files_and_keep_the_rows_marked(
    series, secretariat, head, django_capture_on_commit_callbacks
):
    entry = log(series, secretariat, upload=pdf_upload())
    recent = log(series, secretariat, year=2024)  # kept until 2030: not a candidate
    name = entry.file.name
    proposal = _propose(series, head, [entry])
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_disposal(proposal=proposal, actor=secretariat)  # any order
        assert default_storage.exists(name)
        services.approve_disposal(proposal=proposal, actor=head)
    proposal.refresh_from_db()
    entry.refresh_from_db()
    assert proposal.status == DisposalProposal.Status.DISPOSED
    assert not default_storage.exists(name)
    assert entry.is_disposed and not entry.file and entry.proposal == proposal
    assert RecordEntry.objects.count() == 2
    recent.refresh_from_db()
    assert not recent.is_disposed and recent.proposal is None
    assert [s.role for s in proposal.signoffs.all()] == ["secretariat", "head"]


def test_one_person_never_gives_both_approvals(series, secretariat, department):
    both = make_user(
        "headsec", roles=(Role.DEPARTMENT_HEAD, Role.ISO_SECRETARIAT), department=department
    )
    entry = log(series, secretariat)
    proposal = _propose(series, secretariat, [entry])
    services.approve_disposal(proposal=proposal, actor=both)
    with pytest.raises(services.RecordsError):
        services.approve_disposal(proposal=proposal, actor=both)
    assert proposal.signoffs.count() == 1


def test_records_not_past_retention_cannot_be_proposed(series, secretariat):
    recent = log(series, secretariat, year=2024)
    with pytest.raises(services.RecordsError):
        _propose(series, secretariat, [recent])
    assert DisposalProposal.objects.count() == 0


def test_withdrawing_frees_the_records_and_removes_nothing(series, secretariat):
    entry = log(series, secretariat, upload=pdf_upload())
    proposal = _propose(series, secretariat, [entry])
    services.withdraw_disposal(proposal=proposal, actor=secretariat)
    entry.refresh_from_db()
    assert entry.proposal is None and entry.file
    assert list(services.disposal_candidates(series.department, entry.retain_until)) == [entry]


def test_the_pages_propose_approve_and_print_the_bien_ban(
    series, secretariat, head, auditor, client_for
):
    entry = log(series, secretariat, upload=pdf_upload())
    client = client_for(secretariat)
    form = client.get(reverse("records:proposal_create"), {"department": series.department_id})
    assert "Phiếu đăng ký dự tuyển" in form.content.decode()
    url = f"{reverse('records:proposal_create')}?department={series.department_id}"
    bad = client.post(url, {"entries": [entry.pk], "method": "Máy hủy", "council": "Một người"})
    assert "ít nhất hai thành viên" in bad.content.decode()
    response = client.post(
        url, {"entries": [entry.pk], "method": "Máy hủy", "council": COUNCIL, "place": "Sơn La"}
    )
    proposal = DisposalProposal.objects.get()
    assert response.url == proposal.get_absolute_url()
    approve = reverse("records:proposal_approve", args=[proposal.pk])
    assert client_for(auditor).post(approve).status_code == 403
    pdf_url = reverse("records:proposal_pdf", args=[proposal.pk])
    assert client_for(auditor).get(pdf_url).status_code == 404
    client_for(secretariat).post(approve)
    client_for(head).post(approve)
    proposal.refresh_from_db()
    assert proposal.status == DisposalProposal.Status.DISPOSED
    pdf = client_for(auditor).get(pdf_url)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert (
        client_for(auditor).get(reverse("records:entry_file", args=[entry.pk])).status_code == 404
    )
