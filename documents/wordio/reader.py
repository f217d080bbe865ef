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
"""

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from documents.markup import render_markdown
from documents.register.search import fold

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

SECTION_KEYS = ["purpose", "scope", "references", "terms"]

# Section titles, folded, by the part of the procedure they start. "other"
# titles are kept as headings in Other content.
TITLE_WORDS = [
    ("other", ("noi dung khac",)),  # this application's own "Other content"
    ("purpose", ("muc dich", "muc tieu")),
    ("scope", ("pham vi", "doi tuong ap dung", "doi tuong va pham vi")),
    (
        "references",
        (
            "tai lieu vien dan",
            "tai lieu lien quan",
            "tai lieu tham khao",
            "can cu",
            "co so phap ly",
            "van ban phap ly",
        ),
    ),
    (
        "terms",
        (
            "dinh nghia",
            "thuat ngu",
            "chu viet tat",
            "tu viet tat",
            "viet tat",
            "giai thich tu ngu",
            "chu thich",
        ),
    ),
    (
        "steps",
        (
            "noi dung quy trinh",
            "noi dung thuc hien",
            "trinh tu thuc hien",
            "quy trinh thuc hien",
            "cac buoc thuc hien",
            "mo ta quy trinh",
            "luu do",
            "noi dung",
        ),
    ),
    ("records", ("ho so can luu", "luu ho so", "ho so luu", "ho so")),
]
_NUMBER = re.compile(r"^\s*((?:[ivxlc]+|\d+)(?:\.\d+)*)\s*[.):/-]?\s+", re.I)
_TOP_NUMBER = re.compile(r"^\s*(?:[ivxlc]+|\d+)\s*[.):/-]?\s+", re.I)
_CHANGE_TITLE = (
    "theo doi sua doi",
    "theo doi nhung thay doi",
    "theo doi thay doi",
    "lich su sua doi",
)
_DASH = re.compile(r"^\s*[–—\-•·+*\uf0b7\uf0a7\uf02d]\s+")
_DASH_MD = re.compile(r"^\s*\\?[–—\-•·+*\uf0b7\uf0a7\uf02d]\s+")  # the same, in Markdown
_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_SPACES = re.compile(r"[ \t\u00a0]+")


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


# --- text of paragraphs ---------------------------------------------------------------------


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _on(props, tag) -> bool:
    if props is None:
        return False
    element = props.find(W + tag)
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


def _runs(p) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of each run of a paragraph, in order."""
    out = []
    for run in p.iter(W + "r"):
        props = run.find(W + "rPr")
        bold, italic = _on(props, "b"), _on(props, "i")
        parts = []
        for child in run:
            if child.tag == W + "t":
                parts.append(child.text or "")
            elif child.tag in (W + "tab", W + "ptab"):
                parts.append(" ")
            elif child.tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif child.tag == W + "noBreakHyphen":
                parts.append("-")
        if parts:
            out.append((nfc("".join(parts)), bold, italic))
    return out


def _escape(text: str, *, start: bool) -> str:
    text = text.replace("\\", "\\\\")
    for mark in ("*", "_", "`", "[", "]", "|"):
        text = text.replace(mark, "\\" + mark)
    text = text.replace("<", "&lt;")
    if start:
        text = re.sub(r"^(\s*)([#>+=])", r"\1\\\2", text)
        text = re.sub(r"^(\s*\d+)([.)])(\s)", r"\1\\\2\3", text)
        text = re.sub(r"^(\s*)-(\s)", r"\1\\-\2", text)
    return text


def inline_markdown(runs: list[tuple[str, bool, bool]]) -> tuple[str, str]:
    """(Markdown, plain text) of runs: split runs merged, spaces moved outside emphasis.

    Emphasis touching other emphasis without a space between is left plain: a
    mark Markdown could misread would print as a stray star.
    """
    merged: list[list] = []
    for text, bold, italic in runs:
        if merged and merged[-1][1] == bold and merged[-1][2] == italic:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic])
    plain = _SPACES.sub(" ", "".join(m[0] for m in merged))
    pieces: list[str] = []
    previous_marked = False
    for text, bold, italic in merged:
        text = _SPACES.sub(" ", text)
        core = text.strip()
        start = not pieces or not "".join(pieces).strip()
        if not core or not (bold or italic):
            pieces.append(_escape(text, start=start))
            previous_marked = False
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        touching = previous_marked and not lead and pieces and not pieces[-1][-1:].isspace()
        if touching or "\n" in core:
            pieces.append(_escape(text, start=start))
            previous_marked = False
            continue
        mark = "***" if bold and italic else "**" if bold else "*"
        pieces.append(f"{lead}{mark}{_escape(core, start=False)}{mark}{trail}")
        previous_marked = not trail
    markdown = "".join(pieces).strip()
    return markdown, plain.strip()


def _style_name(paragraph_style_id: str, styles: dict) -> str:
    return styles.get(paragraph_style_id, paragraph_style_id or "")


# --- tables ------------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str  # plain, paragraphs joined by "\n"
    lines: list  # Markdown of each paragraph
    continued: bool  # a vertically merged cell that continues the one above
    tc: object  # the w:tc element: one cell spanning columns appears once per column


def _cell_paragraphs(tc):
    yield from tc.iter(W + "p")


def table_grid(tbl) -> list[list[Cell]]:
    """The table as rows of grid cells; a cell spanning columns fills each of them."""
    rows = []
    for tr in tbl.findall(W + "tr"):
        row: list[Cell] = []
        for tc in tr.findall(W + "tc"):
            props = tc.find(W + "tcPr")
            span, continued = 1, False
            if props is not None:
                grid_span = props.find(W + "gridSpan")
                if grid_span is not None:
                    span = int(grid_span.get(W + "val", "1") or 1)
                v_merge = props.find(W + "vMerge")
                if v_merge is not None:
                    continued = v_merge.get(W + "val", "continue") == "continue"
            lines, texts = [], []
            for p in _cell_paragraphs(tc):
                markdown, plain = inline_markdown(_runs(p))
                if _DASH.match(plain):
                    plain = _DASH.sub("", plain, count=1)
                    markdown = "- " + _DASH_MD.sub("", markdown, count=1)
                if plain:
                    lines.append(markdown)
                    texts.append(plain)
            cell = Cell("\n".join(texts), lines, continued, tc)
            row.extend([cell] * max(1, span))
        rows.append(row)
    # A continued cell shows the text of the cell it continues.
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.continued and r > 0 and c < len(rows[r - 1]):
                above = rows[r - 1][c]
                row[c] = Cell(above.text, above.lines, True, cell.tc)
    return rows


def _distinct(row: list[Cell]) -> list[Cell]:
    seen, out = set(), []
    for cell in row:
        if id(cell.tc) not in seen:
            seen.add(id(cell.tc))
            out.append(cell)
    return out


def _match_columns(header: list[Cell], words: list[tuple[str, str]]) -> dict[int, str]:
    """Column index -> role, from the folded titles of the header row."""
    roles: dict[int, str] = {}
    for index, cell in enumerate(header):
        title = fold(cell.text).replace("\n", " ").strip(" :")
        if not title or (index > 0 and header[index - 1].tc is cell.tc):
            continue
        for word, role in words:
            if (title == word or (len(word) > 3 and word in title)) and role not in roles.values():
                roles[index] = role
                break
    return roles


STEP_WORDS = [
    ("noi dung cong viec", "action"),
    ("cac buoc thuc hien", "name"),
    ("ten buoc", "name"),
    ("ten cong viec", "name"),
    ("trach nhiem", "responsible"),
    ("nguoi thuc hien", "responsible"),
    ("don vi thuc hien", "responsible"),
    ("bo phan thuc hien", "responsible"),
    ("nguoi phu trach", "responsible"),
    ("mo ta", "action"),
    ("dien giai", "action"),
    ("noi dung", "action"),
    ("thoi gian", "time_limit"),
    ("thoi han", "time_limit"),
    ("bieu mau", "record"),
    ("ket qua", "record"),
    ("ho so", "record"),
    ("tai lieu", "record"),
    ("buoc", "number"),
    ("stt", "number"),
    ("tt", "number"),
]
RECORD_WORDS = [
    ("thoi gian luu", "retention"),
    ("hinh thuc luu", "medium"),
    ("cach thuc luu", "medium"),
    ("phuong thuc luu", "medium"),
    ("phuong phap luu", "medium"),
    ("noi luu", "place"),
    ("nguoi luu", "keeper"),
    ("trach nhiem luu", "keeper"),
    ("bo phan luu", "keeper"),
    ("don vi luu", "keeper"),
    ("ten ho so", "name"),
    ("ho so", "name"),
    ("ma hieu", "code"),
    ("ma so", "code"),
    ("ky hieu", "code"),
    ("ma", "code"),
    ("stt", "number"),
    ("tt", "number"),
]
CHANGE_WORDS = [
    ("lan sua doi", "edition"),
    ("lan ban hanh", "edition"),
    ("noi dung thay doi", "change"),
    ("noi dung sua doi", "change"),
    ("noi dung", "change"),
    ("ngay", "date"),
    ("trang", "page"),
    ("vi tri", "page"),
    ("ghi chu", "note"),
    ("stt", "number"),
    ("tt", "number"),
    ("lan", "edition"),
]
SIGNOFF_ROLES = [
    ("prepared", ("soan thao", "bien soan", "nguoi viet", "nguoi lap", "soan")),
    ("reviewed", ("kiem tra", "tham dinh", "xem xet", "soat xet")),
    ("approved", ("phe duyet", "duyet")),
]
SIGNOFF_LABELS = [
    ("name", ("ho va ten", "ho ten", "ten")),
    ("position", ("chuc vu", "chuc danh")),
    ("signature", ("chu ky", "ky ten")),
    ("date", ("ngay",)),
]


def _role_of(text: str) -> str:
    folded = fold(text)
    for role, words in SIGNOFF_ROLES:
        if any(w in folded for w in words):
            return role
    return ""


def _label_of(text: str) -> str:
    folded = fold(text).strip(" :")
    for label, words in SIGNOFF_LABELS:
        if any(folded.startswith(w) for w in words):
            return label
    return ""


def _inline_labels(grid) -> set[str]:
    """Labels written inside the cells ("Họ tên: …") of a sign-off table."""
    found = set()
    for row in grid:
        for cell in row:
            for line in cell.text.split("\n"):
                if ":" in line:
                    found.add(_label_of(line.split(":", 1)[0]))
    return found


def parse_date(text: str) -> date | None:
    match = _DATE.search(text or "")
    if not match:
        return None
    day, month, year = (int(x) for x in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- the reader ------------------------------------------------------------------------------


@dataclass
class _Block:
    markdown: str
    is_list: bool = False


class _Reader:
    def __init__(self, name: str, *, procedure: bool, place_images: bool = False):
        self.out = ReadFile(file=name, procedure=procedure)
        self.place_images = place_images
        self.procedure = procedure
        self.part = "preamble"  # a section key, "steps", "records", "other" or "preamble"
        self.blocks: dict[str, list[_Block]] = {k: [] for k in SECTION_KEYS}
        self.other: list[_Block] = []
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
    def _target(self) -> list[_Block]:
        if self.part in SECTION_KEYS:
            return self.blocks[self.part]
        if self.other_heading_pending:
            self.other.append(_Block("### " + _escape(self.other_heading_pending, start=False)))
            self.out.other_headings.append(self.other_heading_pending)
            self.other_heading_pending = ""
        return self.other

    def _add(self, markdown: str, plain: str, *, is_list=False):
        if not plain:
            return
        self._target().append(_Block(markdown, is_list))
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
                self._target().append(_Block(f"![{Path(name).stem}](attachment:@{k})"))

    def _paragraph(self, p):
        self._images_of(p)
        runs = _runs(p)
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
        if self.procedure and any(w in folded for w in _CHANGE_TITLE) and len(plain) < 80:
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
        if _DASH.match(plain):
            plain = _DASH.sub("", plain, count=1)
            markdown = "- " + _DASH_MD.sub("", markdown, count=1)
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
        numbered = _TOP_NUMBER.match(plain)
        sub_numbered = _NUMBER.match(plain) and not numbered
        if sub_numbered:
            return None
        words = fold(_NUMBER.sub("", plain)).strip(" .:")
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

    # -- tables ---------------------------------------------------------------------------
    def _table(self, tbl):
        self._images_of(tbl)
        grid = table_grid(tbl)
        if not grid or not any(c.text for row in grid for c in row):
            return
        text = fold(" ".join(c.text for row in grid for c in _distinct(row)))
        header = grid[0]
        if ("ma hieu" in text or "ma so" in text) and (
            "lan ban hanh" in text or "ngay ban hanh" in text
        ):
            self._header_block(grid)
            return
        step_columns = _match_columns(header, STEP_WORDS)
        step_roles = set(step_columns.values())
        is_steps = "responsible" in step_roles and bool(step_roles & {"action", "name"})
        if self.procedure and not is_steps and "phe duyet" in text and self._signoff(grid):
            return
        if self.procedure and (
            self.expect_changes
            or "lan sua doi" in text[:200]
            or "noi dung thay doi" in text[:200]
            or "noi dung sua doi" in text[:200]
        ):
            self.expect_changes = False
            if self._changes(grid):
                return
        if self.procedure:
            record_columns = _match_columns(header, RECORD_WORDS)
            roles = set(record_columns.values())
            if "name" in roles and (
                roles & {"retention", "place", "keeper", "medium"} or self.part == "records"
            ):
                if "retention" in roles or "place" in roles or self.part == "records":
                    self._records(grid, record_columns)
                    return
            if is_steps:
                self._steps(grid, step_columns)
                return
        if "cong hoa xa hoi chu nghia" in text or "doc lap - tu do" in text:
            self.out.warnings.append(
                _("The letterhead table (national motto) was put in “Other content”.")
            )
            saved, self.part = self.part, "other"
            if not self.other_heading_pending and not self.other:
                pass
            for row in grid:
                for cell in _distinct(row):
                    for line, plain in zip(cell.lines, cell.text.split("\n"), strict=False):
                        self._add(line, plain)
            self.part = saved
            return
        self._plain_table(grid)

    def _plain_table(self, grid):
        """An unrecognised table: a Markdown table where it stands, cells' paragraphs kept apart."""
        width = max(len(r) for r in grid)
        lines = []
        for index, row in enumerate(grid):
            cells = []
            for c in range(width):
                if c < len(row) and (c == 0 or row[c].tc is not row[c - 1].tc):
                    cells.append("<br>".join(row[c].lines) if not row[c].continued else "")
                    if not row[c].continued:
                        self.out.fragments.extend(t for t in row[c].text.split("\n") if t)
                else:
                    cells.append("")
            lines.append("| " + " | ".join(cells) + " |")
            if index == 0:
                lines.append("| " + " | ".join("---" for _ in range(width)) + " |")
        self._target().append(_Block("\n".join(lines)))

    def _header_paragraph(self, p):
        _markdown, plain = inline_markdown(_runs(p))
        if plain:
            self._header_fields(plain)

    def _header_fields(self, text: str):
        folded = fold(text)
        match = re.search(r"ma\s*(?:hieu|so)\s*[:：]?\s*(\S+)", folded)
        if match and not self.out.code:
            start, end = match.span(1)
            self.out.code = (
                nfc(text)[start:end].strip(" .;,").upper()
                if len(text) == len(folded)
                else match.group(1).upper()
            )
        match = re.search(r"lan\s*ban\s*hanh\s*[:：]?\s*(\d+)", folded)
        if match and self.out.edition is None:
            self.out.edition = int(match.group(1))
        match = re.search(r"ngay\s*ban\s*hanh\s*[:：]?\s*([\d/.\- ]+)", folded)
        if match and self.out.effective_date is None:
            self.out.effective_date = parse_date(match.group(1))

    def _header_block(self, grid):
        titles = []
        for row in grid:
            for cell in _distinct(row):
                if cell.continued:
                    continue
                for line in cell.text.split("\n"):
                    folded = fold(line)
                    if any(
                        w in folded for w in ("ma hieu", "ma so", "lan ban hanh", "ngay ban hanh")
                    ):
                        self._header_fields(line)
                    elif re.match(r"^trang\b", folded):
                        pass
                    elif folded.startswith(("quy trinh", "huong dan", "quy dinh", "quy che")):
                        titles.append(line)
                self.placed_fragments.extend(t for t in cell.text.split("\n") if t)
        if titles and not self.out.title:
            self.out.title = max(titles, key=len)

    def _signoff(self, grid) -> bool:
        found: dict[str, dict] = {}
        header = grid[0]
        column_roles = {i: _role_of(c.text) for i, c in enumerate(header) if _role_of(c.text)}
        first_column_labels = {_label_of(row[0].text) for row in grid if row}
        header_labels = {_label_of(c.text) for c in header}
        if len(column_roles) >= 2 and "name" in first_column_labels | _inline_labels(grid):
            for row in grid[1:]:
                label = _label_of(row[0].text) if row else ""
                for index, role in column_roles.items():
                    if index >= len(row) or row[index].tc is row[0].tc:
                        continue
                    entry = found.setdefault(role, {})
                    self._signoff_cell(entry, label, row[index].text)
        else:
            row_roles = [(r, _role_of(row[0].text)) for r, row in enumerate(grid) if row]
            row_roles = [(r, role) for r, role in row_roles if role]
            if len(row_roles) < 2 or "name" not in header_labels | _inline_labels(grid):
                return False
            labels = {i: _label_of(c.text) for i, c in enumerate(header)}
            for r, role in row_roles:
                entry = found.setdefault(role, {})
                for index, cell in enumerate(grid[r][1:], start=1):
                    self._signoff_cell(entry, labels.get(index, ""), cell.text)
        for role, entry in found.items():
            entry = {k: v for k, v in entry.items() if v}
            if entry:
                self.out.signoffs[role] = entry
        for row in grid:
            for cell in _distinct(row):
                self.placed_fragments.extend(t for t in cell.text.split("\n") if t)
        return True

    def _signoff_cell(self, entry: dict, label: str, text: str):
        for line in text.split("\n"):
            line = line.strip()
            if not line:
                continue
            own_label = ""
            if ":" in line:
                head, value = line.split(":", 1)
                own_label = _label_of(head)
                if own_label:
                    line = value.strip()
            key = own_label or label or "name"
            if key == "signature" or not line:
                continue
            if key == "date":
                day = parse_date(line)
                entry["date"] = day.strftime("%d/%m/%Y") if day else line
            elif not entry.get(key):
                entry[key] = line

    def _changes(self, grid) -> bool:
        columns = _match_columns(grid[0], CHANGE_WORDS)
        if "change" not in columns.values():
            return False
        for row in grid[1:]:
            values = {}
            for index, role in columns.items():
                if index < len(row) and role != "number":
                    values[role] = row[index].text.replace("\n", " ").strip()
            if not any(values.values()):
                continue
            self.out.changes.append(values)
        for row in grid:
            for cell in _distinct(row):
                self.placed_fragments.extend(t for t in cell.text.split("\n") if t)
        return True

    def _steps(self, grid, columns: dict[int, str]):
        width = max(len(r) for r in grid)
        by_role = {role: index for index, role in columns.items()}
        phase = ""
        carried = {"responsible", "time_limit", "record"}
        for row in grid[1:]:
            cells = _distinct(row)
            own = [c for c in cells if c.text and not c.continued]
            if not own:
                continue
            if len(cells) == 1 or (
                len(own) == 1
                and fold(own[0].text).startswith(("giai doan", "phan ", "buoc chuan bi"))
                and row[0] is own[0]
                and len(row) == width
            ):
                phase = (phase + " " if phase else "") + own[0].text.replace("\n", " ")
                self.out.fragments.append(own[0].text.replace("\n", " "))
                continue

            def value(role, row=row):
                index = by_role.get(role)
                if index is None or index >= len(row):
                    return None
                return row[index]

            key_cell = value("name") or value("number")
            action_cell = value("action")
            if (
                self.out.steps
                and key_cell is not None
                and key_cell.continued
                and action_cell is not None
                and not action_cell.continued
                and action_cell.text
            ):
                # The step's cell spans this row too: its text continues the step.
                step = self.out.steps[-1]
                step["action"] = "\n\n".join(x for x in (step["action"], *action_cell.lines) if x)
                self.out.fragments.extend(action_cell.text.split("\n"))
                continue
            step = {
                "phase": phase,
                "name": "",
                "responsible": "",
                "action": "",
                "time_limit": "",
                "record": "",
            }
            phase = ""
            extra = []
            for index, role in columns.items():
                if index >= len(row):
                    continue
                cell = row[index]
                if cell.continued and role not in carried:
                    continue
                if role == "action":
                    step["action"] = "\n\n".join(cell.lines)
                elif role == "number":
                    number = cell.text.strip()
                    if not re.fullmatch(r"(buoc\s*)?\d+[.:]?", fold(number)):
                        extra.append(number)
                    else:
                        continue  # "Bước 3": the table numbers its steps itself
                else:
                    step[role] = cell.text.replace("\n", "; ") if role != "name" else cell.text
                if not cell.continued:
                    self.out.fragments.extend(t for t in cell.text.split("\n") if t)
                elif role in carried:
                    pass
            # Columns of no known role: their text joins the action, not lost.
            for index, cell in enumerate(row):
                if index in columns or (index and row[index - 1].tc is cell.tc) or cell.continued:
                    continue
                if cell.text and cell.tc not in {row[i].tc for i in columns if i < len(row)}:
                    step["action"] = "\n\n".join(x for x in (step["action"], *cell.lines) if x)
                    self.out.fragments.extend(t for t in cell.text.split("\n") if t)
            if extra:
                step["name"] = " ".join([*extra, step["name"]]).strip()
            if not step["name"]:
                # The step's name is the first paragraph of what is done.
                paragraphs = [x for x in step["action"].split("\n\n") if x]
                if paragraphs:
                    step["name"] = _plain_of(paragraphs[0])
                    step["action"] = "\n\n".join(paragraphs[1:])
            if not any(step[k] for k in ("name", "responsible", "action", "time_limit", "record")):
                continue
            if not step["name"]:
                step["name"] = _("Step %(number)d") % {"number": len(self.out.steps) + 1}
            step["name"] = step["name"].replace("\n", " ")[:300]
            self.out.steps.append(step)

    def _records(self, grid, columns: dict[int, str]):
        for row in grid[1:]:
            record = {"name": "", "keeper": "", "place": "", "retention": "", "medium": ""}
            code = ""
            extra = []
            for index, cell in enumerate(row):
                if index and row[index - 1].tc is cell.tc:
                    continue
                role = columns.get(index)
                text = cell.text.replace("\n", "; ").strip()
                if not text:
                    continue
                if role == "number" and re.fullmatch(r"\d+[.]?", text):
                    continue
                if role == "code":
                    code = text
                elif role in record:
                    record[role] = text
                else:
                    extra.append(text)
                if not cell.continued:
                    self.out.fragments.extend(t for t in cell.text.split("\n") if t)
            if extra:
                record["name"] = " ".join([record["name"], *extra]).strip()
            if code:
                record["name"] = f"{record['name']} ({code})" if record["name"] else code
            if any(record.values()):
                record["name"] = record["name"][:300] or "—"
                self.out.records.append(record)

    # -- the result -------------------------------------------------------------------------
    def _finish(self) -> ReadFile:
        out = self.out
        if self.procedure:
            for key in SECTION_KEYS:
                text = _join(self.blocks[key])
                if text:
                    out.sections[key] = text
            out.other = _join(self.other)
            if out.other:
                out.warnings.append(
                    _("Text that belongs to no section was put in “Other content”: check it.")
                )
            if not out.steps:
                out.warnings.append(_("No steps table was recognised."))
        else:
            out.other = _join(self.blocks["purpose"] + self.other)
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


def _join(blocks: list[_Block]) -> str:
    out = []
    for index, block in enumerate(blocks):
        if index and not (block.is_list and blocks[index - 1].is_list):
            out.append("\n\n")
        elif index:
            out.append("\n")
        out.append(block.markdown)
    return "".join(out).strip()


def _plain_of(markdown: str) -> str:
    text = re.sub(r"(?<!\\)[*]+", "", markdown)
    return re.sub(r"\\(.)", r"\1", text).strip()


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
