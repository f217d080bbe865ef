"""The answer page's fast path: the compiled form, its validation, and abuse limits.

A campaign's questionnaire is compiled once into a plain dict and kept in the
cache (Redis in production), so that showing or accepting an answer needs no
query for the survey's structure. Services that change a campaign or a survey
drop the compiled form (``forget_campaign`` / ``forget_survey``).
"""

import ipaddress
import weakref

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone
from django.utils.translation import gettext as _

from ims.middleware import client_ip
from ims.models import Unit

FORM_TTL = 600
TEXT_MAX = 2000
LIKERT_VALUES = ("1", "2", "3", "4", "5")


def _form_key(campaign_id) -> str:
    return f"surveys:form:c:{campaign_id}"


def _public_key(public_key) -> str:
    return f"surveys:form:p:{public_key}"


def compile_form(campaign) -> dict:
    """The campaign's questionnaire as a plain, picklable dict."""
    survey = campaign.survey
    sections = []
    by_section = {}
    questions = survey.questions.select_related("section").order_by(
        "section__order", "section_id", "order", "pk"
    )
    for q in questions:
        if q.section_id not in by_section:
            by_section[q.section_id] = {"title": q.section.title, "questions": []}
            sections.append(by_section[q.section_id])
        by_section[q.section_id]["questions"].append(
            {
                "id": q.pk,
                "name": f"q{q.pk}",
                "kind": q.kind,
                "text": q.text,
                "required": q.required,
                "choices": list(enumerate(q.choices)) if q.choices else [],
            }
        )
    return {
        "campaign_id": campaign.pk,
        "title": campaign.title,
        "survey_title": survey.title,
        "introduction": survey.introduction,
        "anonymous": campaign.anonymous,
        "cap": campaign.cap,
        "opens_on": campaign.opens_on,
        "closes_on": campaign.closes_on,
        "closed": campaign.closed_at is not None,
        "public_key": campaign.public_key,
        "ask_unit": campaign.ask_unit,
        "units": Unit.objects.active_choices() if campaign.ask_unit else [],
        "sections": sections,
        "questions": [q for s in sections for q in s["questions"]],
    }


def form_for_campaign(campaign_id) -> dict | None:
    from surveys.models import Campaign

    form = cache.get(_form_key(campaign_id))
    if form is None:
        campaign = Campaign.objects.select_related("survey").filter(pk=campaign_id).first()
        if campaign is None:
            return None
        form = compile_form(campaign)
        cache.set(_form_key(campaign_id), form, FORM_TTL)
    return form


def form_for_public_key(public_key: str) -> dict | None:
    from surveys.models import Campaign

    form = cache.get(_public_key(public_key))
    if form is None:
        campaign = Campaign.objects.select_related("survey").filter(public_key=public_key).first()
        if campaign is None:
            return None
        form = compile_form(campaign)
        cache.set(_public_key(public_key), form, FORM_TTL)
    return form


def page_key(public_key: str, language: str) -> str:
    """The cached empty answer page of a public link (see ``views._blank_public_page``)."""
    return f"surveys:page:{public_key}:{language}"


def forget_campaign(campaign, old_public_key: str | None = None) -> None:
    keys = [_form_key(campaign.pk)]
    for key in {campaign.public_key, old_public_key} - {None}:
        keys.append(_public_key(key))
        keys += [page_key(key, code) for code, _name in settings.LANGUAGES]
    cache.delete_many(keys)


def forget_survey(survey) -> None:
    for campaign in survey.campaigns.all():
        forget_campaign(campaign)


def is_open(form: dict, day=None) -> bool:
    day = day or timezone.localdate()
    return not form["closed"] and form["opens_on"] <= day <= form["closes_on"]


def parse_answers(form: dict, data) -> tuple[list[tuple[int, int | None, str]], dict, dict]:
    """Validate a submission against the compiled form.

    Returns ``(answers, values, errors)``: the rows to store, what was typed (to
    show the form again) and the error message per question name.
    """
    answers, values, errors = [], {}, {}
    for q in form["questions"]:
        name, kind = q["name"], q["kind"]
        if kind == "multiple":
            raw = [v for v in data.getlist(name) if v != ""]
            values[name] = raw
            picked = sorted({int(v) for v in raw if v.isdigit() and int(v) < len(q["choices"])})
            if len(picked) != len(set(raw)):
                errors[name] = _("Choose among the options shown.")
            elif not picked and q["required"]:
                errors[name] = _("Please answer this question.")
            answers += [(q["id"], v, "") for v in picked]
            continue
        raw = data.get(name, "").strip()
        values[name] = raw
        if raw == "":
            if q["required"]:
                errors[name] = _("Please answer this question.")
            continue
        if kind == "likert":
            if raw not in LIKERT_VALUES:
                errors[name] = _("Choose a level from 1 to 5.")
            else:
                answers.append((q["id"], int(raw), ""))
        elif kind == "single":
            if not raw.isdigit() or int(raw) >= len(q["choices"]):
                errors[name] = _("Choose among the options shown.")
            else:
                answers.append((q["id"], int(raw), ""))
        else:
            if len(raw) > TEXT_MAX:
                errors[name] = _("Please keep this under %(n)s characters.") % {"n": TEXT_MAX}
            else:
                answers.append((q["id"], None, raw))
    return answers, values, errors


def parse_unit(form: dict, data) -> tuple[int | None, str | None]:
    raw = data.get("unit", "")
    if not form["ask_unit"] or raw == "":
        return None, None
    if raw.isdigit() and int(raw) in {pk for pk, _name in form["units"]}:
        return int(raw), None
    return None, _("Choose a school or unit from the list.")


# --- abuse limits on the public link -------------------------------------------


def client_address(request) -> str:
    """The answering address, as sign-in throttling sees it (``ims.middleware.client_ip``:
    REMOTE_ADDR, or behind a proxy the address it reports).

    An IPv6 address counts by its /64 network: one subscriber holds a whole /64
    and could otherwise change address for every answer.
    """
    address = client_ip(request)
    if ":" in address:
        try:
            return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
        except ValueError:
            return address
    return address


_REDIS_CLIENTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _redis_client(backend: RedisCache):
    """The backend's write client, made once: Django builds a new ``redis.Redis``
    (a dict of ~170 callbacks) for every operation, a third of the limits' cost.
    The client only wraps the backend's shared, thread-safe connection pool."""
    client = _REDIS_CLIENTS.get(backend)
    if client is None:
        client = _REDIS_CLIENTS[backend] = backend._cache.get_client(write=True)
    return client


def _count(key: str, *, ttl: int | None = None, start=None) -> int:
    """Add one to the counter ``key`` and return it.

    On Redis this is one round trip (a pipeline of SET NX with the expiry, then
    INCR). A counter created without ``ttl`` starts from ``start()`` when given.
    """
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        full = backend.make_and_validate_key(key)
        client = _redis_client(backend)
        pipe = client.pipeline(transaction=False)
        if ttl:
            pipe.set(full, 0, ex=ttl, nx=True)
        pipe.incr(full)
        count = pipe.execute()[-1]
        if count == 1 and start is not None:
            count = client.incrby(full, start())
        return count
    try:
        return backend.incr(key)
    except ValueError:
        backend.add(key, start() if start else 0, ttl)
        return backend.incr(key)


def allow_address(address: str) -> bool:
    """Count one submission from ``address``; False beyond SURVEYS_RATE_LIMIT per
    SURVEYS_RATE_WINDOW seconds (a fixed window)."""
    limit, window = settings.SURVEYS_RATE_LIMIT, settings.SURVEYS_RATE_WINDOW
    if limit <= 0:
        return True
    bucket = int(timezone.now().timestamp()) // window
    return _count(f"surveys:rate:{address}:{bucket}", ttl=window + 1) <= limit


def reserve_place(form: dict) -> bool:
    """Take one place under the campaign's cap; False when it is full.

    The counter lives in the cache and starts from the stored count, so that the
    cap costs one cache operation per answer instead of a COUNT query.
    """
    cap = form["cap"]
    if cap is None:
        return True
    campaign_id = form["campaign_id"]

    def stored():
        from surveys.models import Response

        return Response.objects.filter(campaign_id=campaign_id).count()

    key = f"surveys:count:{campaign_id}"
    if _count(key, start=stored) > cap:
        cache.decr(key)
        return False
    return True


def release_place(form: dict) -> None:
    if form["cap"] is not None:
        try:
            cache.decr(f"surveys:count:{form['campaign_id']}")
        except ValueError:
            pass
