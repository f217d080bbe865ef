"""The unit picker: every active unit as a checkbox grouped by kind (works without
JavaScript), the form's choice kept, and a province's 650 units rendered in the same
number of queries as ten."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.forms import DocumentForm, PublishForm
from documents.models import Revision
from ims.models import Unit
from tests.documents.factories import make_document, make_revision
from tests.factories import make_unit

KINDS = [Unit.Kind.UPPER_SECONDARY, Unit.Kind.ETHNIC_BOARDING, Unit.Kind.CONTINUING_EDUCATION]
COMMUNES = ["Phường Tô Hiệu", "Xã Mường Bú", "Xã Chiềng Mung", "Phường Quyết Thắng"]


def make_province(count: int) -> list[Unit]:
    """``count`` active units of three kinds across four communes and wards."""
    return Unit.objects.bulk_create(
        Unit(
            code=f"SL{n:04d}",
            name=f"Trường số {n:04d}",
            kind=KINDS[n % 3],
            commune=COMMUNES[n % 4],
        )
        for n in range(count)
    )


@pytest.mark.django_db
def test_units_come_as_checkboxes_grouped_by_kind_with_their_commune():
    thpt = make_unit(name="Trường THPT Chiềng Sinh", commune="Phường Chiềng Sinh")
    boarding = make_unit(name="Trường PTDTNT tỉnh", kind=Unit.Kind.ETHNIC_BOARDING)
    make_unit(name="Trường đã giải thể", is_active=False)
    html = str(PublishForm(initial={"units": [boarding]})["units"])
    assert html.count('type="checkbox"') == 2
    assert "Trường đã giải thể" not in html
    # The kinds in the order of Unit.Kind, each a fieldset with its legend.
    assert html.index("Trường trung học phổ thông (THPT)") < html.index(
        "Trường phổ thông dân tộc nội trú (PTDTNT)"
    )
    assert html.count("<fieldset") == 3  # two kinds and the grouping switch
    assert f'value="{boarding.pk}" id="id_units_0" checked' in html
    assert f'value="{thpt.pk}" id="id_units_1">' in html
    assert "Phường Chiềng Sinh" in html
    assert "Đã chọn 1 đơn vị" in html
    assert 'src="/static/js/unit-picker.js"' in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_the_chosen_units_come_back_from_the_checkboxes():
    a, _b, c = make_unit(), make_unit(), make_unit()
    form = PublishForm({"units": [str(a.pk), str(c.pk)]})
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["units"]) == {a, c}
    assert not PublishForm({"units": ["abc"]}).is_valid()  # refused, not a 500


@pytest.mark.django_db
def test_the_register_entry_keeps_a_unit_no_longer_active_that_it_goes_to(department):
    closed = make_unit(name="Trung tâm đã sáp nhập", is_active=False)
    document = make_document(department=department)
    document.distribution_units.add(closed)
    html = str(DocumentForm(instance=document)["distribution_units"])
    assert "Trung tâm đã sáp nhập" in html
    assert "checked" in html


@pytest.mark.django_db
def test_the_edition_page_with_650_units_takes_the_queries_it_takes_with_10(
    client_for, secretariat, department, django_assert_max_num_queries
):
    revision = make_revision(make_document(department=department), state=Revision.State.APPROVED)
    url = revision.get_absolute_url()
    client = client_for(secretariat)
    make_province(10)
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as ten:
        page = client.get(url)
    assert page.content.decode().count('name="units"') == 10
    Unit.objects.all().delete()
    make_province(650)
    with django_assert_max_num_queries(len(ten.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count('name="units"') == 650


@pytest.mark.django_db
def test_the_settings_page_shows_the_picker(client_for, secretariat, department):
    document = make_document(department=department)
    make_province(12)
    page = client_for(secretariat).get(reverse("documents:settings", args=[document.code]))
    assert page.status_code == 200
    assert page.content.decode().count('name="distribution_units"') == 12
