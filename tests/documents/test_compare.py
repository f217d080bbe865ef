"""The compare page: steps aligned by content, so an insertion, a deletion or a move
reads as one."""

import re

import pytest
from django.urls import reverse

from tests.documents.factories import make_document, make_revision

pytestmark = pytest.mark.django_db

TWELVE = [
    (f"Bước {n}: {name}", f"Bộ phận {n}", f"Thực hiện nội dung số {n}.", f"{n} ngày", f"BM.{n:02d}")
    for n, name in enumerate(
        ["Tiếp nhận", "Kiểm tra", "Thẩm định", "Trình ký", "Phê duyệt", "Ban hành",
         "Lưu trữ", "Công bố", "Phổ biến", "Áp dụng", "Theo dõi", "Đánh giá"],
        start=1,
    )
]  # fmt: skip


def _compare(client, document, a=1, b=2):
    url = reverse("documents:compare", args=[document.code])
    return client.get(url, {"a": f"e{a}", "b": f"e{b}"}).content.decode()


def _row_classes(html) -> list[str]:
    table = html.split("diff-rows", 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr class="row-(\w+)"', table)


def _with_steps(department, old_steps, new_steps):
    document = make_document(department=department)
    make_revision(document, state="superseded", steps=old_steps)
    make_revision(document, steps=new_steps)
    return document


def test_a_step_inserted_at_position_8_of_12_reads_as_one_inserted_step(
    client_for, staff, department
):
    inserted = ("Họp thống nhất", "Hội đồng", "Họp, thống nhất.", "1 ngày", "")
    new = [*TWELVE[:7], inserted, *TWELVE[7:]]
    document = _with_steps(department, TWELVE, new)
    rows = _row_classes(_compare(client_for(staff), document))
    assert rows == ["same"] * 7 + ["added"] + ["same"] * 5


def test_a_deleted_step_reads_as_one_removed_step(client_for, staff, department):
    document = _with_steps(department, TWELVE, TWELVE[:4] + TWELVE[5:])
    rows = _row_classes(_compare(client_for(staff), document))
    assert rows == ["same"] * 4 + ["removed"] + ["same"] * 7


def test_a_moved_step_reads_as_one_moved_step(client_for, staff, department):
    moved = TWELVE[:2] + TWELVE[3:9] + [TWELVE[2]] + TWELVE[9:]
    document = _with_steps(department, TWELVE, moved)
    html = _compare(client_for(staff), document)
    rows = _row_classes(html)
    assert rows.count("moved") == 1 and rows.count("same") == 11
    assert "chuyển từ bước 3" in html.lower()


def test_the_compare_page_shows_a_step_change_by_words(client_for, staff, department):
    changed = [list(s) for s in TWELVE]
    changed[3][1] = "Trưởng phòng Tổ chức cán bộ"
    document = _with_steps(department, TWELVE, [tuple(s) for s in changed])
    html = _compare(client_for(staff), document)
    assert _row_classes(html).count("changed") == 1
    assert re.search(r"<ins>[^<]*Trưởng", html)
