"""The register's pages: who reads and who writes, filters, heat maps, export."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse

from risks import services
from risks.models import Risk
from tests.risks.conftest import risk_data

pytestmark = pytest.mark.django_db


def _add(actor, department, owner, today, n=1, **extra):
    return [
        services.create_risk(
            actor=actor, department=department, data=risk_data(owner, today, **extra)
        )
        for _ in range(n)
    ]


def test_a_head_adds_a_risk_and_a_wrong_treatment_is_shown_without_losing_the_text(
    client_for, head, staff, today
):
    client = client_for(head)
    post = {
        "process": "Tuyển dụng",
        "kind": "opportunity",
        "description": "Số hóa hồ sơ tuyển dụng",
        "likelihood": "3",
        "impact": "2",
        "owner": staff.pk,
        "treatment": "reduce",
        "identified_on": today.isoformat(),
        "review_due": (today + timedelta(days=60)).isoformat(),
    }
    page = client.post(reverse("risks:create"), post)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Số hóa hồ sơ tuyển dụng" in html  # nothing lost
    assert "cơ hội" in html.lower()  # the error, in Vietnamese
    post["treatment"] = "pursue"
    page = client.post(reverse("risks:create"), post)
    risk = Risk.objects.get()
    assert page.status_code == 302 and page["Location"] == risk.get_absolute_url()
    assert risk.department == head.profile.department


def test_who_reads_which_rows(
    client_for, head, staff, outsider, auditor, leadership, unit_contact, other_department, today
):
    mine = _add(head, head.profile.department, staff, today)[0]
    theirs = services.create_risk(
        actor=_secretariat(), department=other_department, data=risk_data(outsider, today)
    )
    assert client_for(staff).get(mine.get_absolute_url()).status_code == 200
    assert client_for(staff).get(theirs.get_absolute_url()).status_code == 403
    assert client_for(outsider).get(mine.get_absolute_url()).status_code == 403
    for reader in (auditor, leadership):
        assert client_for(reader).get(mine.get_absolute_url()).status_code == 200
    assert client_for(unit_contact).get(reverse("risks:register")).status_code == 403
    listed = client_for(staff).get(reverse("risks:register")).content.decode()
    assert mine.number in listed and theirs.number not in listed


def _secretariat():
    from ims.roles import Role
    from tests.factories import make_user

    return make_user("sec2", roles=(Role.ISO_SECRETARIAT, Role.STAFF))


def test_an_auditor_reads_the_register_but_cannot_change_it(
    client_for, risk, auditor, external, today
):
    for reader in (auditor, external):
        client = client_for(reader)
        page = client.get(risk.get_absolute_url()).content.decode()
        assert reverse("risks:edit", args=[risk.pk]) not in page
        assert reverse("risks:review", args=[risk.pk]) not in page
        for name in ("edit", "review", "link", "accept"):
            assert client.post(reverse(f"risks:{name}", args=[risk.pk]), {}).status_code == 403
        assert client.post(reverse("risks:create"), {}).status_code == 403
        assert client.post(reverse("risks:scale"), {}).status_code == 403
    risk.refresh_from_db()
    assert risk.version == 1


def test_filters_by_band_kind_and_overdue_and_bad_values_are_ignored(
    client_for, secretariat, head, staff, today
):
    department = head.profile.department
    low = _add(head, department, staff, today, likelihood=1, impact=2)[0]
    high = _add(head, department, staff, today, likelihood=4, impact=4)[0]
    late = _add(
        head, department, staff, today, likelihood=2, impact=3, review_due=today - timedelta(days=1)
    )[0]
    client = client_for(secretariat)
    url = reverse("risks:register")

    def numbers(query):
        page = client.get(url, query)
        assert page.status_code == 200
        return {r.number for r in page.context["page_obj"]}

    assert numbers({"band": "high"}) == {high.number}
    assert numbers({"band": "low"}) == {low.number}
    assert numbers({"overdue": "on"}) == {late.number}
    assert numbers({"kind": "opportunity"}) == set()
    assert numbers({"department": "abc", "band": "nope", "l": "9", "page": "x"}) == {
        low.number,
        high.number,
        late.number,
    }


def test_a_heat_map_cell_links_to_the_rows_it_counts(client_for, secretariat, head, staff, today):
    department = head.profile.department
    _add(
        head,
        department,
        staff,
        today,
        n=2,
        likelihood=4,
        impact=5,
        residual_likelihood=2,
        residual_impact=5,
    )
    _add(head, department, staff, today, likelihood=1, impact=1)
    client = client_for(secretariat)
    page = client.get(reverse("risks:register"), {"kind": "risk"})
    before, after = page.context["maps"]
    cell = next(
        c for _, _, cells in before.rows for c in cells if (c.likelihood, c.impact) == (4, 5)
    )
    assert cell.count == 2 and cell.band == "very_high"
    assert "kind=risk" in cell.url and "l=4" in cell.url and "i=5" in cell.url
    assert after.total == 2
    html = page.content.decode()
    assert '<table class="heatmap">' in html and '<th scope="row">' in html
    # the bands in words, in Vietnamese (not another app's "Medium", a storage medium)
    assert "Thấp 1–4" in html and "Trung bình 5–9" in html and "Rất cao 20–25" in html
    listed = client.get(cell.url).context["page_obj"]
    assert len(listed) == 2 and all((r.likelihood, r.impact) == (4, 5) for r in listed)


def test_the_export_has_the_filtered_rows(client_for, secretariat, head, staff, today):
    from openpyxl import load_workbook

    department = head.profile.department
    _add(head, department, staff, today, likelihood=5, impact=5)
    _add(head, department, staff, today, likelihood=1, impact=1)
    response = client_for(secretariat).get(
        reverse("risks:register"), {"band": "very_high", "export": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][9] == 25


def test_the_register_and_heat_map_take_the_same_queries_for_3_or_30_rows(
    client_for, secretariat, head, staff, today, django_assert_max_num_queries
):
    department = head.profile.department
    _add(head, department, staff, today, n=3)
    client = client_for(secretariat)
    client.get(reverse("risks:register"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("risks:register"))
    _add(head, department, staff, today, n=27, likelihood=2)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("risks:register"))


def test_the_detail_shows_history_links_and_the_owner_signs_with_the_password(
    client_for, risk, head, staff, secretariat, today
):
    from audits.corrective.services import open_corrective_action
    from audits.models import CorrectiveAction
    from tests.factories import PASSWORD

    action = open_corrective_action(
        actor=secretariat,
        source=CorrectiveAction.Source.PROCESS_FAILURE,
        department=risk.department,
        nonconformity="Thất lạc hồ sơ tuyển dụng tháng 9",
        due_date=today + timedelta(days=20),
    )
    client = client_for(head)
    assert (
        client.post(
            reverse("risks:link", args=[risk.pk]), {"link-corrective_action": action.pk}
        ).status_code
        == 302
    )
    response = client.post(
        reverse("risks:edit", args=[risk.pk]),
        {
            **_form(risk, staff, today),
            "residual_likelihood": "1",
            "residual_impact": "4",
            "version": risk.version,
        },
    )
    assert response.status_code == 302
    page = client.get(risk.get_absolute_url()).content.decode()
    assert action.number in page and action.get_state_display() in page
    assert "accept_form" not in page and reverse("risks:accept", args=[risk.pk]) not in page
    owner = client_for(staff)
    wrong = owner.post(reverse("risks:accept", args=[risk.pk]), {"secret": "wrong"})
    assert wrong.status_code == 400 and not risk.acceptances.exists()
    assert (
        owner.post(reverse("risks:accept", args=[risk.pk]), {"secret": PASSWORD}).status_code == 302
    )
    acceptance = risk.acceptances.get()
    assert acceptance.signed_by == staff and acceptance.auth_method == "password"
    page = client.get(risk.get_absolute_url()).content.decode()
    assert "Lò Văn Hùng" in page  # the history names the head who edited


def _form(risk, owner, today):
    return {
        "process": risk.process,
        "kind": risk.kind,
        "description": risk.description,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "owner": owner.pk,
        "treatment": risk.treatment,
        "identified_on": today.isoformat(),
        "review_due": risk.review_due.isoformat(),
    }


def test_a_stale_edit_is_refused_on_the_page(client_for, risk, head, secretariat, staff, today):
    data = {**_form(risk, staff, today), "version": risk.version}
    assert (
        client_for(secretariat)
        .post(reverse("risks:edit", args=[risk.pk]), {**data, "impact": 5})
        .status_code
        == 302
    )
    page = client_for(head).post(reverse("risks:edit", args=[risk.pk]), {**data, "impact": 1})
    assert page.status_code == 200
    risk.refresh_from_db()
    assert risk.impact == 5


def test_the_scale_page_refuses_bands_with_a_gap_in_vietnamese(client_for, secretariat):
    from risks.models import RiskScale

    scale = RiskScale.current()
    data = {f"likelihood_{n}": w for n, w in enumerate(scale.likelihood_words(), 1)}
    data |= {f"impact_{n}": w for n, w in enumerate(scale.impact_words(), 1)}
    data |= {"medium_from": 9, "high_from": 5, "very_high_from": 20, "version": scale.version}
    page = client_for(secretariat).post(reverse("risks:scale"), data)
    assert page.status_code == 200 and "không" in page.content.decode().lower()
    data |= {"medium_from": 6, "high_from": 12}
    assert client_for(secretariat).post(reverse("risks:scale"), data).status_code == 302
    assert RiskScale.current().medium_from == 6


def test_not_a_number_in_the_address_is_a_404(client_for, secretariat):
    assert client_for(secretariat).get("/risks/abc/").status_code == 404
    assert client_for(secretariat).get("/risks/999999/").status_code == 404
