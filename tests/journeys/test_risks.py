"""The register of risks and opportunities in Chromium: the head adds and treats a
risk, its owner signs off what is left, the secretariat filters and exports, the heat
map leads to the rows it counts, the auditor only reads, leadership sees the heat map
on the dashboard."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from audits.corrective.services import open_corrective_action
from audits.models import CorrectiveAction
from risks.models import Risk
from tests.factories import PASSWORD
from tests.journeys.conftest import LAPTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_risk_is_added_treated_reviewed_signed_filtered_and_read(
    page_for, live_server, looks, console_errors, head, staff, secretariat, auditor, leadership
):
    from django.utils import timezone

    today = timezone.localdate()
    action = open_corrective_action(
        actor=secretariat,
        source=CorrectiveAction.Source.PROCESS_FAILURE,
        department=head.profile.department,
        nonconformity="Thất lạc hồ sơ dự tuyển đợt tháng 9",
        due_date=today + timedelta(days=30),
    )

    # --- the head adds a risk; a wrong treatment is refused, nothing typed is lost ----
    page = console_errors(page_for(head, viewport=LAPTOP))
    page.goto(f"{live_server.url}/risks/")
    looks(page, "register (head)")
    page.get_by_role("button", name="Thêm rủi ro hoặc cơ hội").click()
    page.wait_for_url("**/risks/new/")
    looks(page, "new risk form")
    page.locator("#id_process").fill("Tuyển dụng viên chức")
    page.locator("#id_kind").select_option("risk")
    page.locator("#id_description").fill("Hồ sơ dự tuyển bị thất lạc giữa các bộ phận")
    page.locator("#id_cause").fill("Chưa có sổ giao nhận")
    page.locator("#id_likelihood").select_option("4")
    page.locator("#id_impact").select_option("4")
    page.locator("#id_owner").select_option(str(staff.pk))
    page.locator("#id_treatment").select_option("pursue")
    page.locator("#id_review_due").fill((today + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field-invalid")).to_contain_text("Cơ hội thì được nắm bắt")
    expect(page.locator("#id_description")).to_have_value(
        "Hồ sơ dự tuyển bị thất lạc giữa các bộ phận"
    )
    looks(page, "new risk form with an error")
    page.locator("#id_treatment").select_option("reduce")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/risks/\d+/$"))
    risk = Risk.objects.get()
    assert page.url.endswith(f"/risks/{risk.pk}/")
    expect(page.locator("h1")).to_contain_text(risk.number)
    expect(page.locator(".score").first).to_contain_text("16")

    # --- links the corrective action and reviews it with a residual rating ------------
    page.get_by_text("Liên kết hành động đã có").click()
    page.locator("#id_link-corrective_action").select_option(str(action.pk))
    page.get_by_role("button", name="Liên kết hành động").click()
    expect(page.locator("#actions")).to_contain_text(action.number)
    expect(page.locator("#actions")).to_contain_text(action.get_state_display())
    page.get_by_text("Ghi nhận rà soát").click()
    page.locator("#id_review-likelihood").select_option("3")
    page.locator("#id_review-residual_likelihood").select_option("1")
    page.locator("#id_review-residual_impact").select_option("4")
    page.locator("#id_review-note").fill("Đã lập sổ giao nhận từ tháng 10")
    page.locator("#id_review-next_review").fill((today + timedelta(days=180)).isoformat())
    page.get_by_role("button", name="Ghi nhận kết quả rà soát").click()
    expect(page.locator("#reviews")).to_contain_text("Đã lập sổ giao nhận từ tháng 10")
    expect(page.locator("#acceptance")).to_contain_text("chờ người phụ trách chấp nhận")
    looks(page, "risk treated (head)")
    assert page.locator("#id_secret").count() == 0  # only the owner signs
    assert looks.fits_a_phone(page)

    # --- the owner signs off the residual risk, on a phone ---------------------------
    page = console_errors(page_for(staff, viewport=PHONE))
    page.goto(f"{live_server.url}{risk.get_absolute_url()}")
    looks(page, "risk to accept (owner, phone)")
    page.locator("#id_secret").fill(PASSWORD)
    page.get_by_role("button", name="Chấp nhận và ký").click()
    expect(page.locator("#acceptance .signed")).to_contain_text("Nguyễn Thị Lan")
    assert risk.acceptances.get().signed_by == staff

    # --- the secretariat filters by band, exports, follows a heat-map cell -----------
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}/risks/")
    page.locator("#id_band").select_option("high")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**band=high**")
    expect(page.locator(".risk-table tbody")).to_contain_text(risk.number)
    looks(page, "register filtered (secretariat)")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất .xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.goto(f"{live_server.url}/risks/")
    page.get_by_role("link", name="1 dòng có khả năng xảy ra 3 và mức độ ảnh hưởng 4 (Cao)").click()
    page.wait_for_url("**l=3**")
    assert "i=4" in page.url
    expect(page.locator(".risk-table tbody tr")).to_have_count(1)
    assert looks.fits_a_phone(page)

    # --- the auditor reads and changes nothing ----------------------------------------
    page = console_errors(page_for(auditor, viewport=LAPTOP))
    page.goto(f"{live_server.url}{risk.get_absolute_url()}")
    looks(page, "risk (auditor)")
    expect(page.locator(f'a[href="/risks/{risk.pk}/edit/"]')).to_have_count(0)
    expect(page.get_by_text("Ghi nhận rà soát")).to_have_count(0)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(
        f"{live_server.url}/risks/{risk.pk}/review/",
        form={"review-note": "x"},
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert refused.status == 403

    # --- leadership sees the heat map on the dashboard --------------------------------
    page = console_errors(page_for(leadership, viewport=LAPTOP))
    page.goto(f"{live_server.url}/objectives/")
    expect(page.locator(".dashboard-panel table.heatmap")).to_have_count(2)
    looks(page, "dashboard heat map (leadership)")
    assert looks.fits_a_phone(page)
    assert console_errors.errors == []
