"""The words the Word reader recognises (``vocabulary.yaml``), and the small rules
that read them: who a sign-off cell names, what a label says, a date as written.

The lists are data: a new way of titling a section or a column is a reviewed change
of the YAML file, not of the reader.
"""

import re
from datetime import date
from pathlib import Path

import yaml

from documents.register.search import fold

_raw = yaml.safe_load(Path(__file__).with_name("vocabulary.yaml").read_text(encoding="utf-8"))

# (part, its titles) in the order they are tried
TITLE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (part, tuple(words)) for part, words in _raw["titles"].items()
]
CHANGE_TITLES: tuple[str, ...] = tuple(_raw["change_table_titles"])
# (header word, the column's role) in the order they are tried
STEP_WORDS: list[tuple[str, str]] = list(_raw["step_columns"].items())
RECORD_WORDS: list[tuple[str, str]] = list(_raw["record_columns"].items())
CHANGE_WORDS: list[tuple[str, str]] = list(_raw["change_columns"].items())
SIGNOFF_ROLES = [(role, tuple(words)) for role, words in _raw["signoff_roles"].items()]
SIGNOFF_LABELS = [(label, tuple(words)) for label, words in _raw["signoff_labels"].items()]

NUMBER = re.compile(r"^\s*((?:[ivxlc]+|\d+)(?:\.\d+)*)\s*[.):/-]?\s+", re.I)
TOP_NUMBER = re.compile(r"^\s*(?:[ivxlc]+|\d+)\s*[.):/-]?\s+", re.I)
DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")


def role_of(text: str) -> str:
    folded = fold(text)
    for role, words in SIGNOFF_ROLES:
        if any(w in folded for w in words):
            return role
    return ""


def label_of(text: str) -> str:
    folded = fold(text).strip(" :")
    for label, words in SIGNOFF_LABELS:
        if any(folded.startswith(w) for w in words):
            return label
    return ""


def inline_labels(grid) -> set[str]:
    """Labels written inside the cells ("Họ tên: …") of a sign-off table."""
    found = set()
    for row in grid:
        for cell in row:
            for line in cell.text.split("\n"):
                if ":" in line:
                    found.add(label_of(line.split(":", 1)[0]))
    return found


def parse_date(text: str) -> date | None:
    match = DATE.search(text or "")
    if not match:
        return None
    day, month, year = (int(x) for x in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
