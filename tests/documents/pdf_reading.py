"""Reading PDFs back in tests: text per page with pdftotext (poppler), outline with pypdf."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

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


def page_words(data: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Per page, every word with its box: (text, left, top, right) in points."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        xhtml = subprocess.run(
            ["pdftotext", "-bbox", "-enc", "UTF-8", handle.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    pages = []
    for page in xhtml.split("<page ")[1:]:
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            page,
        )
        pages.append([(text, float(x0), float(y0), float(x1)) for x0, y0, x1, text in words])
    return pages


def page_pixels(data: bytes, *, dpi: int = 50) -> list[bytes]:
    """Every page rasterised in grey (poppler's pdftoppm), as raw pixel bytes."""
    with tempfile.TemporaryDirectory() as folder:
        source = f"{folder}/in.pdf"
        with open(source, "wb") as handle:
            handle.write(data)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), source, f"{folder}/p"], check=True)
        images = []
        for path in sorted(Path(folder).glob("p-*.pgm")):
            raw = path.read_bytes()
            # P5 header: magic, width height, maxval, each ended by one whitespace byte
            header_end = 0
            for _ in range(3):
                header_end = raw.index(b"\n", header_end) + 1
            images.append(raw[header_end:])
        return images
