from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_the_interface_is_vietnamese_by_default_even_for_an_english_browser(client_for, staff):
    response = client_for(staff).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="vi"' in page
    assert "Trang chủ" in page and "Đổi mật khẩu" in page


def test_the_switcher_turns_the_interface_to_english_and_back(client_for, staff):
    client = client_for(staff)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="en"' in page
    assert "Change password" in page and "Home" in page
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("home")})
    assert "Đổi mật khẩu" in client.get(reverse("home")).content.decode()


def test_dates_are_shown_day_month_year_in_both_languages():
    from datetime import date

    from django.utils import formats, translation

    for language in ("vi", "en"):
        with translation.override(language):
            assert formats.date_format(date(2026, 1, 18)) == "18/01/2026"
            assert formats.date_format(date(2026, 1, 18), "SHORT_DATE_FORMAT") == "18/01/2026"


def test_every_vietnamese_translation_is_complete():
    import re

    problems = []
    for po in ROOT.glob("**/locale/vi/LC_MESSAGES/django.po"):
        if ".venv" in po.parts:
            continue
        text = po.read_text()
        for block in text.split("\n\n")[1:]:
            if "#, fuzzy" in block:
                problems.append(f"{po.relative_to(ROOT)}: fuzzy: {block[:80]!r}")
            msgstrs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
            for value in msgstrs:
                if value.strip() == '""':
                    problems.append(f"{po.relative_to(ROOT)}: untranslated: {block[:80]!r}")
    assert problems == []


def test_every_string_marked_for_translation_is_in_its_vietnamese_catalogue(tmp_path, monkeypatch):
    """makemessages run on a copy finds nothing the committed catalogues lack."""
    import shutil

    import polib
    from django.core.management import call_command

    missing = []
    for po_path in sorted(ROOT.glob("**/locale/vi/LC_MESSAGES/django.po")):
        if ".venv" in po_path.parts:
            continue
        source = po_path.parents[3]  # the app folder, or the project for templates/
        copy = tmp_path / (source.name if source != ROOT else "project")
        if source == ROOT:
            shutil.copytree(ROOT / "templates", copy / "templates")
            shutil.copytree(ROOT / "locale", copy / "locale")
        else:
            skip = shutil.ignore_patterns("static", "migrations", "__pycache__", "*.mo")
            shutil.copytree(source, copy, ignore=skip)
        monkeypatch.chdir(copy)
        call_command("makemessages", locale=["vi"], verbosity=0)
        # the plural form too: a text whose plural changed needs its translation again
        known = {
            (e.msgctxt, e.msgid, e.msgid_plural)
            for e in polib.pofile(str(po_path))
            if not e.obsolete
        }
        for entry in polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po")):
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            if not entry.obsolete and key not in known:
                missing.append(f"{po_path.relative_to(ROOT)}: {entry.msgid!r}")
    assert missing == [], "run makemessages and translate: " + "; ".join(missing)


def test_each_apps_vietnamese_is_the_one_shown():
    """Django merges every app's catalogue into one, the first app in INSTALLED_APPS
    winning: an English text two apps translate differently shows one app's words in
    the other's pages. Words with another meaning carry a context (``pgettext``:
    "title" of a document, of a training, of a survey); the same meaning has one
    translation everywhere."""
    import polib
    from django.utils import translation
    from django.utils.translation import gettext, pgettext

    shadowed = []
    with translation.override("vi"):
        for po_path in sorted(ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")):
            for entry in polib.pofile(str(po_path)):
                if entry.obsolete or entry.msgid_plural or not entry.msgstr:
                    continue
                shown = (
                    pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else gettext(entry.msgid)
                )
                if shown != entry.msgstr:
                    shadowed.append(
                        f"{po_path.relative_to(ROOT)}: {entry.msgid!r} is {entry.msgstr!r} "
                        f"there but shows as {shown!r}"
                    )
    assert shadowed == []
