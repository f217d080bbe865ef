"""Business rules of the surveys app: every write goes through a function here."""

from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ims.models import SchoolYear
from surveys import answering
from surveys.instruments import INSTRUMENTS
from surveys.models import (
    Answer,
    Campaign,
    CampaignResult,
    Question,
    Response,
    Section,
    Survey,
    Token,
    new_key,
)
from surveys.results import refresh_lock
from surveys.tasks import compute_campaign_results


class SurveyError(Exception):
    """A rule refused the change; the message is shown to the person."""


class TokenUsed(SurveyError):
    pass


class CampaignFull(SurveyError):
    pass


class CampaignNotOpen(SurveyError):
    pass


# --- questionnaires ---------------------------------------------------------------


@transaction.atomic
def create_survey(
    *, actor, title: str, group: str, instrument: str, introduction: str = ""
) -> Survey:
    """A new survey; from the Ministry's instrument when ``instrument`` names one."""
    survey = Survey.objects.create(
        title=title,
        group=group,
        instrument=instrument,
        introduction=introduction,
        created_by=actor,
    )
    Survey.objects.filter(pk=survey.pk).update(lineage=survey.pk)
    survey.lineage = survey.pk
    for s_order, (section_title, questions) in enumerate(INSTRUMENTS.get(instrument, []), 1):
        section = Section.objects.create(survey=survey, title=section_title, order=s_order)
        for q_order, (key, kind, dimension, text, *options) in enumerate(questions, 1):
            Question.objects.create(
                survey=survey,
                section=section,
                key=key,
                order=q_order,
                text=text,
                kind=kind,
                dimension=dimension,
                required=kind == Question.Kind.LIKERT,
                choices=options[0] if options else [],
            )
    return survey


@transaction.atomic
def update_survey(*, actor, survey: Survey) -> Survey:
    """Save a survey's title, group and introduction (its questions change elsewhere)."""
    survey.save(update_fields=["title", "group", "introduction"])
    answering.forget_survey(survey)
    return survey


def _refuse_if_locked(survey: Survey) -> None:
    if survey.is_locked:
        raise SurveyError(
            _("This survey has answers: its questions cannot change. Copy it to a new version.")
        )


@transaction.atomic
def add_section(*, actor, survey: Survey, title: str) -> Section:
    _refuse_if_locked(survey)
    last = survey.sections.aggregate(m=Max("order"))["m"] or 0
    section = Section.objects.create(survey=survey, title=title, order=last + 1)
    answering.forget_survey(survey)
    return section


@transaction.atomic
def save_question(*, actor, question: Question) -> Question:
    """Add or change a question of a survey nobody has answered yet."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _refuse_if_locked(survey)
    if question.kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        question.choices = []
    if question.kind != Question.Kind.LIKERT:
        question.dimension = ""
    if not question.key:
        question.key = f"q{survey.questions.count() + 1}"
        while survey.questions.filter(key=question.key).exists():
            question.key = f"{question.key}x"
    if question.pk is None:
        last = question.section.questions.aggregate(m=Max("order"))["m"] or 0
        question.order = last + 1
    question.save()
    answering.forget_survey(survey)
    return question


@transaction.atomic
def delete_question(*, actor, question: Question) -> None:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _refuse_if_locked(survey)
    question.delete()
    answering.forget_survey(survey)


@transaction.atomic
def copy_survey(*, actor, survey: Survey) -> Survey:
    """A new version with the same questions (and keys), free to change."""
    lineage = survey.lineage or survey.pk
    latest = Survey.objects.filter(lineage=lineage).aggregate(m=Max("version"))["m"] or 1
    copy = Survey.objects.create(
        title=survey.title,
        group=survey.group,
        instrument=survey.instrument,
        introduction=survey.introduction,
        lineage=lineage,
        version=latest + 1,
        copied_from=survey,
        created_by=actor,
    )
    for section in survey.sections.prefetch_related("questions"):
        new_section = Section.objects.create(survey=copy, title=section.title, order=section.order)
        Question.objects.bulk_create(
            Question(
                survey=copy,
                section=new_section,
                key=q.key,
                order=q.order,
                text=q.text,
                kind=q.kind,
                dimension=q.dimension,
                required=q.required,
                choices=q.choices,
            )
            for q in section.questions.all()
        )
    return copy


# --- campaigns --------------------------------------------------------------------


@transaction.atomic
def save_campaign(*, actor, campaign: Campaign, public_link: bool) -> Campaign:
    """Create or change a campaign; ``public_link`` opens or withdraws its public link."""
    if campaign.pk is None:
        campaign.created_by = actor
    if campaign.school_year_id is None:
        campaign.school_year = SchoolYear.objects.containing(campaign.opens_on)
    if public_link and not campaign.public_key:
        campaign.public_key = new_key()
    elif not public_link:
        campaign.public_key = None
    old_public_key = None
    if campaign.pk:
        old_public_key = Campaign.objects.filter(pk=campaign.pk).values_list(
            "public_key", flat=True
        )[0]
    campaign.save()
    answering.forget_campaign(campaign, old_public_key)
    return campaign


@transaction.atomic
def close_campaign(*, actor, campaign: Campaign) -> Campaign:
    Campaign.objects.filter(pk=campaign.pk, closed_at__isnull=True).update(closed_at=timezone.now())
    campaign.refresh_from_db()
    answering.forget_campaign(campaign)
    transaction.on_commit(lambda: request_results(campaign, force=True))
    return campaign


@transaction.atomic
def add_unit_tokens(*, actor, campaign: Campaign, units) -> int:
    """One link per unit; units that already have one are skipped."""
    have = set(campaign.tokens.filter(unit__isnull=False).values_list("unit_id", flat=True))
    new = [
        Token(campaign=campaign, unit=unit, name=unit.name, email=unit.email)
        for unit in units
        if unit.pk not in have
    ]
    Token.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def add_named_tokens(*, actor, campaign: Campaign, people: list[tuple[str, str]]) -> int:
    """One link per named respondent ``(name, email)``; known e-mails are skipped."""
    have = {e.lower() for e in campaign.tokens.exclude(email="").values_list("email", flat=True)}
    new = []
    for name, email in people:
        if email and email.lower() in have:
            continue
        have.add(email.lower())
        new.append(Token(campaign=campaign, name=name, email=email))
    Token.objects.bulk_create(new)
    return len(new)


# --- answering (the hot path) -----------------------------------------------------


def submit_response(
    *, form: dict, answers: list[tuple[int, int | None, str]], token_id=None, unit_id=None
) -> int:
    """Store one submission and return the id of its response.

    ``form`` is the compiled form of the campaign (``surveys.answering``);
    ``answers`` are ``(question_id, value, text)``. A token is spent in the same
    transaction (a conditional UPDATE), so a used token can never answer twice.
    Anonymous submissions keep only the day.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    campaign_id = form["campaign_id"]
    if token_id is None and connection.vendor == "postgresql":
        return _insert_public_response(campaign_id, today, unit_id, answers)
    anonymous = form["anonymous"] or token_id is None
    with transaction.atomic():
        if token_id is not None:
            used_at = timezone.make_aware(datetime.combine(today, time.min)) if anonymous else now
            spent = Token.objects.filter(pk=token_id, used_at__isnull=True).update(used_at=used_at)
            if not spent:
                raise TokenUsed(_("This link has already been used to answer."))
        response = Response.objects.create(
            campaign_id=campaign_id,
            channel=Response.Channel.PUBLIC if token_id is None else Response.Channel.TOKEN,
            submitted_on=today,
            submitted_at=None if anonymous else now,
            token_id=None if anonymous else token_id,
            unit_id=unit_id,
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    response_id=response.pk,
                    campaign_id=campaign_id,
                    question_id=qid,
                    value=value,
                    text=text,
                )
                for qid, value, text in answers
            ]
        )
    return response.pk


_PUBLIC_INSERT = """
WITH response AS (
    INSERT INTO {response} (campaign_id, channel, submitted_on, submitted_at, token_id, unit_id)
    VALUES (%s, 'public', %s, NULL, NULL, %s)
    RETURNING id
), answers AS (
    INSERT INTO {answer} (response_id, campaign_id, question_id, value, text)
    SELECT response.id, %s, a.question_id, a.value, a.text
    FROM response, unnest(%s::bigint[], %s::smallint[], %s::text[]) AS a(question_id, value, text)
)
SELECT id FROM response
"""


def _insert_public_response(campaign_id, day, unit_id, answers) -> int:
    """An anonymous public response and its answers in one statement (PostgreSQL).

    The public link is the path under load: one round trip, atomic on its own
    (a statement is its own transaction), and no model instances to build.
    """
    sql = _PUBLIC_INSERT.format(
        response=connection.ops.quote_name(Response._meta.db_table),
        answer=connection.ops.quote_name(Answer._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                campaign_id,
                day,
                unit_id,
                campaign_id,
                [a[0] for a in answers],
                [a[1] for a in answers],
                [a[2] for a in answers],
            ],
        )
        return cursor.fetchone()[0]


# --- results ----------------------------------------------------------------------

RESULTS_MAX_AGE = timedelta(seconds=60)


def request_results(campaign: Campaign, *, force: bool = False) -> bool:
    """Queue a refresh of the stored figures when they are missing or stale.

    At most one refresh per campaign is queued per minute (a cache lock), so a
    results page open in many browsers does not flood the worker.
    """
    if not force:
        result = CampaignResult.objects.filter(campaign=campaign).only("computed_at").first()
        fresh = result and (
            timezone.now() - result.computed_at < RESULTS_MAX_AGE
            or (campaign.has_ended and result.computed_at > _ended_at(campaign))
        )
        if fresh:
            return False
    # One refresh per campaign at a time: the lock is dropped when it has run (or
    # expires, should a worker die), so many open results pages queue one task.
    if not cache.add(refresh_lock(campaign.pk), 1, REFRESH_LOCK_SECONDS) and not force:
        return False
    compute_campaign_results.delay(campaign.pk)
    return True


REFRESH_LOCK_SECONDS = 600


def _ended_at(campaign: Campaign):
    if campaign.closed_at:
        return campaign.closed_at
    end_day = campaign.closes_on + timedelta(days=1)
    return timezone.make_aware(datetime.combine(end_day, time.min))
