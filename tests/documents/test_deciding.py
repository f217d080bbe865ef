"""The edition page built for deciding (issue 18): the bar's state words and holder,
the actions open to each person, sign-offs refused in their dialog with nothing
lost, and the changes against the effective edition read in place."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from documents import deciding, diff, services
from documents.models import Revision
from tests.documents.factories import make_document, make_revision
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
State = Revision.State


@pytest.fixture
def procedure(department):
    return make_document("QT.31-TCCB", department=department, title="Quy trình tiếp công dân")


def _bar(page: str) -> str:
    match = re.search(r'<section class="decision-bar".*?</section>', page, re.S)
    assert match, "the page has no decision bar"
    return match.group(0)


def _openers(page: str) -> set[str]:
    return set(re.findall(r'data-dialog="act-(\w+)"', _bar(page)))


def _words(revision) -> tuple[str, str]:
    revision = Revision.objects.get(pk=revision.pk)
    signoffs = list(revision.signoffs.all())
    today = timezone.localdate()
    with translation.override("vi"):
        return (
            deciding.state_words(revision, signoffs, today),
            deciding.holder(revision, signoffs, today),
        )


# --- the state in words, and who holds the edition -------------------------------------


def test_a_draft_is_being_drafted_by_its_author(procedure, staff):
    draft = make_revision(procedure, created_by=staff)
    assert _words(draft) == ("Dự thảo", "Nguyễn Thị Lan (Phòng Tổ chức cán bộ)")


def test_a_draft_sent_back_says_so_and_waits_for_who_prepared_it(procedure, staff, head):
    draft = make_revision(procedure, change_summary="Lần đầu")
    services.submit_for_review(revision=draft, actor=staff)
    services.send_back(revision=draft, actor=head, comment="Bổ sung thời hạn bước 2.")
    assert _words(draft) == (
        "Bị trả lại — đang chỉnh sửa",
        "Nguyễn Thị Lan (Phòng Tổ chức cán bộ)",
    )


def test_an_edition_in_review_awaits_the_head_of_its_department(procedure, head):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    assert _words(edition) == ("Đang kiểm tra", "Lò Văn Hùng, Trưởng phòng")


def test_without_a_head_the_review_waits_for_the_departments_leaders(procedure):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    assert _words(edition)[1] == "Lãnh đạo Phòng Tổ chức cán bộ"


def test_a_reviewed_edition_awaits_the_approving_roles(procedure, head):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    services.review(revision=edition, actor=head)
    assert _words(edition) == ("Đã kiểm tra — chờ phê duyệt", "Lãnh đạo Sở, Tổ thư ký ISO")


def test_an_approved_edition_awaits_publication_from_its_date(procedure):
    day = timezone.localdate()
    edition = make_revision(procedure, state=State.APPROVED, effective_date=day)
    assert _words(edition) == ("Đã phê duyệt — chờ ban hành", "Tổ thư ký ISO")


def test_an_edition_approved_for_a_later_day_waits_for_nobody(procedure):
    later = timezone.localdate() + timedelta(days=14)
    edition = make_revision(procedure, state=State.APPROVED, effective_date=later)
    assert _words(edition)[1] == (f"Không ai: hệ thống tự động ban hành vào ngày {later:%d/%m/%Y}")


def test_an_effective_edition_is_in_force_and_waits_for_nobody(procedure):
    edition = make_revision(procedure, state=State.EFFECTIVE)
    assert _words(edition) == (f"Có hiệu lực từ {timezone.localdate():%d/%m/%Y}", "")


def test_the_bar_on_the_page_holds_the_state_the_holder_and_your_turn(procedure, head, client_for):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    bar = _bar(client_for(head).get(edition.get_absolute_url()).content.decode())
    assert "Đang kiểm tra" in bar and "Lò Văn Hùng, Trưởng phòng" in bar
    assert "đến lượt bạn" in bar and "Kiểm tra…" in bar and "Trả lại…" in bar


# --- who may act ------------------------------------------------------------------------


def _actions(client, revision) -> set[str]:
    return _openers(client.get(revision.get_absolute_url()).content.decode())


def test_staff_sees_no_approve_action_and_the_approver_sees_it(
    procedure, staff, head, leadership, client_for
):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    services.review(revision=edition, actor=head)
    assert _actions(client_for(staff), edition) == set()
    assert _actions(client_for(leadership), edition) == {"approve"}
    # the head who reviewed may still send it back, not approve it
    assert _actions(client_for(head), edition) == {"send_back"}


def test_an_edition_in_review_offers_the_review_to_the_head_only(
    procedure, staff, head, leadership, client_for
):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    assert _actions(client_for(head), edition) == {"review", "send_back"}
    assert _actions(client_for(leadership), edition) == set()
    assert _actions(client_for(staff), edition) == set()


def test_a_draft_offers_its_authors_the_editor_and_the_submission(
    procedure, staff, outsider, head, client_for
):
    draft = make_revision(procedure)
    page = client_for(staff).get(draft.get_absolute_url()).content.decode()
    assert _openers(page) == {"submit"}
    assert reverse("documents:edit", args=[procedure.code, draft.number]) in _bar(page)


def test_publication_is_offered_from_the_effective_date_only(procedure, secretariat, client_for):
    today = timezone.localdate()
    edition = make_revision(procedure, state=State.APPROVED, effective_date=today)
    assert _actions(client_for(secretariat), edition) == {"publish", "send_back"}
    Revision.objects.filter(pk=edition.pk).update(effective_date=today + timedelta(days=3))
    assert _actions(client_for(secretariat), edition) == {"send_back"}


def test_a_reader_of_an_effective_edition_gets_no_action(procedure, staff, client_for):
    edition = make_revision(procedure, state=State.EFFECTIVE)
    assert _actions(client_for(staff), edition) == set()


# --- the dialogs, with and without JavaScript ------------------------------------------


def _open_dialogs(page: str) -> list[str]:
    return re.findall(r'<dialog id="act-(\w+)"[^>]* open data-open-on-load', page)


def test_the_approval_dialog_starts_from_the_iso_date(procedure, head, leadership, client_for):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    services.review(revision=edition, actor=head)
    page = client_for(leadership).get(edition.get_absolute_url()).content.decode()
    today = timezone.localdate().isoformat()
    assert re.search(rf'<input type="date" name="effective_date" value="{today}"', page)
    assert 'id="approve_secret"' in page and _open_dialogs(page) == []


def test_act_in_the_query_opens_that_dialog_without_javascript(procedure, head, client_for):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    client = client_for(head)
    url = edition.get_absolute_url()
    assert _open_dialogs(client.get(url, {"act": "review"}).content.decode()) == ["review"]
    # another person's action, or nonsense, opens nothing and is no error
    for act in ("approve", "publish", "x' onload='1", "9"):
        response = client.get(url, {"act": act})
        assert response.status_code == 200 and _open_dialogs(response.content.decode()) == []


def test_a_wrong_password_keeps_the_comment_in_the_open_dialog(procedure, head, client_for):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    url = reverse("documents:transition", args=[procedure.code, edition.number, "review"])
    response = client_for(head).post(
        url, {"comment": "Đã đối chiếu với Nghị định 30/2020.", "secret": "sai-mat-khau"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and _open_dialogs(page) == ["review"]
    assert "Mật khẩu không đúng: chưa có gì được ký." in page
    assert "Đã đối chiếu với Nghị định 30/2020.</textarea>" in page
    assert not edition.signoffs.exists()


def test_a_date_the_server_cannot_read_is_refused_in_the_dialog(
    procedure, head, leadership, client_for
):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    services.review(revision=edition, actor=head)
    url = reverse("documents:transition", args=[procedure.code, edition.number, "approve"])
    response = client_for(leadership).post(
        url, {"effective_date": "31/02/2026", "comment": "Đồng ý", "secret": PASSWORD}
    )
    page = response.content.decode()
    assert response.status_code == 400 and _open_dialogs(page) == ["approve"]
    assert "Nhập một ngày hợp lệ." in page
    assert "Đồng ý</textarea>" in page
    edition.refresh_from_db()
    assert edition.state == State.IN_REVIEW


def test_a_rule_of_the_lifecycle_is_said_in_the_dialog(procedure, staff, client_for):
    make_revision(procedure, state=State.EFFECTIVE)
    draft = make_revision(procedure)  # edition 2, its change summary still to write
    url = reverse("documents:transition", args=[procedure.code, draft.number, "submit"])
    response = client_for(staff).post(url, {"comment": "Xin trình", "secret": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 400 and _open_dialogs(page) == ["submit"]
    assert "Hãy ghi nội dung sửa đổi của lần ban hành này trước khi gửi." in page
    assert "Xin trình</textarea>" in page
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_a_signed_action_lands_on_the_page_in_its_next_state(procedure, head, client_for):
    edition = make_revision(procedure, state=State.IN_REVIEW)
    url = reverse("documents:transition", args=[procedure.code, edition.number, "review"])
    response = client_for(head).post(url, {"secret": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == edition.get_absolute_url()
    assert "Đã kiểm tra — chờ phê duyệt" in _bar(response.content.decode())


# --- what changed, in place -------------------------------------------------------------


@pytest.fixture
def changed(procedure, staff):
    make_revision(
        procedure,
        state=State.EFFECTIVE,
        purpose="Quy định trình tự tiếp công dân tại trụ sở Sở.",
        steps=[
            ("Đón tiếp", "Văn thư", "Ghi sổ tiếp dân.", "Ngay", ""),
            ("Xử lý", "Chuyên viên", "Chuyển đơn đến phòng chuyên môn.", "3 ngày", ""),
        ],
    )
    return make_revision(
        procedure,
        state=State.IN_REVIEW,
        change_summary="Thêm bước trả lời công dân.",
        purpose="Quy định trình tự tiếp công dân tại trụ sở và trực tuyến.",
        steps=[
            ("Đón tiếp", "Văn thư", "Ghi sổ tiếp dân.", "Ngay", ""),
            ("Xử lý", "Chuyên viên", "Chuyển đơn đến phòng chuyên môn.", "5 ngày", ""),
            ("Trả lời", "Chánh Văn phòng", "Gửi văn bản trả lời công dân.", "10 ngày", ""),
        ],
    )


def test_readers_of_an_edition_in_review_see_its_changes_in_place(changed, head, client_for):
    page = client_for(head).get(changed.get_absolute_url()).content.decode()
    assert "tại trụ sở <del>Sở</del><ins>và trực tuyến</ins>." in page
    assert '<tr class="row-added">' in page and "<ins>Trả lời</ins>" in page
    assert "<del>3</del><ins>5</ins> ngày" in page  # a cell changed word by word
    assert 'aria-current="page">Xem thay đổi' in page


def test_the_switch_shows_the_clean_text(changed, head, client_for):
    page = client_for(head).get(changed.get_absolute_url(), {"view": "clean"}).content.decode()
    assert "<ins>" not in page and "<del>" not in page
    assert "tại trụ sở và trực tuyến" in page and "Gửi văn bản trả lời công dân." in page
    assert 'aria-current="page">Xem bản sạch' in page


def test_an_effective_edition_or_a_first_draft_has_no_switch(procedure, staff, client_for):
    first = make_revision(procedure)
    page = client_for(staff).get(first.get_absolute_url()).content.decode()
    assert "Xem thay đổi" not in page and "<ins>" not in page


def test_in_place_words_mark_what_was_removed_where_it_stood():
    html, changed = diff.inline_words("hồ sơ nộp trong 3 ngày", "hồ sơ nộp trong 5 ngày")
    assert changed and html == "hồ sơ nộp trong <del>3</del><ins>5</ins> ngày"
    blocks, changed = diff.inline_text("Một.\n\nHai.\n\nBa.", "Một.\n\nBa.\n\nBốn.")
    assert [b.status for b in blocks] == ["same", "removed", "same", "added"]
    assert blocks[1].html == "<del>Hai.</del>" and blocks[3].html == "<ins>Bốn.</ins>"


def test_in_place_text_is_escaped():
    blocks, _changed = diff.inline_text("a", "<script>x</script>")
    assert "<script>" not in "".join(b.html for b in blocks)
