"""Demo surveys: last year's parents' campaign (closed) and this year's campaigns for
parents, students, teachers and schools, with several thousand answers drawn from
realistic distributions (most people satisfied, facilities the weakest dimension,
a few dissatisfied everywhere). Idempotent: surveys and campaigns are found by
title and a campaign that already has answers is left as it is.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from ims.models import Department, SchoolYear, Unit
from surveys import services
from surveys.models import Answer, Campaign, Question, Response, Survey
from surveys.results import refresh_results

# Probability of answering 1..5 per dimension, this year; last year a little lower.
PROFILES = {
    "access": [0.02, 0.05, 0.15, 0.48, 0.30],
    "facilities": [0.05, 0.12, 0.25, 0.40, 0.18],
    "environment": [0.01, 0.03, 0.12, 0.46, 0.38],
    "activities": [0.01, 0.04, 0.14, 0.47, 0.34],
    "results": [0.02, 0.05, 0.18, 0.47, 0.28],
    "overall": [0.01, 0.04, 0.13, 0.50, 0.32],
    "sipas_access": [0.01, 0.04, 0.15, 0.50, 0.30],
    "procedure": [0.02, 0.06, 0.18, 0.46, 0.28],
    "civil_servant": [0.01, 0.02, 0.10, 0.45, 0.42],
    "sipas_result": [0.01, 0.03, 0.12, 0.50, 0.34],
    "feedback": [0.03, 0.08, 0.22, 0.42, 0.25],
}
LAST_YEAR_SHIFT = [0.03, 0.03, 0.02, -0.04, -0.04]

COMMENTS = [
    "Nhà trường cần sửa lại nhà vệ sinh khu B.",
    "Mong nhà trường tổ chức thêm hoạt động trải nghiệm cho các cháu.",
    "Thầy cô rất nhiệt tình, gia đình yên tâm.",
    "Đề nghị bổ sung quạt và đèn cho phòng học.",
    "Bữa ăn bán trú cần đa dạng hơn.",
    "Cần thông báo kết quả học tập qua Zalo sớm hơn.",
    "Đường vào trường mùa mưa trơn trượt, mong được hỗ trợ.",
    "Thư viện nên mở cửa cả buổi chiều.",
    "Hồ sơ được tiếp nhận nhanh, cán bộ hướng dẫn tận tình.",
    "Nên có thêm hướng dẫn nộp hồ sơ trực tuyến.",
]

SURVEYS = [
    # title, group, instrument
    ("Phiếu khảo sát sự hài lòng của cha mẹ học sinh", "parents", "public_education"),
    ("Phiếu khảo sát sự hài lòng của học sinh", "students", "public_education"),
    ("Phiếu khảo sát sự hài lòng của giáo viên", "teachers", "public_education"),
    ("Phiếu khảo sát sự hài lòng của nhà trường đối với Sở", "units", "sipas"),
]


def load(stdout=None) -> None:
    rng = random.Random(2026)
    today = timezone.localdate()
    year = SchoolYear.objects.current() or SchoolYear.objects.containing(today)
    start = (
        year.start_date if year else date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    )
    last_year = SchoolYear.objects.filter(start_date=start.replace(year=start.year - 1)).first()
    surveys = {}
    for title, group, instrument in SURVEYS:
        survey = Survey.objects.filter(title=title, version=1).first()
        if survey is None:
            survey = services.create_survey(
                actor=None,
                title=title,
                group=group,
                instrument=instrument,
                introduction=(
                    "Sở Giáo dục và Đào tạo tỉnh Sơn La trân trọng đề nghị quý vị cho biết "
                    "mức độ hài lòng. Phiếu trả lời được giữ kín và chỉ dùng để cải tiến "
                    "chất lượng dịch vụ."
                ),
            )
        surveys[group] = survey
    units = list(Unit.objects.filter(is_active=True).order_by("name"))
    office = Department.objects.filter(code="VP").first()

    # A fresh campaign opened ~3 weeks ago, closing in ~3 weeks, is "open" on any demo day.
    open_from = max(start, today - timedelta(days=21))
    plan = [
        # survey group, title, opens, closes, responses, shift, public, with units
        (
            "parents",
            f"Khảo sát cha mẹ học sinh năm học {start.year - 1}–{start.year}",
            date(start.year, 3, 2),
            date(start.year, 4, 15),
            1200,
            LAST_YEAR_SHIFT,
            True,
            last_year,
        ),
        (
            "parents",
            f"Khảo sát cha mẹ học sinh năm học {start.year}–{start.year + 1}",
            open_from,
            today + timedelta(days=21),
            1800,
            None,
            True,
            year,
        ),
        (
            "students",
            f"Khảo sát học sinh THPT năm học {start.year}–{start.year + 1}",
            open_from,
            today + timedelta(days=21),
            1300,
            None,
            True,
            year,
        ),
        (
            "teachers",
            f"Khảo sát giáo viên năm học {start.year}–{start.year + 1}",
            open_from,
            today + timedelta(days=21),
            600,
            None,
            True,
            year,
        ),
        (
            "units",
            f"Khảo sát các trường về dịch vụ của Sở năm học {start.year}–{start.year + 1}",
            open_from,
            today + timedelta(days=21),
            None,
            None,
            False,
            year,
        ),
    ]
    total = 0
    for group, title, opens, closes, count, shift, public, school_year in plan:
        campaign = Campaign.objects.filter(title=title).first()
        if campaign is None:
            campaign = services.save_campaign(
                actor=None,
                campaign=Campaign(
                    survey=surveys[group],
                    title=title,
                    opens_on=opens,
                    closes_on=closes,
                    anonymous=True,
                    ask_unit=public and group in ("parents", "students"),
                    school_year=school_year,
                    department=office if group == "units" else None,
                ),
                public_link=public,
            )
        if group == "units":
            services.add_unit_tokens(actor=None, campaign=campaign, units=units)
        if campaign.responses.exists():
            continue
        if group == "units":
            total += _answer_tokens(rng, campaign, share=0.7, today=today)
        else:
            total += _generate(rng, campaign, count, shift, units, today)
        refresh_results(campaign=campaign)
    if stdout:
        stdout.write(
            f"  surveys: {Campaign.objects.count()} campaigns, "
            f"{Response.objects.count()} responses ({total} new)"
        )


def _distribution(dimension, shift):
    weights = PROFILES.get(dimension, PROFILES["overall"])
    if shift:
        weights = [max(w + s, 0.005) for w, s in zip(weights, shift, strict=True)]
    return weights


def _one_response(rng, questions, shift, mood):
    rows = []
    for q in questions:
        if q.kind == Question.Kind.LIKERT:
            weights = _distribution(q.dimension, shift)
            value = rng.choices(range(1, 6), weights=weights)[0]
            # People differ: a happy respondent leans up, an unhappy one down.
            value = min(5, max(1, value + mood))
            rows.append((q.pk, value, ""))
        elif q.kind == Question.Kind.SINGLE and rng.random() < 0.9:
            rows.append((q.pk, rng.randrange(len(q.choices)), ""))
        elif q.kind == Question.Kind.MULTIPLE:
            for index in rng.sample(range(len(q.choices)), rng.randint(0, 2)):
                rows.append((q.pk, index, ""))
        elif q.kind == Question.Kind.TEXT and rng.random() < 0.08:
            rows.append((q.pk, None, rng.choice(COMMENTS)))
    return rows


def _mood(rng):
    roll = rng.random()
    return -1 if roll < 0.07 else (1 if roll > 0.93 else 0)


@transaction.atomic
def _generate(rng, campaign, count, shift, units, today) -> int:
    questions = list(campaign.survey.questions.all())
    last_day = min(campaign.closes_on, today)
    span = max((last_day - campaign.opens_on).days, 0)
    responses = []
    for _ in range(count):
        # Most answers come in the first days after the link is sent out.
        offset = min(int(rng.expovariate(1 / max(span / 3, 1))), span)
        responses.append(
            Response(
                campaign=campaign,
                channel=Response.Channel.PUBLIC,
                submitted_on=campaign.opens_on + timedelta(days=offset),
                unit=rng.choice(units) if campaign.ask_unit and units else None,
            )
        )
    Response.objects.bulk_create(responses, batch_size=1000)
    answers = []
    for response in responses:
        for qid, value, text in _one_response(rng, questions, shift, _mood(rng)):
            answers.append(
                Answer(
                    response_id=response.pk,
                    campaign_id=campaign.pk,
                    question_id=qid,
                    value=value,
                    text=text,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=5000)
    return count


def _answer_tokens(rng, campaign, *, share, today) -> int:
    from surveys import answering

    form = answering.compile_form(campaign)
    questions = list(campaign.survey.questions.all())
    used = 0
    for token in campaign.tokens.filter(used_at__isnull=True).order_by("pk"):
        if rng.random() > share:
            continue
        rows = _one_response(rng, questions, None, _mood(rng))
        services.submit_response(form=form, answers=rows, token_id=token.pk)
        used += 1
    return used
