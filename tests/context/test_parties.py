"""Interested parties (4.2): needs, typed links with the linked object's state, the
unmet flag, rights and constant queries."""

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from context import query, services
from context.models import Need, NeedLink, Party
from objectives.models import Measurement
from tests.objectives.conftest import make_indicator, make_objective
from tests.surveys.conftest import make_survey


def test_a_need_without_a_met_by_link_is_flagged_until_linked(
    client_for, secretariat, party, procedure
):
    client = client_for(secretariat)
    client.post(reverse("context:need_create", args=[party.pk]), {"text": "Được học hòa nhập"})
    need = Need.objects.get()
    page = client.get(party.get_absolute_url()).content.decode()
    assert "chưa có cách đáp ứng" in page
    assert "1 nhu cầu chưa được liên kết" in client.get(reverse("context:parties")).content.decode()
    response = client.post(
        reverse("context:link_create", args=[party.pk]),
        {"need": need.pk, "role": "met_by", "document": procedure.pk},
    )
    assert response.status_code == 302
    page = client.get(party.get_absolute_url()).content.decode()
    assert "chưa có cách đáp ứng" not in page
    assert procedure.code in page and "lần ban hành 1" in page
    assert (
        "nhu cầu chưa được liên kết" not in client.get(reverse("context:parties")).content.decode()
    )


def test_a_link_shows_the_current_state_of_what_it_points_to(
    client_for, secretariat, party, head, department
):
    from django.utils import timezone

    from ims.models import SchoolYear
    from ims.services import ensure_school_year

    year = ensure_school_year(SchoolYear.year_of(timezone.localdate()), current=True)
    objective = make_objective(year, head)
    indicator = make_indicator(objective, owner=head)
    survey = make_survey(actor=secretariat)
    need = services.add_need(actor=secretariat, party=party, text="Được đánh giá công bằng")
    services.link_need(
        actor=secretariat, need=need, role="met_by", target="objective", obj=objective
    )
    services.link_need(
        actor=secretariat, need=need, role="monitored_by", target="indicator", obj=indicator
    )
    services.link_need(
        actor=secretariat, need=need, role="monitored_by", target="survey", obj=survey
    )
    client = client_for(secretariat)
    page = client.get(party.get_absolute_url()).content.decode()
    assert "chưa có số đo" in page and "chưa có kết quả" in page
    assert f"năm học {year}" in page
    Measurement.objects.create(
        indicator=indicator,
        period_start=year.start_date,
        period_end=year.start_date.replace(day=30),
        value=Decimal("97"),
        entered_by=head,
    )
    page = client.get(party.get_absolute_url()).content.decode()
    assert "gần nhất 97 %" in page and "Có nguy cơ" in page


def test_a_link_must_fit_its_role(client_for, secretariat, party, head):
    from django.utils import timezone

    from ims.models import SchoolYear
    from ims.services import ensure_school_year

    year = ensure_school_year(SchoolYear.year_of(timezone.localdate()), current=True)
    indicator = make_indicator(make_objective(year, head), owner=head)
    need = services.add_need(actor=secretariat, party=party, text="An toàn")
    client = client_for(secretariat)
    response = client.post(
        reverse("context:link_create", args=[party.pk]),
        {"need": need.pk, "role": "met_by", "indicator": indicator.pk},
        follow=True,
    )
    assert "chỉ liên kết với" in response.content.decode()
    assert not NeedLink.objects.exists()


def test_learners_with_special_needs_come_first_and_are_marked(client_for, secretariat, party):
    services.add_party(
        actor=secretariat, fields={"name": "Cha mẹ học sinh", "kind": "parents", "order": 0}
    )
    page = client_for(secretariat).get(reverse("context:parties")).content.decode()
    page = page[page.index('<ul class="parties">') :]
    assert page.index("Học sinh khuyết tật") < page.index("Cha mẹ học sinh")
    assert "party-card special" in page


def test_an_auditor_reads_the_parties_but_cannot_change_them(
    client_for, auditor, external, secretariat, party
):
    need = services.add_need(actor=secretariat, party=party, text="Tiếp cận")
    for person in (auditor, external):
        client = client_for(person)
        page = client.get(party.get_absolute_url()).content.decode()
        assert "Tiếp cận" in page
        assert reverse("context:need_create", args=[party.pk]) not in page
        assert reverse("context:party_edit", args=[party.pk]) not in page
        assert (
            client.post(reverse("context:need_create", args=[party.pk]), {"text": "x"}).status_code
            == 403
        )
        assert (
            client.post(
                reverse("context:need_edit", args=[need.pk]), {"text": "x", "version": 1}
            ).status_code
            == 403
        )
        assert (
            client.post(
                reverse("context:party_create"), {"name": "x", "kind": "other", "order": 1}
            ).status_code
            == 403
        )
    assert Need.objects.count() == 1 and Party.objects.count() == 1


def test_the_party_page_shows_who_changed_what(client_for, secretariat, party):
    services.update_party(
        actor=secretariat, party=party, fields={"name": "Học sinh có nhu cầu đặc biệt"}, version=1
    )
    page = client_for(secretariat).get(party.get_absolute_url()).content.decode()
    assert "Học sinh khuyết tật → Học sinh có nhu cầu đặc biệt" in page


def test_the_parties_export_has_a_row_per_need(client_for, secretariat, party):
    services.add_need(actor=secretariat, party=party, text="Tiếp cận")
    services.add_need(actor=secretariat, party=party, text="Hòa nhập")
    response = client_for(secretariat).get(
        reverse("context:parties"), {"export": "xlsx", "kind": "zzz"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == ["Tiếp cận", "Hòa nhập"]
    assert rows[0][5] == "có"


def test_the_parties_register_takes_the_same_queries_for_one_party_or_many(
    client_for, secretariat, party, procedure, django_assert_max_num_queries
):
    client = client_for(secretariat)
    need = services.add_need(actor=secretariat, party=party, text="Tiếp cận")
    services.link_need(
        actor=secretariat, need=need, role="met_by", target="document", obj=procedure
    )
    client.get(reverse("context:parties"))
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("context:parties"))
    for n in range(10):
        other = services.add_party(
            actor=secretariat, fields={"name": f"Bên {n}", "kind": "community", "order": n}
        )
        for m in range(3):
            need = services.add_need(actor=secretariat, party=other, text=f"Nhu cầu {m}")
            services.link_need(
                actor=secretariat, need=need, role="met_by", target="document", obj=procedure
            )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("context:parties"))


def test_a_party_no_longer_relevant_leaves_the_register_and_the_pdf_and_stays_on_file(
    client_for, secretariat, party
):
    client = client_for(secretariat)
    services.add_need(actor=secretariat, party=party, text="Được học hòa nhập")
    other = services.add_party(
        actor=secretariat, fields={"name": "Doanh nghiệp", "kind": "employers"}
    )
    response = client.post(
        reverse("context:party_retire", args=[other.pk]),
        {"retire-note": "Sở không còn đặt hàng đào tạo nghề", "retire-version": other.version},
        follow=True,
    )
    assert "Doanh nghiệp đã được đưa ra khỏi danh mục" in response.content.decode()
    other.refresh_from_db()
    assert other.is_retired and other.retiring_note == "Sở không còn đặt hàng đào tạo nghề"

    register = client.get(reverse("context:parties")).content.decode()
    assert "Học sinh khuyết tật" in register and "Doanh nghiệp" not in register
    with_retired = client.get(reverse("context:parties"), {"retired": "on"}).content.decode()
    assert "Doanh nghiệp" in with_retired and "Không còn liên quan từ" in with_retired
    assert [p.name for p in query.parties_with_needs()] == ["Học sinh khuyết tật"]

    page = client.get(other.get_absolute_url()).content.decode()
    assert "Sở không còn đặt hàng đào tạo nghề" in page
    assert "Thêm nhu cầu" not in page  # needs are changed only in the register
    assert other.history.count() == 2  # kept with who and when


def test_retiring_asks_why_refuses_a_stale_form_and_reinstating_brings_it_back(
    client_for, secretariat, party
):
    client = client_for(secretariat)
    url = reverse("context:party_retire", args=[party.pk])
    page = client.post(url, {"retire-note": " ", "retire-version": party.version}, follow=True)
    assert "Hãy ghi lý do bên quan tâm này không còn liên quan." in page.content.decode()
    stale = client.post(url, {"retire-note": "x", "retire-version": party.version + 5}, follow=True)
    assert "Người khác đã lưu nội dung này" in stale.content.decode()
    party.refresh_from_db()
    assert not party.is_retired

    client.post(url, {"retire-note": "Trùng với bên khác", "retire-version": party.version})
    party.refresh_from_db()
    refused = client.post(reverse("context:need_create", args=[party.pk]), {"text": "Mới"})
    assert refused.status_code == 302 and not party.needs.exists()
    client.post(reverse("context:party_reinstate", args=[party.pk]), {"version": party.version})
    party.refresh_from_db()
    assert not party.is_retired and party.retiring_note == ""
    assert "Học sinh khuyết tật" in client.get(reverse("context:parties")).content.decode()
    # a bad version is a message, not an error page
    assert (
        client.post(
            reverse("context:party_reinstate", args=[party.pk]), {"version": "abc"}
        ).status_code
        == 302
    )


def test_an_auditor_cannot_take_a_party_out_of_the_register(client_for, auditor, party):
    client = client_for(auditor)
    url = reverse("context:party_retire", args=[party.pk])
    assert client.post(url, {"retire-note": "x", "retire-version": 1}).status_code == 403
    assert "Đưa ra khỏi danh mục" not in client.get(party.get_absolute_url()).content.decode()


def test_a_need_no_longer_relevant_leaves_the_register_and_stays_on_the_partys_page(
    client_for, secretariat, auditor, party, procedure
):
    client = client_for(secretariat)
    kept = services.add_need(actor=secretariat, party=party, text="Được học hòa nhập")
    old = services.add_need(actor=secretariat, party=party, text="Phòng học tầng 1")
    url = reverse("context:need_retire", args=[old.pk])
    refused = client.post(url, {"retire-note": "", "retire-version": old.version}, follow=True)
    assert "Hãy ghi lý do nhu cầu này không còn liên quan." in refused.content.decode()
    client.post(url, {"retire-note": "Trường đã có thang máy", "retire-version": old.version})
    old.refresh_from_db()
    assert old.is_retired and old.retiring_note == "Trường đã có thang máy"

    register = client.get(reverse("context:parties")).content.decode()
    assert "Được học hòa nhập" in register and "Phòng học tầng 1" not in register
    assert "1 nhu cầu chưa được liên kết" in register  # the retired one is not counted
    page = client.get(party.get_absolute_url()).content.decode()
    assert "1 nhu cầu không còn liên quan" in page and "Trường đã có thang máy" in page
    assert [n.pk for n in query.parties_with_needs()[0].needs.all()] == [kept.pk]

    # an auditor reads it on the party's page, without the link to change it
    seen = client_for(auditor).get(party.get_absolute_url()).content.decode()
    assert "Trường đã có thang máy" in seen and old.get_absolute_url() not in seen
    client = client_for(secretariat)

    # not linked nor changed while out
    linked = client.post(
        reverse("context:link_create", args=[party.pk]),
        {"need": old.pk, "role": "met_by", "document": procedure.pk},
    )
    assert linked.status_code == 302 and not old.links.exists()
    edit = client.get(old.get_absolute_url()).content.decode()
    assert "Nhu cầu không còn liên quan" in edit and 'name="text"' not in edit

    client.post(reverse("context:need_reinstate", args=[old.pk]), {"version": old.version})
    old.refresh_from_db()
    assert not old.is_retired
    assert "Phòng học tầng 1" in client.get(reverse("context:parties")).content.decode()
