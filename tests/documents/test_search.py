"""The register's search ranks: every word must match (as a whole word, diacritics
and case ignored), a code is found however it is typed, the exact code comes first,
and the words found are marked in the results, escaped."""

import pytest

from documents.models import Document, Revision
from documents.register.query import Rank, search_ranks
from documents.register.search import code_key, highlight, words_in
from tests.documents.factories import make_document, make_revision

pytestmark = pytest.mark.django_db

URL = "/documents/"


def effective(code, title, department, **fields):
    document = make_document(code, title=title, department=department)
    make_revision(document, state=Revision.State.EFFECTIVE, **fields)
    return document


def codes(response) -> list[str]:
    return [row[0].code for row in response.context["rows"]]


@pytest.fixture
def corpus(department):
    """Editions holding all four words of "quy trình tuyển sinh", and editions holding
    only some of them, or words that merely start or end like them."""
    holds_all = {
        effective("QT.01-GDTrH", "Quy trình tuyển sinh vào lớp 10", department),
        effective(
            "QT.02-GDTrH",
            "Quy trình xét công nhận tốt nghiệp",
            department,
            purpose="Học sinh đăng ký trực tuyến theo hướng dẫn của Sở.",
        ),
        effective(
            "HD.01-GDTrH",
            "Hướng dẫn công tác tuyển sinh",
            department,
            body="Thực hiện theo quy trình tuyển sinh đã ban hành.",
        ),
    }
    # each of these lacks one word, or has it only inside a longer word
    effective("QT.03-GDTrH", "Quy trình tuyển dụng viên chức", department)  # no "sinh"
    effective(
        "QĐ.01",
        "Quyết định tuyển sinh lớp 10",  # "quyết", not "quy"
        department,
        purpose="Trình Giám đốc phê duyệt.",
    )
    effective("HD.02-GDTrH", "Hướng dẫn sinh hoạt chuyên môn", department)
    effective(
        "TT.04-GDTrH",
        "Thanh tra thi cử",
        department,
        purpose="Quyền và nghĩa vụ của thí sinh; tuyên truyền.",  # "quyền", not "quy"
        body="Trình tự thực hiện.",
    )
    return {d.code for d in holds_all}


@pytest.mark.parametrize("query", ["quy trinh tuyen sinh", "Quy Trình Tuyển Sinh"])
def test_search_returns_only_documents_holding_every_word(client_for, staff, corpus, query):
    found = codes(client_for(staff).get(URL, {"q": query}))
    assert set(found) == corpus
    # the words as a phrase in the title first, then as a phrase in the text
    assert found[:2] == ["QT.01-GDTrH", "HD.01-GDTrH"]


def test_a_word_is_matched_whole_not_inside_a_longer_word(department):
    effective("QT.05-GDTrH", "Quy trình", department, purpose="Quyết định tuyển sinh.")
    assert search_ranks("quy tuyen sinh") != {}
    assert search_ranks("quye tuyen sinh") == {}  # "quye" is not a word of it
    # the last word may still be a word being typed
    assert search_ranks("tuyen sinh quye")


@pytest.mark.parametrize("typed", ["qt01", "QT.01", "qt 01", "QT-01", "Qt.01", " qt.01 "])
def test_a_code_is_found_however_it_is_typed(client_for, staff, department, typed):
    effective("QT.01-GDTrH", "Quy trình tuyển sinh vào lớp 10", department)
    effective("QT.01-TCCB", "Quy trình tuyển dụng", department)
    effective("QT.02-TCCB", "Quy trình nâng lương", department, purpose="Xem QT.01-TCCB.")
    effective("HD.01-TCCB", "Hướng dẫn nâng lương", department)
    found = codes(client_for(staff).get(URL, {"q": typed}))
    assert found[:2] == ["QT.01-GDTrH", "QT.01-TCCB"], typed
    assert "HD.01-TCCB" not in found


def test_a_code_with_a_vietnamese_letter_is_found_typed_without_it(department):
    document = effective("QĐ.07", "Quy định bảo vệ dữ liệu cá nhân", department)
    assert search_ranks("qd07") == {document.pk: Rank.EXACT_CODE}
    assert search_ranks("QĐ 07") == {document.pk: Rank.EXACT_CODE}


def test_the_exact_code_comes_before_documents_that_mention_it(client_for, staff, department):
    effective("QT.01-TCCB", "Quy trình tuyển dụng", department)
    effective("QT.01-TCCBX", "Quy trình khác", department)
    effective("HD.01-TCCB", "Hướng dẫn", department, body="Thực hiện theo QT.01-TCCB.")
    found = codes(client_for(staff).get(URL, {"q": "qt.01-tccb"}))
    assert found[0] == "QT.01-TCCB"
    assert found[1] == "QT.01-TCCBX"


def test_a_code_word_narrows_the_other_words_to_its_documents(department):
    wanted = effective("QT.01-GDTrH", "Quy trình tuyển sinh vào lớp 10", department)
    effective("QT.02-GDTrH", "Quy trình tuyển sinh lớp 6", department)
    effective("QT.01-TCCB", "Quy trình tuyển dụng", department)
    assert list(search_ranks("qt01 tuyen sinh")) == [wanted.pk]


def test_a_document_without_a_live_edition_is_found_by_its_title(client_for, staff, department):
    make_document("QT.09-TCCB", title="Quy trình tuyển sinh liên thông", department=department)
    assert codes(client_for(staff).get(URL, {"q": "tuyen sinh lien thong"})) == ["QT.09-TCCB"]


def test_ranks_follow_code_then_title_then_text(department):
    exact = effective("QT.01-TCCB", "Quy trình tuyển sinh", department)
    title_phrase = effective("QT.02-TCCB", "Quy trình tuyển sinh lớp 10", department)
    title_words = effective("QT.03-TCCB", "Tuyển sinh theo quy trình mới", department)
    text_phrase = effective("QT.04-TCCB", "Khác", department, body="Theo quy trình tuyển sinh.")
    text_words = effective("QT.05-TCCB", "Khác nữa", department, body="Tuyển sinh, quy trình.")
    ranks = search_ranks("quy trinh tuyen sinh")
    assert ranks == {
        exact.pk: Rank.TITLE_PHRASE,
        title_phrase.pk: Rank.TITLE_PHRASE,
        title_words.pk: Rank.TITLE,
        text_phrase.pk: Rank.TEXT_PHRASE,
        text_words.pk: Rank.TEXT,
    }
    assert search_ranks("QT.01-TCCB")[exact.pk] == Rank.EXACT_CODE


def test_found_words_are_marked_in_code_and_title_and_the_rest_is_escaped(
    client_for, staff, department
):
    effective("QT.01-TCCB", "Quy trình <b>tuyển sinh</b> & xét tuyển", department)
    page = client_for(staff).get(URL, {"q": "tuyen sinh"}).content.decode()
    assert "<mark>tuyển</mark> <mark>sinh</mark>&lt;/b&gt; &amp; xét <mark>tuyển</mark>" in page
    assert "<b>tuyển" not in page
    page = client_for(staff).get(URL, {"q": "qt01"}).content.decode()
    assert "<mark>QT.01</mark>-TCCB" in page


def test_a_search_that_looks_like_markup_finds_nothing_and_shows_it_escaped(
    client_for, staff, department
):
    effective("QT.01-TCCB", "Quy trình", department)
    response = client_for(staff).get(URL, {"q": '<script>alert(1)</script> "'})
    assert response.status_code == 200
    assert codes(response) == []
    assert "<script>alert(1)" not in response.content.decode()


def test_code_key_and_highlight_helpers():
    assert {code_key(c) for c in ["QT.01", "qt01", "qt 01", "QT-01"]} == {"qt01"}
    assert code_key("QĐ.01") == "qd01"
    assert words_in("quy trinh tuyen sinh", ["trinh", "tuy"], phrase=True)
    assert not words_in("quy trinh va tuyen sinh", ["trinh", "tuyen"], phrase=True)
    assert highlight("Đăng ký", ["dang"]) == "<mark>Đăng</mark> ký"
    assert highlight("a<b", ["b"]) == "a&lt;<mark>b</mark>"


def test_register_search_keeps_its_query_count(
    client_for, staff, department, django_assert_max_num_queries
):
    for n in range(1, 12):
        effective(f"QT.{n:02d}-TCCB", f"Quy trình tuyển sinh số {n}", department)
    client = client_for(staff)
    client.get(URL, {"q": "quy trinh tuyen sinh"})
    with django_assert_max_num_queries(14):
        assert len(codes(client.get(URL, {"q": "quy trinh tuyen sinh"}))) == 11
    assert Document.objects.count() == 11
