"""The pages that list clauses show the whole library: ISO 9001:2015's numbered
sub-clauses and ISO 21001's annexes (audit criteria, the checklist, documents' clause
links, the register filter, objectives, the clause map)."""

from django.urls import reverse

from ims.models import Clause

from .conftest import clauses


def test_audit_criteria_offer_the_new_sub_clauses_and_annexes(client_for, secretariat, audit_round):
    page = client_for(secretariat).get(reverse("audits:audit_create", args=[audit_round.pk]))
    html = page.content.decode()
    assert "9001:2015 §7.5.3.1 Sự sẵn có, phù hợp và được bảo vệ" in html
    assert "9001:2015 §10.2.2 " in html
    assert "21001:2018 Phụ lục A Yêu cầu bổ sung đối với giáo dục mầm non" in html


def test_the_checklist_of_an_audit_of_sub_clauses_and_an_annex_lists_them_in_order(
    client_for, secretariat, audit
):
    audit.clauses.set(
        clauses("9.2", "9.2.1", "9.2.2") + clauses("9.2", "A", standard=Clause.Standard.ISO_21001)
    )
    client = client_for(secretariat)
    assert client.post(reverse("audits:checklist_generate", args=[audit.pk])).status_code == 302
    html = client.get(reverse("audits:checklist", args=[audit.pk])).content.decode()
    labels = ["9001:2015 §9.2.1", "9001:2015 §9.2.2", "21001:2018 Phụ lục A"]
    positions = [html.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "Tiến hành đánh giá nội bộ theo những khoảng thời gian đã hoạch định" in html


def test_documents_and_objectives_can_link_the_new_clauses(client_for, secretariat):
    client = client_for(secretariat)
    document_form = client.get(reverse("documents:create")).content.decode()
    assert "9001:2015 §8.7.1" in document_form
    assert "21001:2018 Phụ lục E" in document_form
    register = client.get(reverse("documents:register")).content.decode()
    assert "8.2.3.2" in register  # the register's clause filter
    objective_form = client.get(reverse("objectives:objective_add")).content.decode()
    assert "9001:2015 §6.2.1" in objective_form


def test_the_clause_map_shows_the_annexes_as_iso_21001_only(client_for, secretariat):
    html = client_for(secretariat).get(reverse("audits:clause_map")).content.decode()
    assert "<strong>A</strong> Yêu cầu bổ sung đối với giáo dục mầm non (quy định)" in html
    assert "<strong>4.4.1</strong>" in html  # 9001's own sub-clause, where 9001 puts it
