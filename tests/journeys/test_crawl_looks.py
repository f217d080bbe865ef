"""Every persona, in Chromium, on every page their menus lead to and the pages those
link to (one page of each kind, as the server crawl in ``test_crawl`` walks them):
each page checked by ``looks`` at 1366×800 and at 390×844 — axe-core finds no
critical or serious violation at either size, and at 390 px the page does not scroll
sideways (a wide table scrolls inside its own box). One browser page per persona,
reused from page to page."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.journeys.conftest import LAPTOP
from tests.journeys.test_crawl import PERSONAS, internal

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LINKS = "els => els.map(e => e.getAttribute('href'))"
# Swagger UI's own page (vendored by drf-spectacular, for programmers): its
# contrast and nested controls are the library's, not ours to restyle.
VENDORED = ("/api/docs/",)
FILES = re.compile(r"([?&](export|format)=|/(docx|xlsx|pdf|csv|zip)/?$)")  # downloads


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_a_persona_reaches_is_accessible_and_fits_a_phone(
    page_for, live_server, looks, world, persona, request
):
    page = page_for(request.getfixturevalue(persona), viewport=LAPTOP)
    queue, seen, shapes, looked = [("/", 0)], {"/"}, set(), []
    while queue:
        url, depth = queue.pop(0)
        try:
            response = page.goto(live_server.url + url)
        except PlaywrightError as error:  # a file the crawl could not tell from its link
            if "Download is starting" in str(error):
                continue
            raise
        if (
            response is None
            or response.status != 200
            or "text/html" not in (response.headers.get("content-type", ""))
        ):
            continue
        looks(page, f"{persona} {url}")
        looked.append(url)
        if depth < 2:
            for href in page.eval_on_selector_all("a[href]", LINKS):
                link = internal(href, url)
                shape = re.sub(r"\d+", "N", link or "")
                if (
                    link
                    and not FILES.search(link)
                    and link not in VENDORED
                    and link not in seen
                    and shape not in shapes
                ):
                    seen.add(link)
                    shapes.add(shape)
                    queue.append((link, depth + 1))
    assert len(looked) >= 5, looked  # the crawl reached the persona's pages
