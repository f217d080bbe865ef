"""An edition back out to Word (.docx), in the layout of its PDF.

The header block (organisation, title, code, edition, date, page x/y) in the
page header; on the first page the prepared / reviewed / approved table and the
change history; then the sections, the steps table (phase headings as rows
across the table), the records table and "Other content". The words are the
PDF's own (printed in the organisation's language), so a file exported here
reads back through :mod:`documents.wordio.reader` into the same sections,
steps and records.

Pure: an edition in, bytes out.
"""

import io
import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from documents.printing.pdf import edition_context
from ims.models import Organisation

FONT = "Times New Roman"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- small writers ------------------------------------------------------------------------


def _borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _field(paragraph, instruction: str):
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the page out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


_INLINE = re.compile(r"(\*\*\*.+?\*\*\*|\*\*.+?\*\*|\*.+?\*)")


def _unescape(text: str) -> str:
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _inline(paragraph, markdown: str, *, bold=False):
    """Runs of one line of Markdown: ***bold italic***, **bold**, *italic*."""
    protected = markdown.replace("\\*", "\x00")
    for piece in _INLINE.split(protected):
        if not piece:
            continue
        strong, italic = bold, False
        if piece.startswith("***") and piece.endswith("***") and len(piece) > 6:
            piece, strong, italic = piece[3:-3], True, True
        elif piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            piece, strong = piece[2:-2], True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            piece, italic = piece[1:-1], True
        text = _unescape(piece.replace("\x00", "\\*"))
        lines = text.split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold = strong or None
            run.italic = italic or None
            if index < len(lines) - 1:
                run.add_break()


def _table_rows(block: list[str]) -> list[list[str]]:
    rows = []
    for line in block:
        # "\|" is a "|" typed in a cell (documents.terms writes it so), not a border.
        cells = [
            c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))
        ]
        if all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
            continue
        rows.append(cells)
    return rows


_PICTURE = re.compile(r"^!\[([^\]]*)\]\(attachment:(\d+)\)$")


def _picture(container, image) -> None:
    """An edition image as its own paragraph, at most the text's width (165 mm)."""
    width = min(Mm(160), Mm(image.width * 25.4 / 96))
    with image.file.open("rb") as handle:
        container.add_paragraph().add_run().add_picture(io.BytesIO(handle.read()), width=width)


def write_markdown(container, markdown: str, *, images=None):
    """Paragraphs, typed lists, numbered lists, tables and the edition's pictures
    (``images``: number -> EditionImage) of an edition's Markdown."""
    blocks, current = [], []
    for line in (markdown or "").splitlines():
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        if re.match(r"^\s*([-*+]|\d+[.)])\s+", line) and current and not _is_list(current[-1]):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    for block in blocks:
        picture = _PICTURE.match(block[0].strip()) if len(block) == 1 else None
        if picture and images and int(picture.group(2)) in images:
            _picture(container, images[int(picture.group(2))])
            continue
        if all(line.lstrip().startswith("|") for line in block):
            rows = _table_rows(block)
            if rows:
                width = max(len(r) for r in rows)
                table = container.add_table(rows=len(rows), cols=width)
                _borders(table)
                for r, row in enumerate(rows):
                    for c, text in enumerate(row):
                        cell = table.cell(r, c)
                        for index, part in enumerate(re.split(r"<br\s*/?>", text)):
                            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                            _inline(paragraph, part, bold=r == 0)
            continue
        if all(_is_list(line) for line in block):
            for line in block:
                match = re.match(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$", line)
                indent, marker, text = match.groups()
                if marker in "-*+":
                    paragraph = container.add_paragraph()
                    if indent:
                        paragraph.paragraph_format.left_indent = Mm(8 * (len(indent) // 4 or 1))
                    paragraph.add_run("– ")
                    _inline(paragraph, text)
                else:
                    _inline(container.add_paragraph(style="List Number"), text)
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", block[0])
        if heading and len(block) == 1:
            _inline(container.add_paragraph(), heading.group(2), bold=True)
            continue
        _inline(container.add_paragraph(), "\n".join(block))


def _is_list(line: str) -> bool:
    return bool(re.match(r"^\s*([-*+]|\d+[.)])\s+", line))


def _cell(cell, text: str, *, bold=False, center=False):
    cell.paragraphs[0].text = ""
    for index, line in enumerate((text or "").split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold or None
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _title(doc, text: str):
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(8)
    run = paragraph.add_run(text.upper())
    run.bold = True


# --- the edition -----------------------------------------------------------------------------


def _header_block(section, context):
    organisation = context["organisation"]
    header = section.header
    header.is_linked_to_previous = False
    table = header.add_table(rows=4, cols=3, width=Mm(165))
    _borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    org = "\n".join(
        x
        for x in (getattr(organisation, "parent_name", ""), getattr(organisation, "name", ""))
        if x
    )
    date = context["header_date"]
    meta = [
        f"{pgettext('print', 'Code')}: {context['header_code']}",
        f"{pgettext('print', 'Edition')}: {context['header_edition']}",
        f"{pgettext('print', 'Issue date')}: {date.strftime('%d/%m/%Y') if date else '…/…/……'}",
    ]
    for row, text in enumerate(meta):
        _cell(table.cell(row, 2), text)
    page = table.cell(3, 2).paragraphs[0]
    page.add_run(f"{pgettext('print', 'Page')}: ")
    _field(page, "PAGE")
    page.add_run("/")
    _field(page, "NUMPAGES")
    org_cell = table.cell(0, 0).merge(table.cell(3, 0))
    _cell(org_cell, org.upper(), bold=True, center=True)
    title_cell = table.cell(0, 1).merge(table.cell(3, 1))
    _cell(title_cell, context["header_title"].upper(), bold=True, center=True)
    for paragraph in header.paragraphs:
        if not paragraph.text:
            paragraph.paragraph_format.space_after = Pt(0)


def _signoff_table(doc, context):
    columns = context["signoffs"]
    table = doc.add_table(rows=5, cols=4)
    _borders(table)
    heads = ["", pgettext("print", "Prepared by"), pgettext("print", "Reviewed by"),
             pgettext("print", "Approved by")]  # fmt: skip
    for c, text in enumerate(heads):
        _cell(table.cell(0, c), text.upper(), bold=True, center=True)
    labels = [
        pgettext("print", "Full name"),
        pgettext("print", "Position"),
        pgettext("print", "Signature"),
        pgettext("print", "Date"),
    ]
    for r, label in enumerate(labels, start=1):
        _cell(table.cell(r, 0), label, bold=True)
        for c, column in enumerate(columns, start=1):
            signed = column.get("signed_on")
            values = [
                column.get("name", ""),
                column.get("position", ""),
                "",
                signed.strftime("%d/%m/%Y") if signed else column.get("date_text", ""),
            ]
            _cell(table.cell(r, c), values[r - 1], center=True)


def _history_table(doc, context):
    _title(doc, pgettext("print", "Document change history"))
    rows = [
        (str(row.get("edition", "")), row.get("date", ""), _history_text(row))
        for row in context["imported_history"]
    ]
    rows += [
        (
            str(r.number),
            r.effective_date.strftime("%d/%m/%Y") if r.effective_date else "",
            r.change_summary,
        )
        for r in context["history"]
    ]
    table = doc.add_table(rows=1 + len(rows), cols=3)
    _borders(table)
    heads = [pgettext("print", "Edition"), pgettext("print", "Effective date"),
             pgettext("print", "What changed")]  # fmt: skip
    for c, text in enumerate(heads):
        _cell(table.cell(0, c), text, bold=True, center=True)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            _cell(table.cell(r, c), text)


def _history_text(row: dict) -> str:
    text = row.get("change", "")
    if row.get("page"):
        text += f" ({pgettext('print', 'pages')} {row['page']})"
    if row.get("note"):
        text += f". {row['note']}"
    return text


def _steps_table(doc, steps):
    heads = [
        pgettext("print", "Step"),
        pgettext("print", "Responsible"),
        pgettext("print", "What is done"),
        pgettext("print", "Time limit"),
        pgettext("print", "Form / result"),
    ]
    table = doc.add_table(rows=1, cols=5)
    _borders(table)
    for c, text in enumerate(heads):
        _cell(table.cell(0, c), text, bold=True, center=True)
    for step in steps:
        if step.phase:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            _cell(merged, step.phase, bold=True)
        cells = table.add_row().cells
        _cell(cells[0], str(step.order), center=True)
        _cell(cells[1], step.responsible)
        action = cells[2]
        action.paragraphs[0].add_run(step.name).bold = True
        if step.action:
            write_markdown(action, step.action)
        _cell(cells[3], step.time_limit)
        _cell(cells[4], step.record)


def _records_table(doc, records):
    heads = [pgettext("print", "No."), pgettext("print", "Record"), pgettext("print", "Keeper"),
             pgettext("print", "Place kept"), pgettext("print", "Retention time"),
             pgettext("print", "Form kept")]  # fmt: skip
    table = doc.add_table(rows=1 + len(records), cols=6)
    _borders(table)
    for c, text in enumerate(heads):
        _cell(table.cell(0, c), text, bold=True, center=True)
    for r, record in enumerate(records, start=1):
        values = [str(r), record.name, record.keeper, record.place, record.retention, record.medium]
        for c, text in enumerate(values):
            _cell(table.cell(r, c), text)


def edition_to_docx(revision, *, organisation=None) -> bytes:
    """One edition as a Word file, in its PDF's layout and words."""
    if organisation is None:
        organisation = Organisation.current()
    with translation.override(settings.LANGUAGE_CODE):
        context = edition_context(revision, organisation)
        images = {image.number: image for image in revision.images.all()}
        doc = WordDocument()
        style = doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(13)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        section = doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(8)
        _header_block(section, context)
        if context["watermark"]:
            mark = doc.add_paragraph()
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = mark.add_run(context["watermark"].upper())
            run.bold = True
        _signoff_table(doc, context)
        _history_table(doc, context)
        document = revision.document
        if document.has_sections:
            labels = [title for title, _html in context["sections"]]
            keys = ["purpose", "scope", "references", "terms"]
            for number, (key, label) in enumerate(zip(keys, labels, strict=True), start=1):
                _title(doc, f"{number}. {label}")
                write_markdown(doc, getattr(revision, key), images=images)
            _title(doc, f"5. {pgettext('print', 'Procedure content')}")
            _steps_table(doc, context["steps"])
            _title(doc, f"6. {pgettext('print', 'Records kept')}")
            _records_table(doc, context["records"])
            if revision.body:
                _title(doc, f"7. {pgettext('print', 'Other content')}")
                write_markdown(doc, revision.body, images=images)
        else:
            write_markdown(doc, revision.body, images=images)
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def docx_filename(revision) -> str:
    return f"{revision.document.code}-lan-{revision.number:02d}.docx"


__all__ = ["CONTENT_TYPE", "docx_filename", "edition_to_docx", "write_markdown"]
