"""Corrective actions in the browser."""

import pytest

from audits.corrective import services as corrective
from audits.models import CorrectiveAction

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}


def test_the_action_log_fits_a_phone_and_its_overdue_checkbox_is_a_box(
    page_for, live_server, secretariat, department
):
    from datetime import timedelta

    from django.utils import timezone

    department.name = "Phòng Giáo dục nghề nghiệp – Giáo dục thường xuyên và Đại học"
    department.save(update_fields=["name"])
    corrective.open_corrective_action(
        actor=secretariat,
        source=CorrectiveAction.Source.PROCESS_FAILURE,
        department=department,
        nonconformity="Hồ sơ tuyển sinh không được lưu theo quy định",
        due_date=timezone.localdate() - timedelta(days=3),
        check_rights=False,
    )
    for viewport in (PHONE, {"width": 1366, "height": 800}):
        page = page_for(secretariat, viewport=viewport)
        page.goto(f"{live_server.url}/audits/actions/")
        page.wait_for_load_state("load")
        fold = page.locator("details.filter-fold")
        if fold.count() and fold.get_attribute("open") is None:
            fold.locator("summary").click()  # on a phone the filters are folded
        box = page.locator("input[name=overdue]").bounding_box()
        assert 14 <= box["width"] <= 32 and 14 <= box["height"] <= 32, box
        assert abs(box["width"] - box["height"]) < 2, box  # a box, not a sliver
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('form.filters, form.filters *')]"
            ".map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= viewport["width"], widest
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.screenshot(path=f"var/screens/actions-{viewport['width']}.png", full_page=True)
        page.get_by_text("Chỉ quá hạn").click()  # the label ticks the box
        assert page.locator("input[name=overdue]").is_checked()
