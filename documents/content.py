"""The content of an edition as one value, for display, preview and comparison.

An edition's content is its sections (or free body), its steps and its records.
It comes from a saved edition, from one saved state in its history (the
``snapshot`` keeps the steps and records of that save), or from the editor's
unsaved form (the live preview). The comparison works on the rendered text of
each section (what a reader sees, not the Markdown marks) and on the steps row
by row.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from documents.markup import render_markdown

SECTION_LABELS = {
    "purpose": _("1. Purpose"),
    "scope": _("2. Scope"),
    "references": _("3. References"),
    "terms": _("4. Terms and abbreviations"),
}
STEP_COLUMNS = [
    ("name", _("Step")),
    ("responsible", _("Responsible")),
    ("action", _("What is done")),
    ("time_limit", _("Time limit")),
    ("record", _("Form or record")),
]
RECORD_COLUMNS = [
    ("name", _("Record")),
    ("keeper", _("Keeper")),
    ("place", _("Place kept")),
    ("retention", _("Retention time")),
    ("medium", _("Form kept")),
]


@dataclass
class Content:
    has_sections: bool
    change_summary: str = ""
    sections: dict[str, str] = field(default_factory=dict)  # key -> Markdown
    body: str = ""
    steps: list[dict] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)

    def rendered(self) -> dict:
        """What the templates show: sanitised HTML of every section and step."""
        return {
            "has_sections": self.has_sections,
            "sections": [
                {"key": k, "label": SECTION_LABELS[k], "html": render_markdown(v)}
                for k, v in self.sections.items()
            ],
            "body_html": render_markdown(self.body),
            "steps": [
                {**s, "number": i, "action_html": render_markdown(s.get("action", ""))}
                for i, s in enumerate(self.steps, start=1)
            ],
            "records": self.records,
            "step_columns": STEP_COLUMNS,
            "record_columns": RECORD_COLUMNS,
        }


def _rows(items, columns) -> list[dict]:
    return [{key: getattr(item, key, "") or "" for key, _label in columns} for item in items]


def content_of_revision(revision) -> Content:
    document = revision.document
    return Content(
        has_sections=document.has_sections,
        change_summary=revision.change_summary,
        sections={k: getattr(revision, k) for k in SECTION_LABELS},
        body=revision.body,
        steps=_rows(revision.steps.all(), STEP_COLUMNS),
        records=_rows(revision.records.all(), RECORD_COLUMNS),
    )


def content_of_history(historical, document) -> Content:
    """One saved state of an edition, from its simple-history row."""
    snapshot = historical.snapshot or {}
    return Content(
        has_sections=document.has_sections,
        change_summary=historical.change_summary,
        sections={k: getattr(historical, k) for k in SECTION_LABELS},
        body=historical.body,
        steps=[{k: s.get(k, "") for k, _l in STEP_COLUMNS} for s in snapshot.get("steps", [])],
        records=[
            {k: r.get(k, "") for k, _l in RECORD_COLUMNS} for r in snapshot.get("records", [])
        ],
    )


def content_from_data(document, data: dict) -> Content:
    """The editor's unsaved content (cleaned form data) for the live preview."""
    return Content(
        has_sections=document.has_sections,
        change_summary=data.get("change_summary", ""),
        sections={k: data.get(k, "") for k in SECTION_LABELS},
        body=data.get("body", ""),
        steps=[{k: s.get(k, "") for k, _l in STEP_COLUMNS} for s in data.get("steps", [])],
        records=[{k: r.get(k, "") for k, _l in RECORD_COLUMNS} for r in data.get("records", [])],
    )


# --- comparison ---------------------------------------------------------------------

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _plain(markdown_text: str) -> str:
    """The text a reader sees, without the Markdown marks."""
    html = render_markdown(markdown_text)
    html = re.sub(r"</(p|li|h\d|tr|blockquote|pre)>|<br\s*/?>", "\n", html)
    return re.sub(r"\n{2,}", "\n", strip_tags(html)).strip()


def diff_text(old: str, new: str) -> tuple[str, str, bool]:
    """Word-level diff: (old with deletions marked, new with insertions marked, changed)."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right)), a != b  # noqa: S308 (escaped)


@dataclass
class SectionDiff:
    label: str
    left: str
    right: str
    changed: bool


@dataclass
class RowDiff:
    number: int
    status: str  # "same", "changed", "added", "removed"
    cells: list[tuple[str, str]]  # (left, right) per column


def _compare_rows(old_rows, new_rows, columns, plain_keys=()) -> list[RowDiff]:
    """Rows compared position by position: row n of one with row n of the other."""
    out = []
    for i in range(max(len(old_rows), len(new_rows))):
        old = old_rows[i] if i < len(old_rows) else None
        new = new_rows[i] if i < len(new_rows) else None
        cells, changed = [], False
        for key, _label in columns:
            o = (old or {}).get(key, "") or ""
            n = (new or {}).get(key, "") or ""
            if key in plain_keys:
                o, n = _plain(o), _plain(n)
            left, right, differs = diff_text(o, n)
            cells.append((left if old else "", right if new else ""))
            changed = changed or differs
        status = (
            "added"
            if old is None
            else "removed"
            if new is None
            else "changed"
            if changed
            else "same"
        )
        out.append(RowDiff(number=i + 1, status=status, cells=cells))
    return out


def compare(old: Content, new: Content) -> dict:
    sections = [
        SectionDiff(str(_("What changed")), *diff_text(old.change_summary, new.change_summary))
    ]
    if new.has_sections:
        for key, label in SECTION_LABELS.items():
            left, right, changed = diff_text(
                _plain(old.sections.get(key, "")), _plain(new.sections.get(key, ""))
            )
            sections.append(SectionDiff(str(label), left, right, changed))
    else:
        sections.append(
            SectionDiff(str(_("Content")), *diff_text(_plain(old.body), _plain(new.body)))
        )
    steps = _compare_rows(old.steps, new.steps, STEP_COLUMNS, plain_keys=("action",))
    records = _compare_rows(old.records, new.records, RECORD_COLUMNS)
    return {
        "sections": sections,
        "steps": steps,
        "records": records,
        "step_columns": STEP_COLUMNS,
        "record_columns": RECORD_COLUMNS,
        "has_sections": new.has_sections,
        "changed": any(s.changed for s in sections)
        or any(r.status != "same" for r in steps + records),
    }
