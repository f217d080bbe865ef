from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from surveys import services
from surveys.models import Campaign, Dimension, Question, Survey, Token
from tests.factories import make_unit
from tests.surveys.conftest import answer, make_campaign

pytestmark = pytest.mark.django_db


def test_the_secretariat_creates_a_survey_from_the_ministrys_instrument(client_for, secretariat):
    response = client_for(secretariat).post(
        reverse("surveys:survey_create"),
        {
            "title": "Khảo sát cha mẹ học sinh 2025",
            "group": "parents",
            "instrument": "public_education",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    dims = set(survey.questions.exclude(dimension="").values_list("dimension", flat=True))
    assert dims == {
        Dimension.ACCESS,
        Dimension.FACILITIES,
        Dimension.ENVIRONMENT,
        Dimension.ACTIVITIES,
        Dimension.RESULTS,
        Dimension.OVERALL,
    }
    assert survey.lineage == survey.pk


def test_the_sipas_instrument_has_the_five_factors(secretariat):
    survey = services.create_survey(
        actor=secretariat, title="SIPAS", group="citizens", instrument="sipas"
    )
    dims = set(survey.questions.exclude(dimension="").values_list("dimension", flat=True))
    assert dims == {"sipas_access", "procedure", "civil_servant", "sipas_result", "feedback"}


def test_staff_and_auditors_cannot_manage_surveys(client_for, staff, auditor, survey):
    for user in (staff, auditor):
        client = client_for(user)
        assert client.get(reverse("surveys:survey_create")).status_code == 403
        assert client.post(reverse("surveys:survey_copy", args=[survey.pk])).status_code == 403
        assert client.get(reverse("surveys:campaign_create")).status_code == 403


def test_the_secretariat_adds_and_edits_questions_before_the_first_answer(
    client_for, secretariat, survey
):
    client = client_for(secretariat)
    section = survey.sections.get()
    response = client.post(
        reverse("surveys:question_add", args=[survey.pk]),
        {
            "section": section.pk,
            "text": "Nguồn thông tin",
            "kind": "single",
            "options": "Zalo\nLoa",
        },
    )
    assert response.status_code == 302
    question = survey.questions.get(text="Nguồn thông tin")
    assert question.choices == ["Zalo", "Loa"]
    bad = client.post(
        reverse("surveys:question_add", args=[survey.pk]),
        {"section": section.pk, "text": "Thang đo không lĩnh vực", "kind": "likert"},
    )
    assert bad.status_code == 200
    assert "cần có lĩnh vực" in bad.content.decode()


def test_a_survey_with_answers_cannot_change_and_is_copied_to_a_new_version(
    client_for, secretariat, survey, campaign
):
    answer(campaign, (5, 5, 5))
    client = client_for(secretariat)
    question = survey.questions.get(key="vc1")
    refused = client.post(
        reverse("surveys:question_edit", args=[survey.pk, question.pk]),
        {
            "section": question.section_id,
            "text": "Đổi câu hỏi",
            "kind": "likert",
            "dimension": "facilities",
            "required": "on",
        },
    )
    assert "không thể sửa câu hỏi" in refused.content.decode()
    question.refresh_from_db()
    assert question.text == "Phòng học"
    client.post(reverse("surveys:question_delete", args=[survey.pk, question.pk]))
    assert survey.questions.filter(pk=question.pk).exists()

    copied = client.post(reverse("surveys:survey_copy", args=[survey.pk]))
    new = Survey.objects.get(version=2)
    assert copied["Location"] == new.get_absolute_url()
    assert new.lineage == survey.pk
    assert sorted(new.questions.values_list("key", flat=True)) == sorted(
        survey.questions.values_list("key", flat=True)
    )
    new_q = new.questions.get(key="vc1")
    client.post(
        reverse("surveys:question_edit", args=[new.pk, new_q.pk]),
        {
            "section": new_q.section_id,
            "text": "Phòng học sáng sủa",
            "kind": "likert",
            "dimension": "facilities",
            "required": "on",
        },
    )
    new_q.refresh_from_db()
    assert new_q.text == "Phòng học sáng sủa"


def test_the_secretariat_opens_a_campaign_with_a_public_link_and_unit_links(
    client_for, secretariat, survey
):
    client = client_for(secretariat)
    today = timezone.localdate()
    response = client.post(
        reverse("surveys:campaign_create"),
        {
            "survey": survey.pk,
            "title": "Khảo sát CMHS học kỳ I",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=14)).isoformat(),
            "anonymous": "on",
            "public_link": "on",
            "cap": "5000",
        },
    )
    campaign = Campaign.objects.get()
    assert response["Location"] == campaign.get_absolute_url()
    assert campaign.public_key and len(campaign.public_key) >= 12
    schools = [make_unit(email=f"u{i}@example.org") for i in range(3)]
    client.post(
        reverse("surveys:campaign_tokens", args=[campaign.pk, "units"]),
        {"units": [u.pk for u in schools]},
    )
    client.post(
        reverse("surveys:campaign_tokens", args=[campaign.pk, "people"]),
        {"people": "Lò Văn A; a@example.org\nCầm Thị B; b@example.org"},
    )
    assert campaign.tokens.count() == 5
    assert len({t.key for t in campaign.tokens.all()}) == 5
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert f"/surveys/p/{campaign.public_key}/" in page
    # The units come in the unit picker: a checkbox each, grouped by kind.
    assert "data-unit-picker" in page
    assert all(f'name="units" value="{u.pk}"' in page for u in schools)
    links = client.get(reverse("surveys:campaign_links", args=[campaign.pk]))
    assert links.content.decode("utf-8-sig").count("/surveys/a/") == 5


def test_a_campaign_that_closes_before_it_opens_is_refused(client_for, secretariat, survey):
    today = timezone.localdate()
    response = client_for(secretariat).post(
        reverse("surveys:campaign_create"),
        {
            "survey": survey.pk,
            "title": "Sai",
            "opens_on": today.isoformat(),
            "closes_on": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Sai" in response.content.decode()  # what was typed is kept
    assert not Campaign.objects.exists()


def test_reminders_go_to_unanswered_links_once_a_day(client_for, secretariat, survey):
    campaign = make_campaign(survey, public=False)
    services.add_named_tokens(
        actor=secretariat,
        campaign=campaign,
        people=[("Lò Văn A", "a@example.org"), ("Cầm Thị B", "b@example.org"), ("Không thư", "")],
    )
    answered = Token.objects.get(email="b@example.org")
    client = client_for(secretariat)
    client.post(
        reverse("surveys:answer_token", args=[answered.key]),
        {f"q{q.pk}": "4" for q in survey.questions.filter(kind=Question.Kind.LIKERT)},
    )
    client.post(reverse("surveys:campaign_remind", args=[campaign.pk]))
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    waiting = Token.objects.get(email="a@example.org")
    assert f"/surveys/a/{waiting.key}/" in mail.outbox[0].body
    assert campaign.title in mail.outbox[0].subject
    client.post(reverse("surveys:campaign_remind", args=[campaign.pk]))
    assert len(mail.outbox) == 1  # not twice the same day


def test_closing_a_campaign_stops_answers_at_once(client_for, secretariat, campaign, survey):
    url = reverse("surveys:answer_public", args=[campaign.public_key])
    assert client_for(secretariat).get(url).status_code == 200  # form compiled and cached
    client_for(secretariat).post(reverse("surveys:campaign_close", args=[campaign.pk]))
    client = client_for(secretariat)
    client.logout()
    assert client.get(url).status_code == 410


def test_the_home_page_shows_the_secretariat_the_running_campaigns(
    client_for, secretariat, campaign
):
    page = client_for(secretariat).get(reverse("home")).content.decode()
    assert campaign.title in page


def test_leadership_reads_a_campaign_without_its_links_or_buttons(client_for, leadership, survey):
    campaign = make_campaign(survey, public=False)
    services.add_unit_tokens(actor=None, campaign=campaign, units=[make_unit()])
    client = client_for(leadership)
    page = client.get(campaign.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert campaign.tokens.get().key not in html
    assert reverse("surveys:campaign_close", args=[campaign.pk]) not in html
    assert client.post(reverse("surveys:campaign_close", args=[campaign.pk])).status_code == 403
    assert client.get(reverse("surveys:campaign_links", args=[campaign.pk])).status_code == 403


def test_the_survey_of_an_answered_campaign_cannot_be_swapped(client_for, secretariat, survey):
    campaign = make_campaign(survey)
    answer(campaign, (5, 5, 5))
    other = services.create_survey(actor=None, title="Khác", group="students", instrument="sipas")
    client_for(secretariat).post(
        reverse("surveys:campaign_edit", args=[campaign.pk]),
        {
            "survey": other.pk,
            "title": campaign.title,
            "opens_on": campaign.opens_on.isoformat(),
            "closes_on": campaign.closes_on.isoformat(),
            "anonymous": "on",
            "public_link": "on",
        },
    )
    campaign.refresh_from_db()
    assert campaign.survey == survey


def test_the_admin_lists_surveys_campaigns_and_links(client, campaign):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x-pass-1234")
    client.force_login(admin)
    for model in ("survey", "question", "campaign", "token", "campaignresult"):
        assert client.get(reverse(f"admin:surveys_{model}_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:surveys_campaign_change", args=[campaign.pk])).status_code == 200
    )
    assert (
        client.get(reverse("admin:surveys_campaign_history", args=[campaign.pk])).status_code == 200
    )


def test_a_schools_contact_finds_the_schools_survey_link_on_the_home_page(
    client_for, unit_contact, unit, survey
):
    campaign = make_campaign(survey, public=False)
    services.add_unit_tokens(actor=None, campaign=campaign, units=[unit])
    token = Token.objects.get()
    page = client_for(unit_contact).get(reverse("home")).content.decode()
    assert reverse("surveys:answer_token", args=[token.key]) in page
    Token.objects.filter(pk=token.pk).update(used_at=timezone.now())
    page = client_for(unit_contact).get(reverse("home")).content.decode()
    assert token.key not in page


def test_an_answered_survey_keeps_its_group_but_its_introduction_may_change(
    client_for, secretariat, survey, campaign
):
    answer(campaign, (4, 4, 4))
    client = client_for(secretariat)
    client.post(
        reverse("surveys:survey_edit", args=[survey.pk]),
        {"title": survey.title, "group": "students", "introduction": "Lời giới thiệu mới"},
    )
    survey.refresh_from_db()
    assert (survey.group, survey.introduction) == ("parents", "Lời giới thiệu mới")
    page = client.get(reverse("surveys:answer_public", args=[campaign.public_key]))
    assert "Lời giới thiệu mới" in page.content.decode()
