"""Typing in the register's search box: the results redraw as one types, ranked,
the words found marked."""

import pytest
from playwright.sync_api import expect

from documents.models import Revision
from tests.documents.factories import make_document, make_revision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def effective(code, title, department, **fields):
    document = make_document(code, title=title, department=department)
    make_revision(document, state=Revision.State.EFFECTIVE, **fields)


def test_typing_in_the_register_search_box_ranks_and_marks_the_results(
    page_for, live_server, staff, department
):
    effective("QT.01-GDTrH", "Quy trình tuyển sinh vào lớp 10", department)
    effective("QT.02-GDTrH", "Quy trình xét tốt nghiệp", department, body="Quy trình tuyển sinh.")
    effective("QĐ.03-GDTrH", "Quyết định tuyển sinh", department, purpose="Trình ký.")
    effective("HD.01-GDTrH", "Hướng dẫn sinh hoạt", department)
    page = page_for(staff)
    page.goto(f"{live_server.url}/documents/")
    rows = page.locator("#register-results tbody tr")
    assert rows.count() == 4

    page.get_by_role("searchbox").press_sequentially("quy trinh tuyen sinh", delay=20)
    page.wait_for_url("**q=quy%20trinh%20tuyen%20sinh**")
    expect(rows).to_have_count(2)
    assert rows.nth(0).locator("td").first.inner_text() == "QT.01-GDTrH"
    assert rows.nth(1).locator("td").first.inner_text() == "QT.02-GDTrH"
    marks = rows.nth(0).locator("mark").all_inner_texts()
    assert marks == ["Quy", "trình", "tuyển", "sinh"]

    page.get_by_role("searchbox").fill("")
    page.get_by_role("searchbox").press_sequentially("qt 02", delay=20)
    expect(rows).to_have_count(1)
    assert rows.nth(0).locator("mark").first.inner_text() == "QT.02"
