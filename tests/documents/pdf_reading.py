"""Reading PDFs back in tests: text per page with pdftotext (poppler), outline with pypdf."""

import io
import re
import subprocess
import tempfile

from pypdf import PdfReader


def page_texts(data: bytes, *, raw: bool = False) -> list[str]:
    """The text of every page, whitespace collapsed to single spaces."""
    count = len(PdfReader(io.BytesIO(data)).pages)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        mode = ["-raw"] if raw else []
        text = subprocess.run(
            ["pdftotext", *mode, "-enc", "UTF-8", handle.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    pages = text.split("\f")[:count]
    return [re.sub(r"\s+", " ", page).strip() for page in pages]


def page_lines(data: bytes, page: int) -> list[str]:
    """The lines of one page (1-based) as laid out, for reading tables row by row."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), handle.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def outline_titles(data: bytes) -> list[tuple[str, int]]:
    """(title, 0-based page) of every bookmark, depth first."""
    reader = PdfReader(io.BytesIO(data))
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found
