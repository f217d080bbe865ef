"""The content of an edition as one value, for display, preview and comparison.

An edition's content is its sections (or free body), its steps and its records.
It comes from a saved edition, from one saved state in its history (the
``snapshot`` keeps the steps and records of that save), or from the editor's
unsaved form (the live preview). The comparison (:mod:`documents.diff`) works on
the text a reader sees (without the Markdown marks), block by block, and on the
steps and records row by row, aligned by content.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from documents import diff
from documents.markup import render_markdown_noting

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
OTHER_LABEL = _("Other content")
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
    # The edition's attached images: number -> URL (``attachment:N`` in the text).
    images: dict[int, str] = field(default_factory=dict)

    def rendered(self) -> dict:
        """What the templates show: sanitised HTML of every section and step, and
        the image sources that were left out (the editor's preview says so)."""
        dropped: list[str] = []

        def html(text):
            result, left_out = render_markdown_noting(text, self.images)
            dropped.extend(src for src in left_out if src not in dropped)
            return result

        return {
            "has_sections": self.has_sections,
            "sections": [
                {"key": k, "label": SECTION_LABELS[k], "html": html(v)}
                for k, v in self.sections.items()
            ],
            "body_html": html(self.body),
            # A procedure's body is "Other content", shown after the records.
            "other_label": OTHER_LABEL,
            "steps": [
                {**s, "number": i, "action_html": html(s.get("action", ""))}
                for i, s in enumerate(self.steps, start=1)
            ],
            "records": self.records,
            "step_columns": STEP_COLUMNS,
            "record_columns": RECORD_COLUMNS,
            "dropped_images": dropped,
        }


def _rows(items, columns) -> list[dict]:
    return [{key: getattr(item, key, "") or "" for key, _label in columns} for item in items]


def _steps(rows) -> list[dict]:
    """Step rows with their phase heading (not a column: a row across the table)."""
    return [
        {**{k: s.get(k, "") for k, _l in STEP_COLUMNS}, "phase": s.get("phase", "")} for s in rows
    ]


def image_urls(revision) -> dict[int, str]:
    """The edition's attached images as the pages show them: number -> URL."""
    return {image.number: image.get_absolute_url() for image in revision.images.all()}


def content_of_revision(revision) -> Content:
    document = revision.document
    return Content(
        images=image_urls(revision),
        has_sections=document.has_sections,
        change_summary=revision.change_summary,
        sections={k: getattr(revision, k) for k in SECTION_LABELS},
        body=revision.body,
        steps=_rows(revision.steps.all(), [*STEP_COLUMNS, ("phase", "")]),
        records=_rows(revision.records.all(), RECORD_COLUMNS),
    )


def content_of_history(historical, document) -> Content:
    """One saved state of an edition, from its simple-history row."""
    snapshot = historical.snapshot or {}
    return Content(
        images=image_urls(historical.instance),
        has_sections=document.has_sections,
        change_summary=historical.change_summary,
        sections={k: getattr(historical, k) for k in SECTION_LABELS},
        body=historical.body,
        steps=_steps(snapshot.get("steps", [])),
        records=[
            {k: r.get(k, "") for k, _l in RECORD_COLUMNS} for r in snapshot.get("records", [])
        ],
    )


def content_from_data(revision, data: dict) -> Content:
    """The editor's unsaved content (cleaned form data) for the live preview."""
    document = revision.document
    return Content(
        images=image_urls(revision),
        has_sections=document.has_sections,
        change_summary=data.get("change_summary", ""),
        sections={k: data.get(k, "") for k in SECTION_LABELS},
        body=data.get("body", ""),
        steps=_steps(data.get("steps", [])),
        records=[{k: r.get(k, "") for k, _l in RECORD_COLUMNS} for r in data.get("records", [])],
    )


# --- comparison ---------------------------------------------------------------------


@dataclass
class SectionDiff:
    label: str
    left: str
    right: str
    changed: bool


def compare(old: Content, new: Content) -> dict:
    """The two contents compared section by section, block by block, and their steps
    and records row by row, aligned by content (:mod:`documents.diff`). One time budget
    bounds the word-level comparison of the whole request."""
    deadline = diff.Deadline()
    sections = [
        SectionDiff(
            str(_("What changed")),
            *diff.diff_text(old.change_summary, new.change_summary, deadline),
        )
    ]
    if new.has_sections:
        for key, label in SECTION_LABELS.items():
            left, right, changed = diff.diff_text(
                old.sections.get(key, ""), new.sections.get(key, ""), deadline
            )
            sections.append(SectionDiff(str(label), left, right, changed))
        if old.body or new.body:
            left, right, changed = diff.diff_text(old.body, new.body, deadline)
            sections.append(SectionDiff(str(OTHER_LABEL), left, right, changed))
    else:
        sections.append(
            SectionDiff(str(_("Content")), *diff.diff_text(old.body, new.body, deadline))
        )
    steps = diff.diff_rows(
        old.steps, new.steps, STEP_COLUMNS, plain_keys=("action",), deadline=deadline
    )
    records = diff.diff_rows(old.records, new.records, RECORD_COLUMNS, deadline=deadline)
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


def changes_in_place(old: Content, new: Content) -> dict:
    """What changed from ``old`` to ``new``, read in place on the newer edition: each
    section's blocks with the removed words struck and the added ones marked, the steps
    and records row by row (:func:`documents.diff.inline_text`, ``diff_rows(in_place=True)``).
    One time budget bounds the word-level comparison, as in :func:`compare`."""
    deadline = diff.Deadline()
    # The change summary is this edition's own words, not a change to compare. A
    # procedure's "other content" comes after its steps and records, as it reads.
    pairs, after = [], []
    if new.has_sections:
        pairs += [
            (str(label), old.sections.get(key, ""), new.sections.get(key, ""))
            for key, label in SECTION_LABELS.items()
        ]
        if old.body or new.body:
            after.append((f"7. {OTHER_LABEL}", old.body, new.body))
    else:
        pairs.append((str(_("Content")), old.body, new.body))

    def compared(label, old_text, new_text):
        blocks, changed = diff.inline_text(old_text, new_text, deadline)
        return {"label": label, "blocks": blocks, "changed": changed}

    sections = [compared(*pair) for pair in pairs]
    steps = diff.diff_rows(
        old.steps, new.steps, STEP_COLUMNS, ("action",), deadline=deadline, in_place=True
    )
    records = diff.diff_rows(
        old.records, new.records, RECORD_COLUMNS, deadline=deadline, in_place=True
    )
    after = [compared(*pair) for pair in after]
    return {
        "sections": sections,
        "after": after,
        "steps": steps,
        "records": records,
        "step_columns": STEP_COLUMNS,
        "record_columns": RECORD_COLUMNS,
        "has_sections": new.has_sections,
        "changed": any(s["changed"] for s in sections + after)
        or any(r.status != "same" for r in steps + records),
    }
