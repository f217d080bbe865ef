from datetime import timedelta

import pytest
from django.utils import timezone

from surveys import services
from surveys.models import Group, Question, Section, Survey


def make_survey(title="Khảo sát cha mẹ học sinh", group=Group.PARENTS, actor=None) -> Survey:
    """A small questionnaire: three scale questions in two dimensions, a single
    choice, a multiple choice and an optional free text."""
    survey = services.create_survey(actor=actor, title=title, group=group, instrument="custom")
    first = Section.objects.create(survey=survey, title="Chung", order=1)
    rows = [
        ("vc1", Question.Kind.LIKERT, "facilities", "Phòng học", True, []),
        ("vc2", Question.Kind.LIKERT, "facilities", "Nhà vệ sinh", True, []),
        ("hd1", Question.Kind.LIKERT, "activities", "Giáo viên", True, []),
        ("kv1", Question.Kind.SINGLE, "", "Nơi ở", False, ["Phường", "Xã"]),
        ("ut1", Question.Kind.MULTIPLE, "", "Ưu tiên", False, ["CSVC", "Dạy học", "An toàn"]),
        ("gy1", Question.Kind.TEXT, "", "Góp ý", False, []),
    ]
    for order, (key, kind, dim, text, required, choices) in enumerate(rows, 1):
        Question.objects.create(
            survey=survey,
            section=first,
            key=key,
            order=order,
            kind=kind,
            dimension=dim,
            text=text,
            required=required,
            choices=choices,
        )
    return survey


def make_campaign(survey, *, public=True, anonymous=True, days_ago=1, length=30, **extra):
    from surveys.models import Campaign

    today = timezone.localdate()
    campaign = Campaign(
        survey=survey,
        title=extra.pop("title", f"Đợt khảo sát {survey.title}"),
        opens_on=today - timedelta(days=days_ago),
        closes_on=today - timedelta(days=days_ago) + timedelta(days=length),
        anonymous=anonymous,
        **extra,
    )
    return services.save_campaign(actor=None, campaign=campaign, public_link=public)


def answers_for(survey, likert=(5, 4, 3), **extra) -> dict:
    """POST data answering the scale questions with ``likert`` (in question order)."""
    data = {}
    scale = list(survey.questions.filter(kind=Question.Kind.LIKERT).order_by("order"))
    for question, value in zip(scale, likert, strict=False):
        if value is not None:
            data[f"q{question.pk}"] = str(value)
    for key, value in extra.items():
        data[f"q{survey.questions.get(key=key).pk}"] = value
    return data


@pytest.fixture(autouse=True)
def _own_cache(request, settings):
    """Rate limits, caps and compiled forms live in the cache. Parallel test workers
    share one Redis database and each flushes it before every test, so tests here
    get a cache of their own, except those that meet the real worker."""
    if request.node.get_closest_marker("worker"):
        return
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": request.node.nodeid,
        }
    }


@pytest.fixture
def survey(db):
    return make_survey()


@pytest.fixture
def campaign(survey):
    return make_campaign(survey)


def answer(campaign, likert, *, unit=None, day=None, texts=()):
    """Store one response with scale answers ``likert`` (in question order)."""
    from surveys import answering
    from surveys.models import Response

    form = answering.compile_form(campaign)
    scale = [q for q in form["questions"] if q["kind"] == "likert"]
    rows = [(q["id"], v, "") for q, v in zip(scale, likert, strict=False) if v is not None]
    text_q = [q for q in form["questions"] if q["kind"] == "text"]
    rows += [(text_q[0]["id"], None, t) for t in texts]
    pk = services.submit_response(form=form, answers=rows, unit_id=unit.pk if unit else None)
    if day is not None:
        Response.objects.filter(pk=pk).update(submitted_on=day)
    return pk
