"""The issues register (4.1): SWOT or PESTLE, review, rights, filters, export, history."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from context import services
from context.errors import ContextRuleError
from context.models import ContextSettings, Grouping, Issue, IssueReview
from tests.context.conftest import add_issue


def _post_issue(client, **extra):
    data = {
        "title": "Sắp xếp đơn vị hành chính cấp xã",
        "origin": "external",
        "effect": "unfavourable",
        "pestle": "P",
        "impact": "Mạng lưới trường phải rà soát lại",
        "identified_on": "2026-09-01",
        **extra,
    }
    return client.post(reverse("context:issue_create"), data)


def test_an_issue_added_with_its_pestle_factor_sits_in_its_swot_quadrant_too(
    client_for, secretariat, department, procedure
):
    client = client_for(secretariat)
    services.set_grouping(actor=secretariat, grouping=Grouping.PESTLE, version=1)
    response = _post_issue(
        client, department=department.pk, departments=[department.pk], procedures=[procedure.pk]
    )
    assert response.status_code == 302
    issue = Issue.objects.get()
    assert issue.code == "VD-001"
    assert list(issue.procedures.all()) == [procedure]
    page = client.get(reverse("context:issues")).content.decode()
    assert "Chính trị" in page and "VD-001" in page
    settings_row = ContextSettings.current()
    client.post(reverse("context:grouping"), {"grouping": "swot", "version": settings_row.version})
    assert ContextSettings.current().grouping == Grouping.SWOT
    page = client.get(reverse("context:issues")).content.decode()
    threats = page[page.index('id="col-T"') :]
    assert "VD-001" in threats[: threats.index("</section>")]
    assert issue.swot == "T" and Issue.objects.get().pestle == "P"  # nothing lost


def test_a_form_with_errors_comes_back_in_vietnamese_with_what_was_typed(client_for, secretariat):
    response = _post_issue(client_for(secretariat), impact="", title="Ngân sách hạn hẹp")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trường này là bắt buộc." in html
    assert "Ngân sách hạn hẹp" in html
    assert not Issue.objects.exists()


def test_a_stale_edit_is_refused_and_the_form_keeps_the_text(client_for, secretariat, issue):
    services.update_issue(actor=secretariat, issue=issue, fields={"title": "Mới"}, version=1)
    response = client_for(secretariat).post(
        reverse("context:issue_edit", args=[issue.pk]),
        {
            "title": "Sửa muộn",
            "origin": "internal",
            "effect": "unfavourable",
            "pestle": "S",
            "impact": "x",
            "identified_on": "2026-09-01",
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert "Người khác đã lưu" in response.content.decode()
    assert "Sửa muộn" in response.content.decode()
    assert Issue.objects.get().title == "Mới"


def test_a_review_stamps_who_and_when_and_moves_the_next_review_a_year_on(
    client_for, secretariat, overdue_issue, today
):
    assert overdue_issue.is_review_overdue(today)
    client = client_for(secretariat)
    response = client.post(
        reverse("context:issue_review", args=[overdue_issue.pk]), {"note": "Vẫn còn tác động"}
    )
    assert response.status_code == 302
    overdue_issue.refresh_from_db()
    assert overdue_issue.last_reviewed_on == today
    assert overdue_issue.next_review_on == Issue.review_due_after(today)
    review = IssueReview.objects.get()
    assert review.reviewed_by == secretariat and review.note == "Vẫn còn tác động"
    page = client.get(overdue_issue.get_absolute_url()).content.decode()
    assert "Vẫn còn tác động" in page and "Đinh Thị Thu Hà" in page


def test_the_issue_page_shows_who_changed_what(client_for, secretariat, issue):
    services.update_issue(actor=secretariat, issue=issue, fields={"pestle": "E"}, version=1)
    page = client_for(secretariat).get(issue.get_absolute_url()).content.decode()
    assert "Lịch sử" in page
    assert "Xã hội → Kinh tế" in page
    assert "Đinh Thị Thu Hà" in page


def test_a_head_keeps_the_issues_of_their_department_only(
    client_for, head, secretariat, issue, other_department
):
    other = add_issue(secretariat, department=other_department, title="Ngân sách")
    client = client_for(head)
    assert client.get(reverse("context:issue_edit", args=[issue.pk])).status_code == 200
    assert client.get(reverse("context:issue_edit", args=[other.pk])).status_code == 403
    assert (
        client.post(reverse("context:issue_review", args=[other.pk]), {"note": "x"}).status_code
        == 403
    )
    # A new issue of a head is their department's, whatever they post.
    response = _post_issue(client, department=other_department.pk)
    assert response.status_code == 200  # not a choice they have
    assert (
        client.post(reverse("context:grouping"), {"grouping": "pestle", "version": 1}).status_code
        == 403
    )


def test_an_auditor_reads_the_register_but_cannot_change_it(client_for, auditor, external, issue):
    for person in (auditor, external):
        client = client_for(person)
        page = client.get(reverse("context:issues")).content.decode()
        assert issue.code in page
        assert reverse("context:issue_create") not in page
        detail = client.get(issue.get_absolute_url()).content.decode()
        assert reverse("context:issue_edit", args=[issue.pk]) not in detail
        assert reverse("context:issue_review", args=[issue.pk]) not in detail
        assert (
            client.post(reverse("context:issue_review", args=[issue.pk]), {"note": "x"}).status_code
            == 403
        )
        assert (
            client.post(
                reverse("context:grouping"), {"grouping": "pestle", "version": 1}
            ).status_code
            == 403
        )
    assert not IssueReview.objects.exists()


def test_outsiders_without_a_role_are_refused(client_for, unit_contact, issue):
    assert client_for(unit_contact).get(reverse("context:issues")).status_code == 403


def test_filters_narrow_the_register_and_bad_values_are_ignored(
    client_for, secretariat, issue, overdue_issue, other_department
):
    client = client_for(secretariat)
    url = reverse("context:issues")
    page = client.get(url, {"origin": "external"}).content.decode()
    assert overdue_issue.code in page and issue.code not in page
    page = client.get(url, {"overdue": "on"}).content.decode()
    assert overdue_issue.code in page and issue.code not in page
    page = client.get(url, {"department": other_department.pk}).content.decode()
    assert issue.code not in page
    for bad in ({"department": "abc"}, {"state": "zzz"}, {"origin": "<x>"}, {"page": "x"}):
        assert client.get(url, bad).status_code == 200
    assert client.get("/context/issues/abc/").status_code == 404


def test_closing_keeps_the_issue_in_the_register_as_closed(client_for, secretariat, issue):
    client = client_for(secretariat)
    client.post(
        reverse("context:issue_close", args=[issue.pk]),
        {"close-note": "Đã giải quyết", "close-version": 1},
    )
    issue.refresh_from_db()
    assert issue.is_closed
    assert issue.code not in client.get(reverse("context:issues")).content.decode()
    assert issue.code in client.get(reverse("context:issues"), {"state": "closed"}).content.decode()


def test_the_export_holds_the_filtered_issues(client_for, secretariat, issue, overdue_issue):
    response = client_for(secretariat).get(
        reverse("context:issues"), {"origin": "internal", "export": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == [issue.code]
    assert sheet.cell(row=2, column=5).value == "Điểm yếu"


def test_the_register_takes_the_same_queries_for_one_issue_or_many(
    client_for, secretariat, department, other_department, django_assert_max_num_queries
):
    client = client_for(secretariat)
    add_issue(secretariat, department=department)
    client.get(reverse("context:issues"))
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("context:issues"))
    for n in range(15):
        issue = add_issue(secretariat, department=department, title=f"Vấn đề {n}")
        issue.departments.set([department, other_department])
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("context:issues"))


def test_the_pdf_prints_both_registers(client_for, auditor, issue, party):
    response = client_for(auditor).get(reverse("context:print"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_closed_issue_is_not_reviewed(secretariat, issue):
    services.close_issue(actor=secretariat, issue=issue, note="x", version=1)
    with pytest.raises(ContextRuleError):
        services.review_issue(actor=secretariat, issue=issue, note="y")
    assert not IssueReview.objects.exists()


def test_the_history_names_the_departments_and_procedures_that_changed(
    client_for, secretariat, issue, department, procedure
):
    services.update_issue(
        actor=secretariat,
        issue=issue,
        fields={},
        version=1,
        departments=[department],
        procedures=[procedure],
    )
    page = client_for(secretariat).get(issue.get_absolute_url()).content.decode()
    assert "Các phòng liên quan: — → TCCB" in page
    assert "Các quy trình liên quan: — → QT.01-TCCB" in page


def test_an_issue_loaded_without_history_still_shows_its_page(client_for, secretariat, today):
    (issue,) = Issue.objects.bulk_create(
        [
            Issue(
                code="VD-900",
                title="Nhập từ sổ cũ",
                origin="internal",
                effect="favourable",
                pestle="S",
                impact="x",
                next_review_on=today,
            )
        ]
    )
    assert client_for(secretariat).get(issue.get_absolute_url()).status_code == 200
