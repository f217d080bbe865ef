"""Surveys in the field: the public link with its copy button and QR code, the A4
poster per school, the poster's link choosing the school, and a refused answer
opening on the first question to look at."""

import io
import re

import pytest
import segno
from pypdf import PdfReader

from surveys.models import Question
from tests.factories import make_unit
from tests.surveys.conftest import make_campaign, make_survey

pytestmark = pytest.mark.django_db


def campaign_url(campaign):
    return f"/surveys/campaigns/{campaign.pk}/"


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_campaign_page_shows_the_public_link_its_copy_button_and_its_qr_code(
    client_for, secretariat
):
    campaign = make_campaign(make_survey())
    page = client_for(secretariat).get(campaign_url(campaign)).content.decode()
    link = f"http://testserver/surveys/p/{campaign.public_key}/"
    assert f'<code id="public-url">{link}</code>' in page
    assert 'data-copy="#public-url"' in page
    # the QR code is drawn inline (no image fetched) and encodes the link
    drawn = re.search(r'<svg[^>]*class="qr".*?</svg>', page, re.S).group()
    expected = segno.make(link, error="m", micro=False).svg_inline(omitsize=True, border=2)
    assert re.search(r' d="([^"]+)"', drawn).group(1) == re.search(r' d="([^"]+)"', expected).group(
        1
    )


def test_a_campaign_without_a_public_link_has_no_qr_code_nor_poster(client_for, secretariat):
    campaign = make_campaign(make_survey(), public=False)
    page = client_for(secretariat).get(campaign_url(campaign)).content.decode()
    assert 'class="qr"' not in page
    assert client_for(secretariat).get(f"{campaign_url(campaign)}poster.pdf").status_code == 404


def test_a_schools_poster_names_it_states_the_purpose_and_links_to_the_survey(
    client_for, secretariat
):
    survey = make_survey()
    survey.introduction = "Sở mong nhận ý kiến của cha mẹ học sinh để nâng cao chất lượng."
    survey.save()
    campaign = make_campaign(survey, ask_unit=True)
    school = make_unit("THPT-CD", "Trường THPT Chiềng Đông")
    response = client_for(secretariat).get(
        f"{campaign_url(campaign)}poster.pdf", {"unit": school.pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 portrait
    text = pdf_text(response)
    assert "Trường THPT Chiềng Đông" in text
    assert "nâng cao chất lượng" in text
    assert f"/surveys/p/{campaign.public_key}/?unit={school.pk}" in text.replace("\n", "")


def test_a_poster_of_a_campaign_that_does_not_ask_the_school_links_to_the_plain_link(
    client_for, secretariat
):
    campaign = make_campaign(make_survey(), ask_unit=False)
    school = make_unit()
    response = client_for(secretariat).get(
        f"{campaign_url(campaign)}poster.pdf", {"unit": school.pk}
    )
    text = pdf_text(response).replace("\n", "")
    assert f"/surveys/p/{campaign.public_key}/" in text
    assert "?unit=" not in text


@pytest.mark.parametrize("unit", ["x", "999999", "-1", "²", "1e3"])
def test_a_poster_for_an_unknown_unit_is_404(client_for, secretariat, unit):
    campaign = make_campaign(make_survey())
    response = client_for(secretariat).get(f"{campaign_url(campaign)}poster.pdf", {"unit": unit})
    assert response.status_code == 404


def test_a_person_without_a_results_role_gets_403_for_a_poster(client_for, staff):
    campaign = make_campaign(make_survey())
    assert client_for(staff).get(f"{campaign_url(campaign)}poster.pdf").status_code == 403


def test_the_posters_link_chooses_its_school_on_the_answer_page(client):
    school, other = make_unit(name="Trường THPT A"), make_unit(name="Trường THPT B")
    campaign = make_campaign(make_survey(), ask_unit=True)
    url = f"/surveys/p/{campaign.public_key}/"
    page = client.get(url, {"unit": school.pk}).content.decode()
    assert f'<option value="{school.pk}" selected>' in page
    assert f'<option value="{other.pk}">' in page
    # the cached empty page stays empty for the next person
    page = client.get(url).content.decode()
    assert " selected>" not in page
    for bad in ["abc", "999999", "²"]:
        response = client.get(url, {"unit": bad})
        assert response.status_code == 200
        assert " selected>" not in response.content.decode()


def test_a_refused_answer_opens_on_the_first_unanswered_question(client):
    survey = make_survey()
    campaign = make_campaign(survey)
    vc1, vc2, hd1 = (survey.questions.get(key=k) for k in ("vc1", "vc2", "hd1"))
    response = client.post(f"/surveys/p/{campaign.public_key}/", {f"q{vc1.pk}": "4"})
    page = response.content.decode()
    assert page.count("autofocus") == 1
    first = re.search(r"<input[^>]*autofocus[^>]*>", page).group()
    assert f'name="q{vc2.pk}"' in first
    assert Question.objects.filter(survey=survey, required=True).count() == 3
