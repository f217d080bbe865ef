"""Extension points through which the working apps plug into the core.

Each app tells the core about itself in one place, ``<app>/hooks.py``, found
automatically when the apps are ready (:func:`load_hooks`, the way wagtail finds
``wagtail_hooks.py``): the core never names an app. A hooks module registers,
at import time:

* navigation entries (``register_nav``), shown to the roles named;
* inbox sources (``register_inbox_source``): a callable ``(user, today) -> list[InboxItem]``
  giving the things waiting for the person ("Việc của tôi", the home page's inbox,
  and the counts on the menu entries), each with a constant number of queries;
* home-page panels (``register_home_panel``): a callable ``(request) -> HomePanel | None``
  for what is not a task list (e.g. the background-work warning);
* leadership-dashboard panels (``register_dashboard_panel``): the same kind of callable,
  rendered under the objectives' dashboard (e.g. the risks' heat map), so that the
  dashboard names no other app;
* public URL names reachable without a login (``register_public_url``) and pages
  that take a POST only to read (``register_reading_post``);
* indicator sources (``register_indicator_source``): figures computed from the
  system's own data that an objective's indicator may take (e.g. the share of
  documents reviewed on time);
* management-review inputs (``register_review_input``): what each app brings to
  the management review (ISO 9001 9.3.2), collected for a period and frozen
  into the review record;
* role permissions (``ims.roles.register_role_grants``);
* beat entries (``register_beat_entry``), merged into ``CELERY_BEAT_SCHEDULE``;
* clause evidence (``register_clause_evidence``): a register that gives evidence for
  clauses of the standards (the risk register for 6.1), linked from the audit
  checklist items of those clauses;
* demo loaders (``register_demo_loader``), run by ``load_demo`` in the order of
  ``INSTALLED_APPS`` (documents before the objectives and audits that refer to them).

Signal connections stay in the app's ``AppConfig.ready()``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils.module_loading import autodiscover_modules

_NAV: list["NavItem"] = []
_HOME_PANELS: list[Callable] = []
_PUBLIC_URLS: set[str] = {
    "login",
    "login_code",
    "admin_login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
}
_INDICATOR_SOURCES: dict[str, "IndicatorSource"] = {}
_REVIEW_INPUTS: dict[str, "ReviewInput"] = {}


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int = 100
    roles: frozenset[str] | None = None  # None: everybody signed in
    # "" for the menu bar; SYSTEM for a register of the management system, listed on
    # the "Hệ thống quản lý" page (one menu entry for all of them) with its description.
    section: str = ""
    description: str = ""

    def visible_to(self, user, user_roles: set[str]) -> bool:
        if self.roles is None:
            return True
        return user.is_superuser or bool(self.roles & user_roles)


@dataclass
class HomePanel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class IndicatorSource:
    """A figure computed from system data for a period.

    ``compute(start, end, department, parameter)`` returns a Decimal (a percentage
    for shares) or None when there is nothing to measure in the period.
    ``department`` narrows it to one department when not None; ``parameter`` is
    a free string the indicator stores (e.g. which survey), with its possible
    values listed by ``parameter_choices()`` when the source takes one.
    """

    key: str
    label: str
    unit: str
    compute: Callable[[date, date, object | None, str], Decimal | None]
    parameter_choices: Callable[[], list[tuple[str, str]]] | None = None


SYSTEM = "system"


def register_nav(item: NavItem) -> None:
    if item not in _NAV:
        _NAV.append(item)


def nav_items() -> list[NavItem]:
    return sorted(_NAV, key=lambda i: i.order)


def register_home_panel(provider: Callable) -> None:
    if provider not in _HOME_PANELS:
        _HOME_PANELS.append(provider)


def home_panels(request) -> list[HomePanel]:
    panels = [panel for provider in _HOME_PANELS if (panel := provider(request))]
    return sorted(panels, key=lambda p: p.order)


_DASHBOARD_PANELS: list[Callable] = []


def register_dashboard_panel(provider: Callable) -> None:
    """``provider(request) -> HomePanel | None``: a panel of the leadership dashboard,
    None for a person who may not see it."""
    if provider not in _DASHBOARD_PANELS:
        _DASHBOARD_PANELS.append(provider)


def dashboard_panels(request) -> list[HomePanel]:
    panels = [panel for provider in _DASHBOARD_PANELS if (panel := provider(request))]
    return sorted(panels, key=lambda p: p.order)


# Urgency of an inbox item: lower comes first (an overdue item comes before all).
URGENT = 10  # others wait for this person (a sign-off, a decision)
NORMAL = 50  # the person's own work to do
FYI = 90  # to know about (a decision on one's request, one's edition on its way)


@dataclass(frozen=True)
class InboxItem:
    """One thing waiting for a person, in their inbox.

    ``action`` says what to do (a verb: "to review", "to fill in"), ``label`` what it is
    about; ``url`` goes straight to the place to do it. ``nav`` is the url name of the
    menu entry whose count it adds to ("" for none)."""

    kind: str
    label: str
    action: str
    url: str
    due: date | None = None
    urgency: int = NORMAL
    nav: str = ""
    since: datetime | None = None  # when it arrived, if known (newest first)

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today

    def sort_key(self, today: date):
        since = self.since.timestamp() if self.since else 0.0
        return (not self.is_overdue(today), self.urgency, self.due or date.max, -since)


_INBOX_SOURCES: list[Callable] = []


def register_inbox_source(source: Callable) -> None:
    """``source(user, today) -> list[InboxItem]``: what of this app waits for ``user``."""
    if source not in _INBOX_SOURCES:
        _INBOX_SOURCES.append(source)


def inbox_sources() -> list[Callable]:
    return list(_INBOX_SOURCES)


def inbox_items(user, today: date) -> list[InboxItem]:
    """Everything waiting for ``user``: overdue first, then the most urgent, the
    soonest due, the newest; an item two sources give (same url and action) once."""
    if not user.is_authenticated:
        return []
    seen: set[tuple[str, str]] = set()
    items = []
    for source in _INBOX_SOURCES:
        for item in source(user, today):
            if (item.url, item.action) not in seen:
                seen.add((item.url, item.action))
                items.append(item)
    return sorted(items, key=lambda item: item.sort_key(today))


def register_public_url(name: str) -> None:
    _PUBLIC_URLS.add(name)


def public_url_names() -> set[str]:
    return _PUBLIC_URLS


_READING_POSTS: set[str] = set()


def register_reading_post(name: str) -> None:
    """A page that takes a POST only to read (checking an uploaded PDF's signature):
    people who write nothing may still use it."""
    _READING_POSTS.add(name)


def reading_post_url_names() -> set[str]:
    return _READING_POSTS


_OWN_ACCOUNT_URLS: set[str] = set()
_ACCOUNT_SECTIONS: list[Callable] = []


def register_own_account_url(name: str) -> None:
    """A page of the person's own account (their API tokens, say): people who write
    nothing still use it, as they change their own password."""
    _OWN_ACCOUNT_URLS.add(name)


def own_account_url_names() -> set[str]:
    return _OWN_ACCOUNT_URLS


def register_account_section(section: Callable) -> None:
    """A section of the person's own account page: a callable ``(request) -> HomePanel |
    None``, rendered under the two-step sign-in section in ``order``."""
    _ACCOUNT_SECTIONS.append(section)


def account_sections(request) -> list[HomePanel]:
    sections = [section(request) for section in _ACCOUNT_SECTIONS]
    return sorted((s for s in sections if s is not None), key=lambda s: s.order)


def register_indicator_source(source: IndicatorSource) -> None:
    _INDICATOR_SOURCES[source.key] = source


def indicator_sources() -> dict[str, IndicatorSource]:
    return dict(_INDICATOR_SOURCES)


@dataclass(frozen=True)
class ReviewInput:
    """One input to the management review, gathered from the system's own data.

    ``collect(start, end)`` returns a JSON-serialisable dict, stored as it is in
    the review so that the record never changes afterwards::

        {"summary": "12 of 15 objectives met",          # one or two sentences
         "columns": ["Objective", "Target", "Result"],   # may be empty
         "rows": [["MT-01", "95 %", "97 %"], ...]}       # strings and numbers only

    Texts are produced in the language active when the review is prepared.
    """

    key: str
    label: str
    clause: str  # e.g. "9.3.2 c) 2)"
    collect: Callable[[date, date], dict]
    order: int = 100


def register_review_input(review_input: ReviewInput) -> None:
    _REVIEW_INPUTS[review_input.key] = review_input


def review_inputs() -> list[ReviewInput]:
    return sorted(_REVIEW_INPUTS.values(), key=lambda r: (r.order, r.key))


@dataclass(frozen=True)
class ClauseEvidence:
    """A register that holds evidence for some clauses of the standards.

    ``clauses`` are clause numbers ("6.1", "7.5.3"); a clause's sub-clauses are
    covered too (6.1 covers 6.1.1 and 6.1.2), in either standard, since ISO 9001 and
    ISO 21001 share their numbering for these. ``url(department)`` is where an auditor
    reads the evidence, narrowed to ``department`` when it is not None (the audited
    department); it is called while rendering, so it must not query.
    """

    key: str
    label: str
    clauses: tuple[str, ...]
    url: Callable[[object | None], str]
    order: int = 100

    def covers(self, number: str) -> bool:
        return any(number == c or number.startswith(c + ".") for c in self.clauses)


_CLAUSE_EVIDENCE: dict[str, ClauseEvidence] = {}


def register_clause_evidence(evidence: ClauseEvidence) -> None:
    _CLAUSE_EVIDENCE[evidence.key] = evidence


def clause_evidence(number: str) -> list[ClauseEvidence]:
    """The registers holding evidence for clause ``number``, in their order."""
    found = [e for e in _CLAUSE_EVIDENCE.values() if e.covers(number)]
    return sorted(found, key=lambda e: (e.order, e.key))


_BEAT: dict[str, dict] = {}
_DEMO_LOADERS: list[Callable] = []


def register_beat_entry(name: str, entry: dict) -> None:
    """A periodic task: ``entry`` is a Celery beat entry (``task``, ``schedule``, …)."""
    _BEAT[name] = entry


def beat_entries() -> dict[str, dict]:
    return dict(_BEAT)


def register_demo_loader(loader: Callable) -> None:
    """``loader(stdout)`` loads the app's demo data; idempotent, run in one transaction."""
    if loader not in _DEMO_LOADERS:
        _DEMO_LOADERS.append(loader)


def demo_loaders() -> list[Callable]:
    return list(_DEMO_LOADERS)


def load_hooks() -> None:
    """Import every installed app's ``hooks`` module (once; called by ``ImsConfig.ready``).

    Apps register in ``INSTALLED_APPS`` order, which is the order of the demo loaders
    and of home panels of equal rank. Beat entries are merged into
    ``settings.CELERY_BEAT_SCHEDULE``, which beat and ``run_schedule`` read after
    Django is set up.
    """
    autodiscover_modules("hooks")
    settings.CELERY_BEAT_SCHEDULE.update(_BEAT)
