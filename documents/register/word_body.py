"""The body of an edition from a Word (.docx) file, as the import page takes it.

mammoth turns the document into plain semantic HTML (headings from Word's
heading styles, lists, tables, bold and italic); :class:`_MarkdownWriter` turns
that HTML into the Markdown the editor uses. Images are dropped: an imported
body never carries a picture from elsewhere into another reader's browser. A
procedure's sections are found under their usual headings, or taken as
:mod:`documents.wordio.reader` read them, and go into the document's draft.
"""

import re
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from documents import services
from documents.models import Document, Revision
from documents.register.search import fold
from ims.uploads import check_upload
from ims.zipguard import check_docx


class DocxError(ValueError):
    """The file could not be read as a Word document; the message says why."""


def read_docx(fileobj) -> tuple[str, list[str]]:
    """Check an upload is a Word file and convert it; ValidationError says why not."""
    check_upload(fileobj, kinds={"docx"})
    check_docx(fileobj)
    try:
        return docx_to_markdown(fileobj)
    except DocxError as exc:
        raise ValidationError(str(exc)) from exc


def docx_to_markdown(fileobj) -> tuple[str, list[str]]:
    """Markdown of a .docx file and the converter's warnings (unknown styles…)."""
    import mammoth

    fileobj.seek(0)
    try:
        result = mammoth.convert_to_html(fileobj)
    except Exception as exc:  # a zip that is not a Word document, a damaged part…
        raise DocxError(_("The Word file could not be read: %(reason)s") % {"reason": exc}) from exc
    warnings = [str(m.message) for m in result.messages if m.type == "warning"]
    return html_to_markdown(result.value), warnings


def html_to_markdown(html: str) -> str:
    writer = _MarkdownWriter()
    writer.feed(html)
    writer.close()
    return writer.markdown()


_INLINE = {"strong": "**", "b": "**", "em": "*", "i": "*"}
_SPACES = re.compile(r"[ \t\r\n]+")


class _MarkdownWriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.text: list[str] = []  # the inline text of the block being read
        self.lists: list[list] = []  # per open list: [ordered, counter]
        self.heading = 0
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.link: str | None = None
        self.skip = 0  # inside an element whose text is dropped

    # -- inline text -------------------------------------------------------------
    def _target(self) -> list[str]:
        return self.cell if self.cell is not None else self.text

    def handle_data(self, data):
        if self.skip:
            return
        self._target().append(_SPACES.sub(" ", data))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in _INLINE:
            self._target().append(_INLINE[tag])
        elif tag == "a":
            href = attrs.get("href") or ""
            self.link = href if href.startswith(("http://", "https://", "mailto:")) else None
            if self.link:
                self._target().append("[")
        elif tag == "br":
            self._target().append(" ")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self.heading = int(tag[1])
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._flush()
            if self.lists:
                self.lists[-1][1] += 1
        elif tag == "table":
            self._flush()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []
        elif tag == "p" and self.cell is None:
            self._flush()
        elif tag == "p" and self.cell:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _INLINE:
            target = self._target()
            if target and target[-1] == _INLINE[tag]:
                target.pop()  # an empty bold or italic run: Word leaves many
            else:
                target.append(_INLINE[tag])
        elif tag == "a":
            if self.link:
                self._target().append(f"]({self.link})")
            self.link = None
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li"):
            if self.cell is None:
                self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.blocks.append("")
        elif tag in ("td", "th") and self.table is not None and self.cell is not None:
            self.table[-1].append(_clean("".join(self.cell)).replace("|", "\\|"))
            self.cell = None
        elif tag == "table" and self.table is not None:
            self._write_table(self.table)
            self.table = None

    # -- blocks ------------------------------------------------------------------
    def _flush(self):
        text = _clean("".join(self.text))
        self.text = []
        if not text:
            self.heading = 0
            return
        if self.heading:
            self.blocks.append("#" * self.heading + " " + text)
            self.blocks.append("")
            self.heading = 0
        elif self.lists:
            ordered, counter = self.lists[-1]
            indent = "    " * (len(self.lists) - 1)
            marker = f"{max(counter, 1)}." if ordered else "-"
            self.blocks.append(f"{indent}{marker} {text}")
        else:
            self.blocks.append(text)
            self.blocks.append("")

    def _write_table(self, rows: list[list[str]]):
        rows = [r for r in rows if any(c for c in r)]
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        self.blocks.append("| " + " | ".join(rows[0]) + " |")
        self.blocks.append("| " + " | ".join("---" for _ in range(width)) + " |")
        for row in rows[1:]:
            self.blocks.append("| " + " | ".join(row) + " |")
        self.blocks.append("")

    def markdown(self) -> str:
        self._flush()
        text = "\n".join(self.blocks)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


PROCEDURE_SECTIONS = ("purpose", "scope", "references", "terms")

# Headings of a procedure written in Word, folded, and the section they fill.
_SECTION_HEADINGS = [
    ("purpose", ("muc dich", "purpose")),
    ("scope", ("pham vi", "scope")),
    ("references", ("tai lieu vien dan", "can cu", "references")),
    ("terms", ("dinh nghia", "viet tat", "thuat ngu", "terms")),
]
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


def split_sections(markdown_text: str) -> tuple[dict[str, str], str]:
    """A procedure's sections found under their usual headings, and the rest of the text."""
    sections: dict[str, list[str]] = {}
    rest: list[str] = []
    target = rest
    for line in markdown_text.splitlines():
        match = _HEADING.match(line)
        if match:
            heading = fold(re.sub(r"^[\d.\s]+", "", match.group(1)))
            name = next(
                (n for n, words in _SECTION_HEADINGS if any(heading.startswith(w) for w in words)),
                None,
            )
            if name:
                target = sections.setdefault(name, [])
                continue
            target = rest
        target.append(line)
    found = {name: "\n".join(lines).strip() for name, lines in sections.items()}
    return found, "\n".join(rest).strip()


def import_body(
    *,
    document: Document,
    markdown_text: str = "",
    filename: str,
    actor,
    content: dict | None = None,
) -> Revision:
    """Put the converted text into the document's draft, opening one if there is none.

    ``content`` is what :mod:`documents.wordio.reader` read from a procedure (its
    sections, steps, records and "Other content" as the body); without it a
    procedure's sections are found under their usual headings in ``markdown_text``
    and everything else is the body, shown as "Other content". Refused with
    ValidationError while an edition is in review or approved: that text is being signed.
    """
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        draft = document.revisions.filter(state__in=Revision.WORK_IN_PROGRESS).first()
        if draft is not None and not draft.is_editable:
            raise ValidationError(
                _("Edition %(number)d is %(state)s; send it back to draft before importing.")
                % {"number": draft.number, "state": draft.get_state_display()}
            )
        try:
            if draft is None:
                draft = services.create_draft(document=document, actor=actor)
            data = {"body": markdown_text}
            if content is not None:
                data = dict(content)
            elif document.has_sections:
                sections, rest = split_sections(markdown_text)
                data = {**sections, "body": rest}
            if not draft.change_summary:
                data["change_summary"] = _("Text imported from %(file)s") % {"file": filename}
            return services.save_draft(
                revision=draft, actor=actor, data=data, version=draft.version
            )
        except services.LifecycleError as exc:
            raise ValidationError(exc.message) from exc
