"""The secretariat brings a whole set of Word files in through the import page."""

import os

import pytest

from documents.models import Document
from tests.documents.test_word_import import FILES, corpus_zip
from tests.factories import make_department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("IMS_SCREENSHOTS", "")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 800}, {"width": 390, "height": 844}]
)
def test_secretariat_imports_a_zip_reads_the_preview_and_confirms(
    page_for, live_server, secretariat, tmp_path, viewport
):
    for code, name in (("VP", "Văn phòng"), ("TCCB", "Tổ chức cán bộ"), ("KHTC", "KH-TC")):
        make_department(code=code, name=name)
    archive = tmp_path / "bo-tai-lieu.zip"
    archive.write_bytes(corpus_zip().getvalue())
    page = page_for(secretariat, viewport=viewport)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/documents/import/")
    page.get_by_role("button", name="Nhập một bộ tệp Word").click()
    page.set_input_files("input[type=file]", str(archive))
    page.get_by_role("button", name="Xem trước").click()

    preview = page.locator("#word-set-preview")
    preview.wait_for()
    assert f"{len(FILES)} tệp sẵn sàng để nhập" in preview.inner_text()
    card = preview.locator("article[data-file='qt01_bold_arabic.docx']")
    assert "QT.01-VP" in card.inner_text()
    assert card.locator(".steps-count").inner_text() == "4"
    assert card.locator(".records-count").inner_text() == "3"
    assert card.locator(".unplaced").inner_text() == "0 ký tự"
    assert "Lò Văn Minh" in card.locator("table.signoff-preview").inner_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in card.locator(".moved-text").inner_text()
    assert not Document.objects.exists()  # nothing saved before confirming
    _shot(page, f"import-preview-{viewport['width']}.png")

    page.get_by_role("button", name=f"Nhập {len(FILES)} tệp").click()
    page.get_by_text(f"Đã nhập {len(FILES)} tài liệu").first.wait_for()
    assert Document.objects.count() == len(FILES)
    page.locator("article[data-file='qt01_bold_arabic.docx']").get_by_role(
        "link", name="Mở lần ban hành đã nhập"
    ).click()
    block = page.locator("table.signoff-block")
    block.wait_for()
    assert "Nguyễn Thị Hoa" in block.inner_text()
    assert "đã ký trên giấy" in block.inner_text()
    _shot(page, f"imported-edition-{viewport['width']}.png")
    assert not errors
