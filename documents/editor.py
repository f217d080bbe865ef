"""The editor's forms, bound together: the sections, and for a procedure the rows of
section 4 (terms), of the steps and of the records.

They check shape only. :meth:`Editor.data` is what :func:`documents.services.save_draft`
and the live preview take: the sections as stored (section 4 joined back into its
Markdown by :mod:`documents.terms`), and the steps and records as lists of dicts.
"""

from dataclasses import dataclass

from documents import services
from documents.forms import EditionForm, RecordFormSet, StepFormSet, TermFormSet
from documents.terms import Terms, join_terms, split_terms


@dataclass
class Editor:
    revision: object
    form: EditionForm
    steps: StepFormSet | None = None
    records: RecordFormSet | None = None
    terms: TermFormSet | None = None

    @property
    def formsets(self) -> list:
        return [f for f in (self.terms, self.steps, self.records) if f is not None]

    def is_valid(self) -> bool:
        # Every part is checked, so that each shows its own errors.
        results = [self.form.is_valid(), *(f.is_valid() for f in self.formsets)]
        return all(results)

    def data(self) -> dict:
        """The content to save or preview; call after :meth:`is_valid`."""
        cleaned = getattr(self.form, "cleaned_data", {})
        data = {k: v for k, v in cleaned.items() if k not in ("version", "terms_notes")}
        if self.terms is not None:
            rows = [
                (r.get("term", ""), r.get("meaning", "").replace("\r\n", "\n"))
                for r in self.terms.rows()
            ]
            data["terms"] = join_terms(
                Terms(rows=rows, notes=cleaned.get("terms_notes", "").replace("\r\n", "\n")),
                stored=self.revision.terms,
            )
        if self.steps is not None:
            data["steps"] = self.steps.rows()
            data["records"] = self.records.rows()
        return data

    def context(self, conflict: str | None = None) -> dict:
        return {
            "document": self.revision.document,
            "revision": self.revision,
            "form": self.form,
            "terms": self.terms,
            "steps": self.steps,
            "records": self.records,
            "conflict": conflict,
        }


def bind_editor(revision, data=None) -> Editor:
    """The editor of ``revision``: opened (``data`` None) or as posted."""
    initial = {"version": revision.version}
    for name in services.CONTENT_FIELDS:
        initial[name] = getattr(revision, name)
    if not revision.document.has_sections:
        return Editor(revision, EditionForm(data, revision=revision, initial=initial))
    terms = split_terms(revision.terms)
    initial["terms_notes"] = terms.notes
    term_rows = [
        {"term": term, "meaning": meaning, "ORDER": i}
        for i, (term, meaning) in enumerate(terms.rows, start=1)
    ]
    return Editor(
        revision,
        EditionForm(data, revision=revision, initial=initial),
        steps=StepFormSet(data, prefix="steps", initial=None if data else _rows(revision.steps)),
        records=RecordFormSet(
            data, prefix="records", initial=None if data else _rows(revision.records)
        ),
        terms=TermFormSet(data, prefix="terms", initial=None if data else term_rows),
    )


def _rows(manager) -> list[dict]:
    fields = services.STEP_FIELDS if manager.model.__name__ == "Step" else services.RECORD_FIELDS
    return [
        {**{f: getattr(row, f) for f in fields}, "ORDER": i}
        for i, row in enumerate(manager.all(), start=1)
    ]
