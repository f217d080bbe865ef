"""Every persona, every page reachable from their menus — the pages the menu
links to and the pages those link to — answers without a server error, with its
query values as they are and again with junk in them; every date input on
those pages holds an ISO date (YYYY-MM-DD) or nothing, the only value a browser
shows and submits. A crawl with the test client, not a browser journey."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Files and printed output: fetched elsewhere, slow to render, no links in them.
SKIP = re.compile(
    r"(\.pdf$|/pdf/|\.xlsx$|\.csv$|/export|/download|/logout|/i18n/|/admin/|/static/|/media/"
    r"|/evidence/|/surveys/[ap]/)"
)
JUNK = ["abc", "2025-13-45"]
PERSONAS = ["secretariat", "leadership", "head", "staff", "auditor", "external", "unit_contact"]


class PageParser(HTMLParser):
    """Links, GET-form field names and date inputs of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.filters, self.dates = [], set(), []
        self._get_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._get_form = (a.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and (a.get("type") or "").lower() == "date":
                self.dates.append((a.get("name"), a.get("value") or ""))
            if self._get_form and a.get("name"):
                self.filters.add(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._get_form = False


def parse(response) -> PageParser:
    parser = PageParser()
    if "text/html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode())
    return parser


def internal(href: str, base: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/"):
        return None
    url = urlunsplit(("", "", path, parts.query, ""))
    return None if SKIP.search(path) else url


def with_junk(url: str, names: set[str], junk: str) -> str:
    """The page's own query names and filter fields, and the usual ones, hold
    ``junk``; ``state`` holds a NUL byte."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    for name in {"year", "page", "status", "q", "department", *names}:
        query[name] = junk
    query["state"] = "\x00"
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_a_persona_reaches_answers_without_a_server_error(
    client, world, persona, request
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    client.raise_request_exception = False  # a 500 is recorded, and the crawl goes on
    home = client.get("/")
    assert home.status_code == 200
    menu = [u for u in (internal(h, "/") for h in parse(home).links) if u]
    seen, shapes, failures, bad_dates, queue = {"/"}, set(), [], [], []
    for url in menu:
        if url not in seen:
            seen.add(url)
            queue.append((url, 1))
    pages = {"/": parse(home)}
    while queue:
        url, depth = queue.pop(0)
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {url}")
            continue
        if response.status_code != 200:
            continue
        page = parse(response)
        pages[url] = page
        if depth < 2:
            for href in page.links:
                link = internal(href, url)
                # one page of each kind: /audits/actions/7/ stands for every action
                shape = re.sub(r"\d+", "N", link or "")
                if link and link not in seen and shape not in shapes:
                    seen.add(link)
                    shapes.add(shape)
                    queue.append((link, depth + 1))

    for url, page in pages.items():
        bad_dates += [f"{url} {name}={value!r}" for name, value in page.dates
                      if value and not ISO_DATE.match(value)]  # fmt: skip
        for junk in JUNK:
            target = with_junk(url, page.filters, junk)
            # a page with filters answers htmx's requests with a fragment: junk there too
            variants = ({}, {"HTTP_HX_REQUEST": "true"}) if page.filters else ({},)
            for headers in variants:
                response = client.get(target, **headers)
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} {target} {headers or ''}")
                elif response.status_code == 200 and not headers:
                    dates = parse(response).dates
                    bad_dates += [f"{target} {name}={value!r}" for name, value in dates
                                  if value and not ISO_DATE.match(value)]  # fmt: skip

    assert len(pages) >= 5, sorted(pages)  # the crawl reached the persona's pages
    assert failures == [], "\n".join(failures)
    assert bad_dates == [], "\n".join(bad_dates)
