import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ims.registry import indicator_sources, review_inputs
from surveys import services
from surveys.models import CampaignResult
from surveys.results import index_of, refresh_results
from tests.factories import make_department, make_unit
from tests.surveys.conftest import answer, make_campaign

pytestmark = pytest.mark.django_db

# Four responses to vc1, vc2 (facilities) and hd1 (activities).
CURRENT = [(5, 4, 3), (4, 4, 2), (5, 5, 5), (1, 2, 4)]
# Hand-computed:
#   vc1 5,4,5,1 -> mean 15/4 = 3.75, 4-5: 3/4 = 75.0 %
#   vc2 4,4,5,2 -> mean 3.75, 75.0 %;  hd1 3,2,5,4 -> mean 3.5, 50.0 %
#   facilities (8 answers) mean 30/8 = 3.75, 6/8 = 75.0 %; activities 3.5, 50.0 %
#   campaign (12 answers) mean 44/12 = 3.67, 8/12 = 66.7 %
PREVIOUS = [(3, 4, 2), (3, 4, 5)]
#   previous campaign: 3,4,2,3,4,5 -> mean 21/6 = 3.5, 3/6 = 50.0 %; vc1 0 %, hd1 50 %


@pytest.fixture
def current(survey):
    campaign = make_campaign(survey, title="Năm học này")
    for row in CURRENT:
        answer(campaign, row)
    return campaign


@pytest.fixture
def previous(survey):
    """Last year's campaign of an earlier version of the same questionnaire."""
    older = services.copy_survey(actor=None, survey=survey)  # same question keys
    campaign = make_campaign(older, title="Năm học trước", days_ago=400)
    for row in PREVIOUS:
        answer(campaign, row)
    return campaign


def test_the_index_of_a_distribution_is_the_share_of_4_and_5_and_the_mean():
    assert index_of([1, 0, 1, 1, 1]) == index_of([1, 0, 1, 1, 1])
    idx = index_of([1, 0, 1, 1, 1])  # 1, 3, 4, 5
    assert (idx.n, idx.mean, idx.share) == (4, 3.25, 50.0)
    assert index_of([0, 0, 0, 0, 0]).mean is None


def test_the_index_of_known_answers_equals_the_hand_computed_figures(current):
    result = refresh_results(campaign=current)
    from surveys.results import report

    r = report(current, result.figures)
    assert (r["overall"].n, r["overall"].mean, r["overall"].share) == (12, 3.67, 66.7)
    assert r["overall"].responses == 4
    assert r["overall"].too_few  # 4 responses are fewer than the 10 needed to read
    by_key = {q["key"]: q["index"] for q in r["questions"]}
    assert (by_key["vc1"].mean, by_key["vc1"].share) == (3.75, 75.0)
    assert (by_key["vc2"].mean, by_key["vc2"].share) == (3.75, 75.0)
    assert (by_key["hd1"].mean, by_key["hd1"].share) == (3.5, 50.0)
    dims = {d["code"]: d["index"] for d in r["dimensions"]}
    assert (dims["facilities"].n, dims["facilities"].mean, dims["facilities"].share) == (
        8,
        3.75,
        75.0,
    )
    assert (dims["activities"].mean, dims["activities"].share) == (3.5, 50.0)


def test_the_results_page_compares_with_the_previous_campaign(
    client_for, leadership, current, previous
):
    assert current.previous() == previous
    page = client_for(leadership).get(reverse("surveys:results", args=[current.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    r = page.context["r"]
    assert r["previous_overall"].share == 50.0
    assert r["change"] == 16.7
    assert {q["key"]: q["change"] for q in r["questions"]}["vc1"] == 75.0
    assert "66,7 %" in html  # Vietnamese decimal comma
    assert "+16,7" in html
    assert "Năm học trước" in html
    assert "quá ít để đánh giá" in html
    assert 'id="survey-chart-data"' in html
    assert "chart.umd.min.js" in html


def test_results_by_unit_and_free_texts_are_listed(client_for, secretariat, survey):
    school = make_unit(name="Trường THPT Mai Sơn")
    campaign = make_campaign(survey)
    answer(campaign, (5, 5, 5), unit=school, texts=["Cần thêm sân chơi"])
    answer(campaign, (2, 2, 2), unit=school)
    client = client_for(secretariat)
    page = client.get(reverse("surveys:results", args=[campaign.pk]))
    units = page.context["r"]["units"]
    assert [(u["name"], u["index"].responses, u["index"].share) for u in units] == [
        ("Trường THPT Mai Sơn", 2, 50.0)
    ]
    text_q = survey.questions.get(key="gy1")
    texts = client.get(reverse("surveys:results_texts", args=[campaign.pk, text_q.pk]))
    assert "Cần thêm sân chơi" in texts.content.decode()


def test_results_export_to_xlsx_and_csv(client_for, secretariat, current):
    from openpyxl import load_workbook

    client = client_for(secretariat)
    xlsx = client.get(reverse("surveys:results_export", args=[current.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:6] == ("Đợt khảo sát", "Năm học này", None, 12, 3.67, 66.7)
    csv = client.get(reverse("surveys:results_export", args=[current.pk, "csv"]))
    text = csv.content.decode("utf-8-sig")
    assert "Phòng học" in text and "75.0" in text


def test_results_are_for_the_secretariat_leadership_auditors_and_heads(
    client_for, staff, unit_contact, current
):
    url = reverse("surveys:results", args=[current.pk])
    assert client_for(staff).get(url).status_code == 403
    assert client_for(unit_contact).get(url).status_code == 403


def test_a_campaigns_index_reaches_the_indicator_it_feeds(current, survey):
    source = indicator_sources()["surveys.satisfaction"]
    assert (str(current.pk), str(current.pk)) == (
        source.parameter_choices()[0][0],
        str(current.pk),
    )
    today = timezone.localdate()
    year_start, year_end = today - timedelta(days=200), today + timedelta(days=200)
    assert source.compute(year_start, year_end, None, str(current.pk)) == Decimal("66.7")
    # Nothing answered in another period; nothing for a department not surveyed.
    assert source.compute(date(2020, 1, 1), date(2020, 12, 31), None, str(current.pk)) is None
    assert source.compute(year_start, year_end, make_department(), str(current.pk)) is None


def test_the_indicator_counts_only_answers_given_in_the_period(survey):
    campaign = make_campaign(survey)
    today = timezone.localdate()
    answer(campaign, (5, 5, 5), day=today - timedelta(days=40))
    answer(campaign, (1, 1, 1), day=today)
    source = indicator_sources()["surveys.satisfaction"]
    recent = source.compute(today - timedelta(days=7), today, None, str(campaign.pk))
    assert recent == Decimal("0.0")
    assert source.compute(today - timedelta(days=60), today, None, "") == Decimal("50.0")


def test_the_management_review_gets_the_satisfaction_results_of_the_period(current, previous):
    surveys_input = {r.key: r for r in review_inputs()}["surveys"]
    assert surveys_input.clause == "9.3.2 c) 1)"
    today = timezone.localdate()
    refresh_results(campaign=previous)
    data = surveys_input.collect(today - timedelta(days=30), today)
    assert [row[0] for row in data["rows"]] == ["Năm học này"]
    row = data["rows"][0]
    assert row[2:6] == [4, "3,67", "66,7 %", "+16,7"]
    assert "66,7" in data["summary"]
    import json

    json.dumps(data)  # stored as it is in the review record


def test_stored_figures_are_refreshed_while_the_campaign_runs(client_for, leadership, current):
    client = client_for(leadership)
    client.get(reverse("surveys:results", args=[current.pk]))
    first = CampaignResult.objects.get(campaign=current)
    assert first.responses == 4
    answer(current, (5, 5, 5))
    CampaignResult.objects.filter(pk=first.pk).update(
        computed_at=timezone.now() - timedelta(minutes=5)
    )
    client.get(reverse("surveys:results", args=[current.pk]))
    assert CampaignResult.objects.get(campaign=current).responses == 5


def test_the_year_overview_pools_campaigns_by_group(client_for, leadership, current):
    from ims.models import SchoolYear
    from ims.services import ensure_school_year
    from surveys.models import Campaign

    year = ensure_school_year(SchoolYear.year_of(timezone.localdate()), current=True)
    Campaign.objects.filter(pk=current.pk).update(school_year=year)
    refresh_results(campaign=current)
    page = client_for(leadership).get(reverse("surveys:overview"))
    groups = page.context["groups"]
    assert [(str(g["label"]), g["index"].share) for g in groups] == [("Cha mẹ học sinh", 66.7)]


def test_a_department_surveyed_gets_its_own_index(client_for, leadership, survey, department):
    from ims.models import SchoolYear
    from ims.services import ensure_school_year

    year = ensure_school_year(SchoolYear.year_of(timezone.localdate()), current=True)
    desk = make_campaign(survey, title="Một cửa", department=department, school_year=year)
    for row in CURRENT:
        answer(desk, row)
    refresh_results(campaign=desk)
    page = client_for(leadership).get(reverse("surveys:overview"))
    assert [(d["department"], d["index"].share) for d in page.context["departments"]] == [
        (department, 66.7)
    ]
    source = indicator_sources()["surveys.satisfaction"]
    today = timezone.localdate()
    assert source.compute(today - timedelta(days=9), today, department, "") == Decimal("66.7")


def test_free_text_answers_export_to_csv(client_for, auditor, survey):
    campaign = make_campaign(survey)
    answer(campaign, (4, 4, 4), texts=["Cần thêm cây xanh, bóng mát"])
    text_q = survey.questions.get(key="gy1")
    response = client_for(auditor).get(
        reverse("surveys:results_texts", args=[campaign.pk, text_q.pk]), {"format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "Cần thêm cây xanh, bóng mát" in response.content.decode("utf-8-sig")


def test_too_few_is_judged_on_people_not_on_answers(survey, settings):
    from surveys.results import report

    settings.SURVEYS_MIN_RESPONSES = 5
    campaign = make_campaign(survey)
    for row in CURRENT:  # 4 people, 8 answers on facilities
        answer(campaign, row)
    r = report(campaign, refresh_results(campaign=campaign).figures)
    facilities = {d["code"]: d["index"] for d in r["dimensions"]}["facilities"]
    assert (facilities.n, facilities.responses, facilities.too_few) == (8, 4, True)
    answer(campaign, (5, 5, 5))
    r = report(campaign, refresh_results(campaign=campaign).figures)
    assert not {d["code"]: d["index"] for d in r["dimensions"]}["facilities"].too_few


CALC = "=cmd|' /C calc'!A0"
HYPERLINK = '=HYPERLINK("http://x","click")'


def test_exports_write_formula_like_answers_and_titles_as_text(client_for, secretariat, survey):
    from openpyxl import load_workbook

    campaign = make_campaign(survey, title=HYPERLINK)
    answer(campaign, (5, 4, 3), texts=[CALC])
    client = client_for(secretariat)
    text_q = survey.questions.get(key="gy1")
    texts = client.get(
        reverse("surveys:results_texts", args=[campaign.pk, text_q.pk]), {"format": "csv"}
    )
    assert texts.content.decode("utf-8-sig").splitlines()[1] == "'" + CALC
    xlsx = client.get(reverse("surveys:results_export", args=[campaign.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    title, answers = sheet["B2"], sheet["D2"]
    assert (title.value, title.data_type) == (HYPERLINK, "s")
    assert (answers.value, answers.data_type) == (3, "n")
    csv = client.get(reverse("surveys:results_export", args=[campaign.pk, "csv"]))
    assert "\"'=HYPERLINK(" in csv.content.decode("utf-8-sig")
