"""Reading a Word procedure the way a person reads it.

python-docx opens the file; the body is walked in order, paragraphs and tables
alike. A paragraph whose text is a section title ("1. MỤC ĐÍCH", "I. MỤC TIÊU",
"PHAM VI AP DUNG"…) starts that section whatever its style: Heading, bold
Normal, upper case or an item of a numbered list. Tables are told apart by
their words: the header block (Mã hiệu / Lần ban hành / Ngày ban hành), the
sign-off table, the change table, the steps table (by the titles of its
header row, in its common column sets) and the records table. Vertically
merged cells are carried down, a row that spans the table is a phase heading.

Nothing is dropped: text that belongs to no section goes into "Other
content" under its own heading, and :attr:`ReadFile.unplaced_chars` counts
the characters of the file's text that reached no visible place, checked
against what the edition will show (0 by design; a test holds it there).

Pure: a file in, a :class:`ReadFile` out; nothing here touches the database.

The words it recognises are data (``vocabulary.yaml``, read by ``vocabulary.py``);
Word's XML becomes Markdown in ``wordxml.py``; the tables are read in ``tables.py``.
"""

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from documents.markup import render_markdown
from documents.register.search import fold
from documents.wordio.tables import TableReading
from documents.wordio.vocabulary import CHANGE_TITLES, NUMBER, TITLE_WORDS, TOP_NUMBER
from documents.wordio.wordxml import (
    A_BLIP,
    DASH,
    DASH_MD,
    R_EMBED,
    R_ID,
    V_IMAGEDATA,
    Block,
    W,
    escape_markdown,
    inline_markdown,
    join_blocks,
    nfc,
    runs_of,
    table_grid,
)

SECTION_KEYS = ["purpose", "scope", "references", "terms"]


class WordReadError(ValueError):
    """The file could not be read as a Word document; the message says why."""


@dataclass
class Image:
    name: str
    data: bytes
    content_type: str
    section: str


@dataclass
class ReadFile:
    file: str
    procedure: bool = True  # read into sections, steps and records; else one body
    code: str = ""
    title: str = ""
    edition: int | None = None
    effective_date: date | None = None
    sections: dict = field(default_factory=dict)  # purpose/scope/references/terms -> Markdown
    other: str = ""  # Markdown of "Other content"
    other_headings: list = field(default_factory=list)  # what went into Other content
    steps: list = field(default_factory=list)
    records: list = field(default_factory=list)
    signoffs: dict = field(
        default_factory=dict
    )  # prepared/reviewed/approved -> name, position, date
    changes: list = field(default_factory=list)  # edition, page, change, note, date
    images: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    fragments: list = field(default_factory=list)  # every text of the body, for the count
    unplaced_chars: int = 0
    unplaced: list = field(default_factory=list)

    @property
    def sections_filled(self) -> list[str]:
        names = [k for k in SECTION_KEYS if self.sections.get(k)]
        if self.other:
            names.append("other" if self.procedure else "body")
        return names

    def as_report(self, *, kind: str = "") -> dict:
        return {
            "file": self.file,
            "code": self.code,
            "title": self.title,
            "kind": kind,
            "edition": self.edition,
            "sections": self.sections_filled,
            "steps": len(self.steps),
            "records": len(self.records),
            "signoffs": {k: v.get("name", "") for k, v in self.signoffs.items()},
            "images": len(self.images),
            "unplaced_chars": self.unplaced_chars,
            "warnings": list(self.warnings),
        }


# --- the reader ------------------------------------------------------------------------------


class _Reader(TableReading):
    def __init__(self, name: str, *, procedure: bool, place_images: bool = False):
        self.out = ReadFile(file=name, procedure=procedure)
        self.place_images = place_images
        self.procedure = procedure
        self.part = "preamble"  # a section key, "steps", "records", "other" or "preamble"
        self.blocks: dict[str, list[Block]] = {k: [] for k in SECTION_KEYS}
        self.other: list[Block] = []
        self.other_heading_pending = ""
        self.expect_changes = False
        self.styles: dict[str, str] = {}
        self.numbered_styles: set[str] = set()
        self.related = {}
        self.placed_fragments: list[str] = []

    # -- entry --------------------------------------------------------------------------
    def read(self, document) -> ReadFile:
        styles_part = document.styles
        for style in styles_part:
            try:
                self.styles[style.style_id] = style.name or ""
                ppr = style.element.pPr
                if ppr is not None and ppr.find(W + "numPr") is not None:
                    self.numbered_styles.add(style.style_id)
            except (AttributeError, ValueError):
                continue
        self.related = document.part.related_parts
        for section in document.sections:
            for header in (section.header, section.first_page_header):
                try:
                    if header.is_linked_to_previous:
                        continue
                    element = header._element
                except (AttributeError, ValueError):
                    continue
                for child in element.iterchildren():
                    if child.tag == W + "tbl":
                        self._header_block(table_grid(child))
                    elif child.tag == W + "p":
                        self._header_paragraph(child)
        for element in self._body_elements(document.element.body):
            if element.tag == W + "p":
                self._paragraph(element)
            elif element.tag == W + "tbl":
                self._table(element)
        return self._finish()

    def _body_elements(self, parent):
        for child in parent.iterchildren():
            if child.tag in (W + "p", W + "tbl"):
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent")
                yield from self._body_elements(content if content is not None else child)

    # -- where text goes ------------------------------------------------------------------
    def _target(self) -> list[Block]:
        if self.part in SECTION_KEYS:
            return self.blocks[self.part]
        if self.other_heading_pending:
            self.other.append(
                Block("### " + escape_markdown(self.other_heading_pending, start=False))
            )
            self.out.other_headings.append(self.other_heading_pending)
            self.other_heading_pending = ""
        return self.other

    def _add(self, markdown: str, plain: str, *, is_list=False):
        if not plain:
            return
        self._target().append(Block(markdown, is_list))
        self.out.fragments.append(plain)

    # -- paragraphs -----------------------------------------------------------------------
    def _images_of(self, element, cell_part: str = ""):
        for blip in element.iter(A_BLIP, V_IMAGEDATA):
            rid = blip.get(R_EMBED) or blip.get(R_ID)
            part = self.related.get(rid) if rid else None
            if part is None or not hasattr(part, "blob"):
                continue
            name = part.partname.split("/")[-1] if hasattr(part, "partname") else "image"
            self.out.images.append(
                Image(
                    name=name,
                    data=part.blob,
                    content_type=getattr(part, "content_type", ""),
                    section=cell_part or self.part,
                )
            )
            if self.place_images and not cell_part:
                # Where the picture stood: ``attachment:@k`` names the file's k-th
                # picture until the import knows its number (batch.place_images).
                k = len(self.out.images)
                self._target().append(Block(f"![{Path(name).stem}](attachment:@{k})"))

    def _paragraph(self, p):
        self._images_of(p)
        runs = runs_of(p)
        markdown, plain = inline_markdown(runs)
        if not plain:
            return
        ppr = p.find(W + "pPr")
        style_id = ""
        numbered = False
        if ppr is not None:
            style = ppr.find(W + "pStyle")
            style_id = style.get(W + "val", "") if style is not None else ""
            numbered = ppr.find(W + "numPr") is not None
        numbered = numbered or style_id in self.numbered_styles
        style_name = self.styles.get(style_id, style_id).lower()
        heading_style = style_name.startswith(("heading", "title")) or style_id.lower().startswith(
            "heading"
        )
        strong = all(b for t, b, _i in runs if t.strip())
        folded = fold(plain)
        if self.procedure and any(w in folded for w in CHANGE_TITLES) and len(plain) < 80:
            self.expect_changes = True
            self.placed_fragments.append(plain)
            return
        part = self._title(plain, heading=heading_style or strong or numbered)
        if part is not None:
            return
        if self.part == "preamble" and not self.out.title and (strong or heading_style):
            if folded.startswith(("quy trinh", "huong dan", "quy dinh", "quy che", "so tay")):
                self.out.title = plain
                self.placed_fragments.append(plain)
                return
        if self.part == "preamble" and self.out.title and fold(self.out.title) == folded:
            self.placed_fragments.append(plain)
            return
        is_list = False
        if DASH.match(plain):
            plain = DASH.sub("", plain, count=1)
            markdown = "- " + DASH_MD.sub("", markdown, count=1)
            is_list = True
        elif numbered and not heading_style:
            bullet = "bullet" in style_name
            markdown = ("- " if bullet else "1. ") + markdown
            is_list = True
        elif heading_style:
            markdown = "#### " + markdown
        self._add(markdown, plain, is_list=is_list)

    def _title(self, plain: str, *, heading: bool) -> str | None:
        """Start the part a section title names; None when ``plain`` is not a title."""
        if not self.procedure or len(plain) > 90 or "\n" in plain:
            return None
        upper = plain == plain.upper() and any(c.isalpha() for c in plain)
        if not (heading or upper):
            return None
        numbered = TOP_NUMBER.match(plain)
        sub_numbered = NUMBER.match(plain) and not numbered
        if sub_numbered:
            return None
        words = fold(NUMBER.sub("", plain)).strip(" .:")
        for part, keys in TITLE_WORDS:
            if any(
                words == k or words.startswith(k + " ") or words.startswith(k + ",") for k in keys
            ):
                if part == "steps" and words.startswith("noi dung") and not (numbered or upper):
                    continue
                self.part = part
                self.placed_fragments.append(plain)
                return part
        if numbered and upper and self.part != "preamble":
            # A numbered title of no known section: Other content, under its own title.
            self.part = "other"
            self.other_heading_pending = plain
            self.out.fragments.append(plain)
            return "other"
        return None

    # -- the result -------------------------------------------------------------------------
    def _finish(self) -> ReadFile:
        out = self.out
        if self.procedure:
            for key in SECTION_KEYS:
                text = join_blocks(self.blocks[key])
                if text:
                    out.sections[key] = text
            out.other = join_blocks(self.other)
            if out.other:
                out.warnings.append(
                    _("Text that belongs to no section was put in “Other content”: check it.")
                )
            if not out.steps:
                out.warnings.append(_("No steps table was recognised."))
        else:
            out.other = join_blocks(self.blocks["purpose"] + self.other)
        for key in ("prepared", "reviewed", "approved"):
            if self.procedure and key not in out.signoffs:
                out.warnings.append(
                    _("The sign-off table has no name for “%(step)s”.")
                    % {
                        "step": {
                            "prepared": _("Prepared"),
                            "reviewed": _("Reviewed"),
                            "approved": _("Approved"),
                        }[key]
                    }
                )
        return out


# --- the count of what reached no visible place ----------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", nfc(text)).strip()


def visible_text(read: ReadFile) -> str:
    """Everything the edition will show, as a reader sees it (Markdown rendered)."""
    parts = [read.title, read.code]
    for text in (*read.sections.values(), read.other):
        parts.append(strip_tags(render_markdown(text)).replace("&amp;", "&").replace("&lt;", "<"))
    for step in read.steps:
        parts += [step.get(k, "") for k in ("phase", "name", "responsible", "time_limit", "record")]
        parts.append(strip_tags(render_markdown(step.get("action", ""))).replace("&lt;", "<"))
    for record in read.records:
        parts += list(record.values())
    return _squash(" \n ".join(p for p in parts if p))


def count_unplaced(read: ReadFile) -> None:
    """Set ``unplaced_chars``: characters of the file's text the edition does not show."""
    import html

    shown = html.unescape(visible_text(read))
    missing = []
    for fragment in read.fragments:
        piece = _squash(fragment)
        if piece and piece not in shown:
            missing.append(piece)
    read.unplaced = missing
    read.unplaced_chars = sum(len(m) for m in missing)


def kind_of_code(code: str) -> str:
    """The kind a document code names (QT.01-VP: a procedure), or ""."""
    prefix = fold(code).split(".")[0].split("-")[0].upper()
    return prefix if prefix in ("QT", "HD", "QD", "MT", "BM", "ST", "TL") else ""


def read_word(fileobj, *, name: str, kind: str = "", place_images: bool = False) -> ReadFile:
    """Read one .docx file as a document of ``kind`` (by default the kind its code names).

    A procedure (QT) is read into its sections, steps and records; any other kind
    into its body. Raises :class:`WordReadError` when it is not a Word document.
    """
    import docx
    from django.core.exceptions import ValidationError

    from ims.zipguard import check_docx

    fileobj.seek(0)
    data = io.BytesIO(fileobj.read())
    try:
        check_docx(data)  # a few MB may unzip to gigabytes: refused before parsing
    except ValidationError as exc:
        raise WordReadError(
            _("%(file)s could not be read as a Word document: %(reason)s")
            % {"file": name, "reason": " ".join(exc.messages)}
        ) from exc
    try:
        document = docx.Document(data)
    except Exception as exc:  # not a zip, not a Word document, a damaged part…
        raise WordReadError(
            _("%(file)s could not be read as a Word document: %(reason)s")
            % {"file": name, "reason": exc}
        ) from exc
    read = _Reader(name, procedure=kind in ("", "QT"), place_images=place_images).read(document)
    if not kind and kind_of_code(read.code) not in ("", "QT"):
        read = _Reader(name, procedure=False, place_images=place_images).read(document)
    count_unplaced(read)
    return read
