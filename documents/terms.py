"""Section 4 (terms and abbreviations) as rows in the editor, Markdown when stored.

An edition keeps its terms as Markdown text (``Revision.terms``), most often a
two-column table -- "| Từ viết tắt | Giải nghĩa |" -- followed by definitions
written as paragraphs. The editor shows that table as rows (term, meaning) and
the rest as text; :func:`split_terms` reads the stored text into those parts
and :func:`join_terms` writes them back, so the PDF and the .docx, which read
the Markdown, print what they printed before.

Only a two-column table at the very start of the text becomes rows: anything
else (a table of three columns, text before the table) stays text, untouched.
A ``|`` typed in a cell is written ``\\|`` and a line break in a cell ``<br>``,
so what is typed comes back the same. When the rows and the text are what the
stored Markdown already says, :func:`join_terms` gives back that Markdown
itself, byte for byte: saving the editor without touching section 4 changes
nothing in it.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

_SEPARATOR_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_BREAK = re.compile(r"<br\s*/?>", re.I)


@dataclass
class Terms:
    """Section 4 as the editor shows it: the table's header and rows, and the text after."""

    header: tuple[str, str] | None = None
    rows: list[tuple[str, str]] = field(default_factory=list)
    notes: str = ""

    def same_as(self, other: "Terms") -> bool:
        """The same content (a blank row says nothing, the header is only kept)."""
        return _filled(self.rows) == _filled(other.rows) and self.notes.strip() == (
            other.notes.strip()
        )


def _filled(rows):
    return [r for r in rows if any(cell.strip() for cell in r)]


def _cells(line: str) -> list[str] | None:
    """The raw cells of a table line (``| a | b |``), or None if it is not one.

    A ``|`` escaped by a backslash or inside a code span (`` `a|b` ``) is no border:
    Python-Markdown's table extension reads them the same way.
    """
    text = line.strip()
    if not text.startswith("|"):
        return None
    cells, current, index, in_code = [], [], 1, False
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    if "".join(current).strip():
        cells.append("".join(current))  # a last cell without its closing border
    return cells


def _read_cell(raw: str) -> str:
    return _BREAK.sub("\n", raw.strip().replace("\\|", "|"))


def _write_cell(text: str) -> str:
    lines = [line.strip() for line in text.strip().replace("|", "\\|").splitlines()]
    return "<br>".join(lines)


def split_terms(text: str | None) -> Terms:
    """The stored Markdown of section 4 as header, rows and the text after them."""
    text = text or ""
    lines = text.lstrip("\n").split("\n")
    head = _cells(lines[0]) if lines else None
    rule = _cells(lines[1]) if len(lines) > 1 else None
    if not (
        head
        and rule
        and len(head) == 2
        and len(rule) == 2
        and all(_SEPARATOR_CELL.match(c) for c in rule)
    ):
        return Terms(notes=text)
    rows = []
    index = 2
    while index < len(lines) and lines[index].strip().startswith("|"):
        cells = _cells(lines[index])
        if cells is None or len(cells) != 2:
            return Terms(notes=text)  # a row of another width: not a table of terms
        rows.append((_read_cell(cells[0]), _read_cell(cells[1])))
        index += 1
    return Terms(
        header=(_read_cell(head[0]), _read_cell(head[1])),
        rows=rows,
        notes="\n".join(lines[index:]).strip("\n"),
    )


def default_header() -> tuple[str, str]:
    return (_("Term or abbreviation"), _("Meaning"))


def join_terms(terms: Terms, *, stored: str = "") -> str:
    """Section 4 as Markdown. ``stored`` is the text the editor was opened with: when
    ``terms`` says the same, it comes back unchanged; its header is kept."""
    before = split_terms(stored)
    if stored and before.same_as(terms):
        return stored
    rows = _filled(terms.rows)
    notes = terms.notes.strip("\n")
    if not rows:
        return notes
    header = terms.header or before.header or default_header()
    lines = [f"| {_write_cell(header[0])} | {_write_cell(header[1])} |", "| --- | --- |"]
    lines += [f"| {_write_cell(term)} | {_write_cell(meaning)} |" for term, meaning in rows]
    table = "\n".join(lines)
    return f"{table}\n\n{notes}" if notes else table
