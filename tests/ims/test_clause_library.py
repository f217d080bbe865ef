"""The clause library (ims/clauses.yaml): complete for ISO 9001:2015, ISO 21001:2018's
annexes present, the shared clauses written once, and what reaches the database."""

import pytest
import yaml
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from ims import clauses as library
from ims.models import Clause

# Every numbered clause of ISO 9001:2015, clauses 4 to 10, as the standard numbers them.
ISO_9001_2015 = """
4 4.1 4.2 4.3 4.4 4.4.1 4.4.2
5 5.1 5.1.1 5.1.2 5.2 5.2.1 5.2.2 5.3
6 6.1 6.1.1 6.1.2 6.2 6.2.1 6.2.2 6.3
7 7.1 7.1.1 7.1.2 7.1.3 7.1.4 7.1.5 7.1.5.1 7.1.5.2 7.1.6 7.2 7.3 7.4
7.5 7.5.1 7.5.2 7.5.3 7.5.3.1 7.5.3.2
8 8.1 8.2 8.2.1 8.2.2 8.2.3 8.2.3.1 8.2.3.2 8.2.4
8.3 8.3.1 8.3.2 8.3.3 8.3.4 8.3.5 8.3.6 8.4 8.4.1 8.4.2 8.4.3
8.5 8.5.1 8.5.2 8.5.3 8.5.4 8.5.5 8.5.6 8.6 8.7 8.7.1 8.7.2
9 9.1 9.1.1 9.1.2 9.1.3 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3
10 10.1 10.2 10.2.1 10.2.2 10.3
""".split()

ANNEXES_21001 = {
    "A": "Additional requirements for early childhood education (normative)",
    "B": "Principles for an educational organization management system (informative)",
    "C": "Classification of interested parties in educational organizations (informative)",
    "D": "Guidance on communication with interested parties (informative)",
    "E": "Processes, measures and tools in educational organizations (informative)",
    "F": "Region-specific requirements (informative)",
}


def numbers(standard):
    return [number for number, _en, _vi in library.clauses(standard)]


def test_the_library_has_every_numbered_clause_of_iso_9001_2015_in_order():
    assert numbers(library.ISO_9001) == ISO_9001_2015


def test_no_clause_number_is_written_twice_and_every_sub_clause_has_its_parent():
    for standard in library.STANDARDS:
        found = numbers(standard)
        assert len(found) == len(set(found)), standard
        for number in found:
            if "." in number:
                assert number.rpartition(".")[0] in found, (standard, number)


def test_iso_21001_annexes_are_in_the_library_after_the_clauses():
    rows = {number: en for number, en, _vi in library.clauses(library.ISO_21001)}
    assert {n: rows.get(n) for n in ANNEXES_21001} == ANNEXES_21001
    assert numbers(library.ISO_21001)[-7:] == ["10.3", "A", "B", "C", "D", "E", "F"]


def test_every_clause_has_a_vietnamese_title_of_its_own():
    for standard in library.STANDARDS:
        for number, en, vi in library.clauses(standard):
            assert vi and vi != en, (standard, number)
    vi_9001 = {n: vi for n, _en, vi in library.clauses(library.ISO_9001)}
    assert vi_9001["9"] == "Đánh giá kết quả hoạt động"  # TCVN ISO 9001:2015's wording
    assert vi_9001["10.2"] == "Sự không phù hợp và hành động khắc phục"


def test_a_clause_both_standards_share_is_written_once():
    raw = yaml.safe_load(library.DATA.read_text("utf-8"))
    entries = [e["number"] for e in raw["clauses"]]
    for number in ("4.1", "7.5.3", "9.2", "9.3.2"):
        assert entries.count(number) == 1, number
        assert number in numbers(library.ISO_9001) and number in numbers(library.ISO_21001)
    # Same number, another meaning: one entry per standard, mapped by counterparts.
    assert entries.count("10.1") == 2
    assert ("10.1", "10.2") in library.counterpart_pairs()
    assert ("10.1", "10.1") not in library.counterpart_pairs()


@pytest.mark.django_db
def test_the_database_holds_the_whole_library_and_codes_resolve():
    for (standard, edition), rows in library.library().items():
        stored = list(
            Clause.objects.filter(standard=standard, edition=edition).values_list(
                "number", flat=True
            )
        )
        assert stored == [number for number, *_ in rows]  # ordered by sort_key
    annex = Clause.objects.get(standard=Clause.Standard.ISO_21001, number="A")
    with translation.override("vi"):
        assert annex.short_label == "21001:2018 Phụ lục A"
        assert str(annex).endswith("Yêu cầu bổ sung đối với giáo dục mầm non (quy định)")
    with translation.override("en"):
        assert annex.short_label == "21001:2018 Annex A"


@pytest.mark.django_db
def test_a_database_made_before_the_new_clauses_gets_them_on_migrate_and_keeps_edits():
    Clause.objects.filter(number__in=["9.2.1", "9.2.2", "A"]).delete()
    edited = Clause.objects.get(standard=Clause.Standard.ISO_9001, number="9.2")
    edited.title_vi = "Đánh giá nội bộ (sửa trong trang quản trị)"
    edited.save()
    library.load_clauses(sender=apps.get_app_config("ims"))
    assert Clause.objects.filter(standard=Clause.Standard.ISO_9001, number="9.2.1").exists()
    assert Clause.objects.filter(standard=Clause.Standard.ISO_21001, number="A").exists()
    edited.refresh_from_db()
    assert edited.title_vi == "Đánh giá nội bộ (sửa trong trang quản trị)"


@pytest.mark.django_db
def test_pages_name_the_national_adoptions_in_vietnamese(client_for, secretariat):
    page = client_for(secretariat).get(reverse("audits:clause_map")).content.decode()
    assert "TCVN ISO 9001:2015" in page and "TCVN ISO 21001:2019" in page
    assert "21001:2018" not in page


# ISO 21001's titles as TCVN ISO 21001:2019 words them in its table of contents.
TCVN_21001_TITLES = {
    "4.3": "Xác định phạm vi hệ thống quản lý của tổ chức giáo dục",
    "4.4": "Hệ thống quản lý của tổ chức giáo dục (EOMS)",
    "8.3": "Thiết kế và phát triển sản phẩm, dịch vụ giáo dục",
    "8.7": "Kiểm soát đầu ra về giáo dục không phù hợp",
    "9": "Đánh giá kết quả thực hiện",
    "A": "Yêu cầu bổ sung đối với giáo dục mầm non (quy định)",
    "B": "Nguyên tắc đối với EOMS (tham khảo)",
    "C": "Phân loại các bên quan tâm của tổ chức giáo dục (tham khảo)",
    "D": "Hướng dẫn về trao đổi thông tin với các bên quan tâm (tham khảo)",
}


def test_iso_21001_titles_follow_tcvn_iso_21001_2019_where_it_words_them_its_own_way():
    vietnamese = {number: vi for number, _en, vi in library.clauses(library.ISO_21001)}
    assert {number: vietnamese[number] for number in TCVN_21001_TITLES} == TCVN_21001_TITLES


@pytest.mark.django_db
def test_a_database_loaded_before_gets_the_tcvn_wording_and_keeps_titles_edited_in_the_admin():
    from importlib import import_module

    upgrade = import_module("ims.migrations.0009_clause_titles_follow_tcvn_iso_21001_2019")
    older = Clause.objects.filter(standard=Clause.Standard.ISO_21001)
    for number, (earlier, _tcvn) in upgrade.CORRECTED.items():
        older.filter(number=number).update(title_vi=earlier)
    older.filter(number="B").update(title_vi="Nguyên tắc (sửa trong trang quản trị)")

    upgrade.forwards(apps, None)

    titles = dict(older.values_list("number", "title_vi"))
    assert titles["9"] == "Đánh giá kết quả thực hiện"
    assert titles["4.4"] == "Hệ thống quản lý của tổ chức giáo dục (EOMS)"
    assert titles["B"] == "Nguyên tắc (sửa trong trang quản trị)"
    assert Clause.objects.get(standard=Clause.Standard.ISO_9001, number="9").title_vi == (
        "Đánh giá kết quả hoạt động"
    )
