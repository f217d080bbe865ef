"""Tabular exports (.xlsx and CSV) shared by the registers and logs.

Every export of every app goes through here, so that no text typed by a user
(an anonymous survey answer, a document title) ever reaches a spreadsheet as a
formula: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is written as text (OWASP "CSV injection"): in .xlsx as a
string cell with the quote prefix, in CSV behind a ``'``. Numbers and dates
stay numbers and dates.
"""

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet may read as the start of a formula (or of a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    """True for a text that a spreadsheet would take as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_safe(value):
    """``value`` as a CSV cell: formula-like text behind a ``'``, anything else unchanged."""
    return "'" + value if is_formula_like(value) else value


def _cell(value):
    if isinstance(value, datetime):
        value = (
            timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        )
    if value is None:
        return ""
    if isinstance(value, (int, float, date)):
        return value
    return str(value)


def _keep_as_text(cells) -> None:
    for cell in cells:
        if is_formula_like(cell.value):
            # openpyxl made it a formula ("f"): a string shown as typed instead.
            cell.data_type = "s"
            cell.quotePrefix = True


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "IMS") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in headers])
    _keep_as_text(sheet[1])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        values = [_cell(v) for v in row]
        sheet.append(values)
        # Only the cells that need it, fetched one by one: ``sheet[number]`` and
        # ``sheet.max_row`` walk every cell, which made a long export quadratic.
        _keep_as_text(
            sheet.cell(row=number, column=i) for i, v in enumerate(values, 1) if is_formula_like(v)
        )
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column[:200])
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
        for c in column:
            if isinstance(c.value, (date, datetime)):
                c.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], **kwargs):
    response = HttpResponse(xlsx_bytes(headers, rows, **kwargs), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]):
    """UTF-8 with a byte-order mark, so that Excel opens Vietnamese text correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_safe(str(h)) for h in headers])
    for row in rows:
        writer.writerow(
            [v.strftime("%d/%m/%Y") if isinstance(v, date) else csv_safe(_cell(v)) for v in row]
        )
    return response


def read_table(fileobj, kind: str, *, max_rows: int | None = None) -> list[dict[str, str]]:
    """Rows of an uploaded .xlsx or CSV as dicts keyed by the (stripped) header row.

    Both are read as a stream and refused (ValidationError) past ``max_rows`` data
    rows (``IMS_IMPORT_MAX_ROWS``); an .xlsx is first checked by ``ims.zipguard``.
    """
    from ims.zipguard import capped_rows, check_zip

    workbook = None
    if kind == "xlsx":
        from openpyxl import load_workbook

        check_zip(fileobj)
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
        source = workbook.active.iter_rows(values_only=True)
    else:
        fileobj.seek(0)
        if isinstance(fileobj, io.TextIOBase):
            reader = csv.reader(fileobj)
        else:
            reader = csv.reader(codecs.getreader("utf-8-sig")(fileobj))
        # The quote our CSV export puts before formula-like text comes off again.
        source = ([_unquote(v) for v in row] for row in reader)
    try:
        headers = None
        table = []
        for row in capped_rows(source, limit=max_rows):
            if headers is None:
                headers = [str(h or "").strip() for h in row]
                continue
            if any(v not in (None, "") for v in row):
                table.append(
                    {h: ("" if v is None else v) for h, v in zip(headers, row, strict=False) if h}
                )
        return table
    finally:
        if workbook is not None:
            workbook.close()


def _unquote(value: str) -> str:
    return value[1:] if value.startswith("'") and is_formula_like(value[1:]) else value
