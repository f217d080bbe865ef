"""The shared list conventions (docs/ui.md): the folded filters' summary counts the
filters in use, and the list pages mark their tables and cells for the phone."""

import re

import pytest
from django import forms
from django.http import QueryDict
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from ims.templatetags.ims_tags import active_filters
from tests.documents.factories import make_document
from tests.objectives.conftest import cascade, year  # noqa: F401

pytestmark = pytest.mark.django_db


class Filters(forms.Form):
    q = forms.CharField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "All"), ("QT", "QT")])
    overdue = forms.BooleanField(required=False)


def test_a_filter_counts_once_it_is_given_a_value_and_the_page_number_never():
    data = QueryDict("q=tuyen+sinh&kind=&overdue=on&page=3&export=xlsx")
    assert active_filters(Filters(data)) == 2
    assert active_filters(Filters(QueryDict("q=+++&kind="))) == 0
    assert active_filters(Filters()) == 0
    assert active_filters(None) == 0


def test_the_summary_says_filters_and_how_many_are_in_use_in_both_languages():
    template = Template("{% load ims_tags %}{% filter_summary form %}")
    with translation.override("vi"):
        used = template.render(Context({"form": Filters(QueryDict("q=a&kind=QT"))}))
        unused = template.render(Context({"form": Filters()}))
    assert re.sub(r"<[^>]+>", "", used).strip() == "Bộ lọc (2 đang dùng)"
    assert re.sub(r"<[^>]+>", "", unused).strip() == "Bộ lọc"
    with translation.override("en"):
        used = template.render(Context({"form": Filters(QueryDict("q=a"))}))
    assert re.sub(r"<[^>]+>", "", used).strip() == "Filters (1 in use)"


@pytest.mark.parametrize(
    ("name", "persona"),
    [
        ("documents:register", "staff"),
        ("audits:actions", "secretariat"),
        ("audits:my_audits", "head"),
        ("audits:programmes", "secretariat"),
        ("objectives:dashboard", "secretariat"),
        ("surveys:index", "secretariat"),
    ],
)
@pytest.mark.usefixtures("cascade")
def test_each_list_is_marked_to_read_as_cards_with_a_label_on_every_cell(
    client_for, request, name, persona, department
):
    make_document("QT.05-TCCB", department=department)
    page = client_for(request.getfixturevalue(persona)).get(reverse(name)).content.decode()
    assert re.search(r'<table class="[^"]*\bcards\b', page), name
    body = page.split('class="striped', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td\b[^>]*>", body.split("<tbody>", 1)[1])
    labelled = [cell for cell in cells if "data-label=" in cell]
    # every cell labelled but the empty-list line or a row's headline
    assert len(labelled) >= len(cells) - max(1, len(cells) // 3), (name, cells)


def test_the_register_fold_counts_its_filters_and_redraws_the_count_with_the_list(
    client_for, staff, department
):
    make_document("QT.05-TCCB", department=department)
    client = client_for(staff)
    page = client.get(reverse("documents:register"), {"kind": "QT", "q": "05"}).content.decode()
    assert '<details class="filter-fold" data-filter-fold open>' in page
    assert "Bộ lọc (2 đang dùng)" in page
    fragment = client.get(
        reverse("documents:register"), {"kind": "QT"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert re.search(
        r'<span id="filter-summary" hx-swap-oob="true">Bộ lọc \(1 đang dùng\)', fragment
    )


def test_the_objectives_board_redraws_its_filter_count_with_the_board(
    client_for, secretariat, request
):
    school_year = request.getfixturevalue("cascade")["dept"].school_year
    fragment = (
        client_for(secretariat)
        .get(reverse("objectives:dashboard"), {"year": school_year.pk}, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert re.search(
        r'<span id="filter-summary" hx-swap-oob="true">Bộ lọc \(1 đang dùng\)', fragment
    )
