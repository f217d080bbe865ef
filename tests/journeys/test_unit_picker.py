"""Publishing to schools with the unit picker, in Chromium: among a province's 650
units the secretariat finds those of one ward by typing, takes every THPT of it with
"Chọn cả nhóm", publishes, and the register entry then goes to exactly those."""

import pytest
from playwright.sync_api import expect

from documents.models import Revision
from ims.models import Unit
from tests.documents.factories import make_document, make_revision
from tests.ims.test_unit_picker import make_province
from tests.journeys.conftest import LAPTOP
from tests.journeys.test_documents import confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WARD = "Phường Chiềng Lề"


def test_the_secretariat_publishes_to_every_thpt_of_a_ward_by_search_and_group(
    page_for, live_server, looks, console_errors, department, head, secretariat
):
    make_province(650)
    wanted = [
        Unit.objects.create(code=f"CL{n}", name=name, kind=Unit.Kind.UPPER_SECONDARY, commune=WARD)
        for n, name in enumerate(["Trường THPT Chiềng Lề", "Trường THPT Tô Hiệu"], 1)
    ]
    Unit.objects.create(
        code="CL9", name="Trường PTDTNT tỉnh Sơn La", kind=Unit.Kind.ETHNIC_BOARDING, commune=WARD
    )
    Unit.objects.create(code="CS1", name="Trường THPT Chiềng Sinh", commune="Xã Chiềng Sinh")
    document = make_document("QT.09-TCCB", department=department, title="Quy trình tuyển sinh")
    make_revision(document, state=Revision.State.EFFECTIVE, signed_by=head)
    make_revision(document, state=Revision.State.APPROVED, signed_by=head)

    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}{document.get_absolute_url()}2/")
    confirm(page, "publish")
    picker = page.locator(".unit-picker")
    expect(picker.locator("input[type=checkbox]")).to_have_count(654)
    picker.get_by_label("Tìm đơn vị theo tên hoặc xã, phường").fill("chieng le")
    # Typed without marks, every word must match: only the ward's three units remain.
    expect(picker.locator("li[data-unit]:visible")).to_have_count(3)
    thpt = picker.locator("fieldset.unit-group").filter(has_text="(THPT)")
    thpt.get_by_role("button", name="Chọn cả nhóm").click()
    expect(picker.locator(".unit-picker-count")).to_have_text("Đã chọn 2 đơn vị")
    expect(thpt.get_by_role("button", name="Bỏ chọn cả nhóm")).to_be_visible()
    looks(page, "unit picker (searched, a group chosen)")
    assert looks.fits_a_phone(page)
    # Grouped by ward instead, the same choice stays.
    picker.get_by_label("xã / phường").check()
    ward = picker.locator("fieldset.unit-group").filter(has_text=WARD)
    expect(ward.locator("input:checked")).to_have_count(2)
    picker.get_by_label("loại hình đơn vị").check()
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.locator(".message-success")).to_be_visible()
    assert set(document.distribution_units.all()) == set(wanted)

    # The register entry's page shows the distribution with the picker: those two.
    page.goto(f"{live_server.url}/documents/{document.code}/settings/")
    picker = page.locator(".unit-picker")
    expect(picker.locator(".unit-picker-count")).to_have_text("Đã chọn 2 đơn vị")
    for unit in wanted:
        expect(picker.get_by_label(unit.name)).to_be_checked()
    looks(page, "register entry with 654 units")


def test_the_picker_works_in_a_dialog_opened_after_the_page(page_for, live_server, secretariat):
    """The edition page may put the publish form in a <dialog>: the picker, set up when
    the page loads, works there when the dialog opens later."""
    from documents.forms import PublishForm

    Unit.objects.create(code="A1", name="Trường THPT Chiềng Lề", commune=WARD)
    Unit.objects.create(code="A2", name="Trường THPT Mộc Lỵ", commune="Xã Mộc Châu")
    picker = str(PublishForm()["units"])
    page = page_for(secretariat, viewport=LAPTOP)
    page.goto(f"{live_server.url}/")
    page.set_content(f'<html><body><dialog id="d"><form>{picker}</form></dialog></body></html>')
    page.add_script_tag(url=f"{live_server.url}/static/js/unit-picker.js")
    page.evaluate("document.getElementById('d').showModal()")  # as the decision bar does
    dialog = page.locator("dialog")
    dialog.get_by_label("Tìm đơn vị theo tên hoặc xã, phường").fill("moc")
    expect(dialog.locator("li[data-unit]:visible")).to_have_count(1)
    dialog.get_by_role("button", name="Chọn cả nhóm").click()
    expect(dialog.locator(".unit-picker-count")).to_have_text("Đã chọn 1 đơn vị")
