"""Word's XML as the reader meets it: the text and emphasis of a paragraph's runs
as Markdown, a table as a grid of cells, and the Markdown pieces a part is made of.

Pure functions on python-docx's lxml elements; nothing here knows what a procedure is.
"""

import re
import unicodedata
from dataclasses import dataclass

from documents.register.search import fold

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

DASH = re.compile(r"^\s*[–—\-•·+*\uf0b7\uf0a7\uf02d]\s+")
DASH_MD = re.compile(r"^\s*\\?[–—\-•·+*\uf0b7\uf0a7\uf02d]\s+")  # the same, in Markdown
SPACES = re.compile(r"[ \t\u00a0]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_on(props, tag) -> bool:
    if props is None:
        return False
    element = props.find(W + tag)
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


def runs_of(p) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of each run of a paragraph, in order."""
    out = []
    for run in p.iter(W + "r"):
        props = run.find(W + "rPr")
        bold, italic = is_on(props, "b"), is_on(props, "i")
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


def escape_markdown(text: str, *, start: bool) -> str:
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
    plain = SPACES.sub(" ", "".join(m[0] for m in merged))
    pieces: list[str] = []
    previous_marked = False
    for text, bold, italic in merged:
        text = SPACES.sub(" ", text)
        core = text.strip()
        start = not pieces or not "".join(pieces).strip()
        if not core or not (bold or italic):
            pieces.append(escape_markdown(text, start=start))
            previous_marked = False
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        touching = previous_marked and not lead and pieces and not pieces[-1][-1:].isspace()
        if touching or "\n" in core:
            pieces.append(escape_markdown(text, start=start))
            previous_marked = False
            continue
        mark = "***" if bold and italic else "**" if bold else "*"
        pieces.append(f"{lead}{mark}{escape_markdown(core, start=False)}{mark}{trail}")
        previous_marked = not trail
    markdown = "".join(pieces).strip()
    return markdown, plain.strip()


# --- tables ------------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str  # plain, paragraphs joined by "\n"
    lines: list  # Markdown of each paragraph
    continued: bool  # a vertically merged cell that continues the one above
    tc: object  # the w:tc element: one cell spanning columns appears once per column


def cell_paragraphs(tc):
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
            for p in cell_paragraphs(tc):
                markdown, plain = inline_markdown(runs_of(p))
                if DASH.match(plain):
                    plain = DASH.sub("", plain, count=1)
                    markdown = "- " + DASH_MD.sub("", markdown, count=1)
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


def distinct_cells(row: list[Cell]) -> list[Cell]:
    seen, out = set(), []
    for cell in row:
        if id(cell.tc) not in seen:
            seen.add(id(cell.tc))
            out.append(cell)
    return out


def match_columns(header: list[Cell], words: list[tuple[str, str]]) -> dict[int, str]:
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


# --- Markdown pieces ---------------------------------------------------------------------------


@dataclass
class Block:
    """A paragraph, list item or table of a part, as Markdown."""

    markdown: str
    is_list: bool = False


def join_blocks(blocks: list[Block]) -> str:
    """A part's Markdown: blocks a blank line apart, the items of one list a line apart."""
    out = []
    for index, block in enumerate(blocks):
        if index and not (block.is_list and blocks[index - 1].is_list):
            out.append("\n\n")
        elif index:
            out.append("\n")
        out.append(block.markdown)
    return "".join(out).strip()


def plain_of(markdown: str) -> str:
    """The text of inline Markdown without its emphasis marks and escapes."""
    text = re.sub(r"(?<!\\)[*]+", "", markdown)
    return re.sub(r"\\(.)", r"\1", text).strip()
