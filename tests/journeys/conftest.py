"""What every journey shares: the screen sizes, and a look at each page a persona
passes — at a laptop's and at a phone's size, axe-core's accessibility rules (no
critical or serious violation) and, on the phone, no sideways scroll; with
``IMS_JOURNEY_SCREENS=1``, screenshots at both sizes.

axe-core comes from the ``axe-playwright-python`` package (it ships axe.min.js):
nothing is fetched while the tests run."""

import json
import os
import re
from pathlib import Path

import pytest

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
GRAVE = ("critical", "serious")
ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "var" / "screens" / "journeys"
AXE_REPORTS = ROOT / "var" / "axe"
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# The page's width, and the outermost elements reaching past the screen's right edge
# that are not inside a box scrolling on its own (the explicit table scroller).
WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.scrollWidth, edge = window.innerWidth + 1;
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.getBoundingClientRect().right <= edge) continue;
    let box = el.parentElement, inside = false;
    for (; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) { inside = true; break; }
      if (box.getBoundingClientRect().right > edge) { inside = true; break; }
    }
    const classes = typeof el.className === "string" ? el.className.trim() : "";
    if (!inside) culprits.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (classes ? "." + classes.split(/\\s+/).join(".") : ""));
    if (culprits.length >= 5) break;
  }
  return {width, culprits};
}"""


class Looks:
    """``looks(page, "name")``: the page as it stands, at both sizes: axe-core's rules
    at 1366×800 and at 390×844 (no critical or serious violation), and at 390 px no
    sideways scroll (a wide table may scroll inside its own box, not the page). What
    is found is collected and the test fails at its end with all of it, so one run
    shows every page's count. The page is left at the size it had."""

    def __init__(self, test_name: str):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.test_name = test_name
        self.pages: dict[str, dict] = {}
        self.screens = os.environ.get("IMS_JOURNEY_SCREENS") == "1"

    def __call__(self, page, name: str) -> None:
        page.wait_for_load_state()
        size = page.viewport_size
        # the size the page is at first: one resize fewer
        sizes = [("phone", PHONE), ("laptop", LAPTOP)]
        if size != PHONE:
            sizes.reverse()
        for label, viewport in sizes:
            if page.viewport_size != viewport:
                page.set_viewport_size(viewport)
                page.evaluate(NEXT_FRAMES)  # the page's own resize handlers have run
            self.check(page, f"{name} @ {label}", sideways=label == "phone")
        if page.viewport_size != size:
            page.set_viewport_size(size)
            page.evaluate(NEXT_FRAMES)
        if self.screens:
            self.screenshot(page, name)

    def check(self, page, name: str, *, sideways: bool) -> None:
        page.evaluate(NEXT_FRAMES)  # what the page does once per frame has been done
        results = self.axe.run(page)
        grave = [v for v in results.response["violations"] if v["impact"] in GRAVE]
        details = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [n["target"] for n in v["nodes"][:5]],
            }
            for v in grave
        ]
        counts = {v["id"]: len(v["nodes"]) for v in grave}
        if sideways:
            wide = page.evaluate(WIDER_THAN_THE_SCREEN)
            if wide["width"] > PHONE["width"] + 1:
                counts["sideways-scroll"] = 1
                details.append(
                    {
                        "id": "sideways-scroll",
                        "impact": "serious",
                        "help": f"the page is {wide['width']} px wide at {PHONE['width']} px",
                        "targets": wide["culprits"],
                    }
                )
        self.pages[name] = {"url": page.url, "violations": counts, "details": details}

    def screenshot(self, page, name: str) -> None:
        SCREENS.mkdir(parents=True, exist_ok=True)
        size = page.viewport_size
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower())
        for label, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.wait_for_timeout(300)  # charts redraw at the new size
            # caret="initial": hiding the caret injects a style the CSP refuses
            page.screenshot(
                path=str(SCREENS / f"{slug}-{label}.png"), full_page=True, caret="initial"
            )
        page.set_viewport_size(size)

    def fits_a_phone(self, page) -> bool:
        """The page, at a phone's width, does not scroll sideways."""
        size = page.viewport_size
        page.set_viewport_size(PHONE)
        page.evaluate(NEXT_FRAMES)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(size)
        return width <= PHONE["width"] + 1

    def grave_count(self) -> int:
        return sum(sum(p["violations"].values()) for p in self.pages.values())

    def report(self) -> str:
        lines = []
        for name, page in self.pages.items():
            for v in page["details"]:
                lines.append(f"{name} ({page['url']}): {v['impact']} {v['id']} – {v['help']}")
                lines.append(f"    {v['targets']}")
        return "\n".join(lines)


@pytest.fixture
def looks(request):
    checker = Looks(request.node.name)
    yield checker
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    (AXE_REPORTS / f"{request.node.name}.json").write_text(
        json.dumps(checker.pages, ensure_ascii=False, indent=1)
    )
    if checker.grave_count() and request.node.rep_call_passed():
        pytest.fail(f"axe-core: critical or serious violations\n{checker.report()}", pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call_passed = lambda: report.passed
    return report


@pytest.fixture
def console_errors():
    """``watch(page)`` collects the page's console errors and uncaught exceptions
    (a script the Content-Security-Policy refused shows here)."""
    errors = []

    def watch(page):
        page.on(
            "console",
            lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
        return page

    watch.errors = errors
    return watch


# Set-up data of the apps' own tests, shared with the journeys.
from tests.audits.conftest import audit, audit_round, lead_auditor, programme, today  # noqa: E402,F401
from tests.journeys.world import world  # noqa: E402,F401
from tests.objectives.conftest import cascade, year  # noqa: E402,F401
