"""Answering a survey: the public pages, without login. A campaign's public link
(``/surveys/p/<key>/``, the same page for everybody, served from the cache with the
CSRF token filled in per request) and a one-time link (``/surveys/a/<key>/``); both
refuse what is not open with a page that says why."""

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from surveys import answering, services
from surveys.models import Token

CSRF_PLACEHOLDER = "__ims_csrf_token__"


def _blank_public_page(request, form):
    """The empty answer page of a public link, rendered once per language and kept
    in the cache beside the compiled form; only the CSRF token is put in per request."""
    key = answering.page_key(form["public_key"], get_language())
    html = cache.get(key)
    if html is None:
        html = _render_answer_page(form, csrf_token=CSRF_PLACEHOLDER, path=request.path)
        cache.set(key, html, answering.FORM_TTL)
    # A school's poster links here with its unit (?unit=): chosen in advance, still changeable.
    unit = request.GET.get("unit", "")
    if (
        form["ask_unit"]
        and unit.isascii()
        and unit.isdigit()
        and int(unit) in {pk for pk, _name in form["units"]}
    ):
        html = html.replace(
            f'<option value="{int(unit)}">', f'<option value="{int(unit)}" selected>', 1
        )
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def _answer_page(request, form, *, values=None, errors=None, unit_error=None, status=200):
    """The answer page, rendered without context processors: it needs no query."""
    html = _render_answer_page(
        form,
        values=values,
        errors=errors,
        unit_error=unit_error,
        csrf_token=get_token(request),
        path=request.path,
    )
    return HttpResponse(html, status=status)


def _render_answer_page(form, *, csrf_token, path, values=None, errors=None, unit_error=None):
    values = values or {}
    errors = errors or {}
    sections = [
        {
            "title": s["title"],
            "questions": [
                {
                    **q,
                    "value": values.get(q["name"], [] if q["kind"] == "multiple" else ""),
                    "error": errors.get(q["name"]),
                }
                for q in s["questions"]
            ],
        }
        for s in form["sections"]
    ]
    # After a refused answer the page opens on the first question to look at: the browser
    # scrolls to and focuses the element marked autofocus (no script on this page).
    if unit_error:
        first_invalid = "unit"
    else:
        first_invalid = next(
            (q["name"] for s in sections for q in s["questions"] if q["error"]), ""
        )
    context = {
        "form": form,
        "sections": sections,
        "first_invalid": first_invalid,
        "errors": errors,
        "error_count": len(errors) + (1 if unit_error else 0),
        "unit_value": values.get("unit", ""),
        "unit_error": unit_error,
        "csrf_token": csrf_token,
        "path": path,
        "scale": SCALE,
    }
    return render_to_string("surveys/answer.html", context)


def _message_page(request, title, message, status=200):
    html = render_to_string(
        "surveys/answer_message.html",
        {
            "title": title,
            "message": message,
            "csrf_token": get_token(request),
            "path": request.path,
        },
    )
    return HttpResponse(html, status=status)


SCALE = [
    ("1", gettext_lazy("Very dissatisfied")),
    ("2", gettext_lazy("Dissatisfied")),
    ("3", gettext_lazy("Neutral")),
    ("4", gettext_lazy("Satisfied")),
    ("5", gettext_lazy("Very satisfied")),
]


def _not_open(request, form):
    if form["opens_on"] > timezone.localdate():
        message = _("This survey opens on %(day)s.") % {
            "day": form["opens_on"].strftime("%d/%m/%Y")
        }
    else:
        message = _("This survey is closed. Thank you for your interest.")
    return _message_page(request, form["title"], message, status=410)


def answer_public(request, key):
    form = answering.form_for_public_key(key)
    if form is None:
        raise Http404
    if not answering.is_open(form):
        return _not_open(request, form)
    if request.method != "POST":
        return _blank_public_page(request, form)
    # A field hidden from people: only robots fill it. They are thanked and ignored.
    if request.POST.get("website"):
        return HttpResponseRedirect(reverse("surveys:thanks"))
    answers, values, errors = answering.parse_answers(form, request.POST)
    unit_id, unit_error = answering.parse_unit(form, request.POST)
    values["unit"] = request.POST.get("unit", "")
    if errors or unit_error:
        return _answer_page(request, form, values=values, errors=errors, unit_error=unit_error)
    # Only answers that would be stored count: a person correcting a missed question
    # is not held back.
    if not answering.allow_address(answering.client_address(request)):
        return _message_page(
            request,
            form["title"],
            _("Too many answers from your network in a short time. Please try again later."),
            status=429,
        )
    if not answering.reserve_place(form):
        return _message_page(
            request,
            form["title"],
            _("This survey has received all the answers it needs. Thank you."),
            status=410,
        )
    try:
        services.submit_response(form=form, answers=answers, unit_id=unit_id)
    except Exception:
        answering.release_place(form)
        raise
    return HttpResponseRedirect(reverse("surveys:thanks"))


def answer_token(request, key):
    token = Token.objects.filter(key=key).values("pk", "campaign_id", "used_at", "unit_id").first()
    if token is None:
        raise Http404
    form = answering.form_for_campaign(token["campaign_id"])
    if token["used_at"]:
        return _message_page(
            request,
            form["title"],
            _("This link has already been used to answer. Each link answers once. Thank you."),
            status=409 if request.method == "POST" else 200,
        )
    if not answering.is_open(form):
        return _not_open(request, form)
    if request.method != "POST":
        return _answer_page(request, form)
    answers, values, errors = answering.parse_answers(form, request.POST)
    if errors:
        return _answer_page(request, form, values=values, errors=errors)
    unit_id = None if form["anonymous"] else token["unit_id"]
    try:
        services.submit_response(form=form, answers=answers, token_id=token["pk"], unit_id=unit_id)
    except services.TokenUsed as exc:
        return _message_page(request, form["title"], str(exc), status=409)
    return HttpResponseRedirect(reverse("surveys:thanks"))


def thanks(request):
    return _message_page(
        request, _("Thank you"), _("Your answers have been recorded. Thank you for your time.")
    )
