"""Benchmark: what a decompression bomb costs each import of an uploaded file.

    DATABASE_URL=postgres://... .venv/bin/python bench/import_bombs.py [--size-mib 1126]
        [--timeout 60] [--kill-mib 2048] [--only NAME]

Builds (once, kept under ``var/bench/bombs/``) files that each import of the
application parses, and posts each to its import page through the test client
in a child process of its own, as the secretariat would through the browser:

* ``rows.xlsx``: a master list of valid rows (unique codes, a department that
  exists, edition 1, a date) whose sheet holds ``--size-mib`` of XML, compressed
  to a few MB;
* ``rows.csv``: a master list CSV of valid rows at the upload limit (a CSV is not
  compressed; the upload limit bounds it, the row cap the work);
* ``paragraphs.docx``: a Word file of ``--size-mib`` of repeated paragraphs;
* ``rows-15m.xlsx``, ``paragraphs-15m.docx``: the same, 15 MiB, under the cap on one
  part, so that the caps on rows and paragraphs are what stops them;
* ``runs-15m.docx``: 15 MiB of one-letter bold runs in 20,000 paragraphs (little
  text, many elements);
* ``zeros.docx`` and ``zeros.xlsx``: the main part is ``--size-mib`` of zero bytes;
* ``small.xlsx`` and ``small.docx``: an ordinary file of each kind, for comparison.

The parent watches each child's resident memory (``/proc``) and kills it past
``--timeout`` seconds or ``--kill-mib`` MiB; its peak is the child's ``ru_maxrss``
(``os.wait4``). Printed per file: its size on disk, the uncompressed size it
declares, seconds, peak resident memory, the memory of the child before the
upload (Django loaded, signed in), and what the page answered.

The child uses the ``_bench`` twin of ``DATABASE_URL`` (see ``bench/common.py``).
"""

import argparse
import json
import os
import signal
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, bench_env, ensure_database, loadavg  # noqa: E402

BOMBS = ROOT / "var" / "bench" / "bombs"
MIB = 1024 * 1024
HEADER = ["Mã hiệu", "Tên tài liệu", "Loại", "Phòng", "Lần ban hành", "Ngày hiệu lực"]
DEPARTMENT = "BOMB"
TITLE = "Quy trình tiếp nhận và giải quyết hồ sơ thủ tục hành chính " * 30

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --- building the files -----------------------------------------------------------


def _small_xlsx(rows) -> bytes:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _small_docx(paragraphs) -> bytes:
    import io

    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}'
        "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def _with_streamed_part(template: bytes, part: str, chunks, path: Path) -> None:
    """Copy ``template`` (a zip) to ``path`` with ``part`` replaced by the streamed ``chunks``."""
    import io

    tmp = path.with_suffix(path.suffix + ".tmp")
    with (
        zipfile.ZipFile(io.BytesIO(template)) as source,
        zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            if info.filename == part:
                continue
            target.writestr(info.filename, source.read(info.filename))
        with target.open(part, "w", force_zip64=True) as stream:
            for chunk in chunks:
                stream.write(chunk)
    tmp.replace(path)


def _sheet_chunks(total: int):
    """sheet1.xml: the header row, then valid rows until ``total`` bytes."""

    def cell(ref, text):
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
        '<row r="1">'
        + "".join(cell(f"{c}1", h) for c, h in zip("ABCDEF", HEADER, strict=True))
        + "</row>"
    )
    tail = "</sheetData></worksheet>"
    yield head.encode()
    written = len(head)
    n = 2
    batch = []
    while written < total - len(tail):
        row = (
            f'<row r="{n}">{cell(f"A{n}", f"QT.{n:07d}-{DEPARTMENT}")}{cell(f"B{n}", TITLE)}'
            f"{cell(f'C{n}', 'QT')}{cell(f'D{n}', DEPARTMENT)}{cell(f'E{n}', '1')}"
            f"{cell(f'F{n}', '01/09/2025')}</row>"
        )
        batch.append(row)
        written += len(row.encode())
        n += 1
        if len(batch) == 2000:
            yield "".join(batch).encode()
            batch = []
    yield ("".join(batch) + tail).encode()


def _document_chunks(total: int):
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'
    tail = "</w:body></w:document>"
    # One long paragraph repeated: each is 3.5 KB of text, as a pasted page would be.
    paragraph = f"<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p>"
    yield head.encode()
    block = (paragraph * 1000).encode()
    written = len(head)
    while written < total - len(tail):
        yield block
        written += len(block)
    yield tail.encode()


def _run_chunks(total: int):
    """Bold one-letter runs in 20,000 paragraphs: little text, many elements."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'
    tail = "</w:body></w:document>"
    # Random letters, so that the part compresses like a real one (under the ratio cap).
    import random

    rng = random.Random(15)
    letters = "abcdefghijklmnopqrstuvwxyz"
    size = len("<w:r><w:rPr><w:b/></w:rPr><w:t>xxxx</w:t></w:r>")
    per_paragraph = max(1, (total - len(head) - len(tail)) // 20000 // size)
    yield head.encode()
    for _ in range(200):
        block = "".join(
            "<w:p>"
            + "".join(
                f"<w:r><w:rPr><w:b/></w:rPr><w:t>{''.join(rng.choices(letters, k=4))}</w:t></w:r>"
                for _ in range(per_paragraph)
            )
            + "</w:p>"
            for _ in range(100)
        )
        yield block.encode()
    yield tail.encode()


def _zero_chunks(total: int):
    block = bytes(MIB)
    for _ in range(total // MIB):
        yield block


def build(size: int, upload_limit: int) -> dict[str, Path]:
    BOMBS.mkdir(parents=True, exist_ok=True)
    tag = f"{size // MIB}m"
    files = {
        "small.xlsx": BOMBS / "small.xlsx",
        "small.docx": BOMBS / "small.docx",
        "rows.xlsx": BOMBS / f"rows-{tag}.xlsx",
        "rows.csv": BOMBS / f"rows-{upload_limit // MIB}m.csv",
        "paragraphs.docx": BOMBS / f"paragraphs-{tag}.docx",
        "rows-15m.xlsx": BOMBS / "rows-15m.xlsx",
        "paragraphs-15m.docx": BOMBS / "paragraphs-15m.docx",
        "runs-15m.docx": BOMBS / "runs-15m.docx",
        "zeros.xlsx": BOMBS / f"zeros-{tag}.xlsx",
        "zeros.docx": BOMBS / f"zeros-{tag}.docx",
    }
    rows = [HEADER] + [
        [f"QT.{n:02d}-{DEPARTMENT}", f"Quy trình số {n}", "QT", DEPARTMENT, 1, "01/09/2025"]
        for n in range(1, 21)
    ]
    xlsx_template = _small_xlsx(rows)
    docx_template = _small_docx([f"Đoạn văn số {n}." for n in range(50)])
    if not files["small.xlsx"].exists():
        files["small.xlsx"].write_bytes(xlsx_template)
    if not files["small.docx"].exists():
        files["small.docx"].write_bytes(docx_template)
    sheet = "xl/worksheets/sheet1.xml"
    if not files["rows.xlsx"].exists():
        _with_streamed_part(xlsx_template, sheet, _sheet_chunks(size), files["rows.xlsx"])
    under = 15 * MIB  # under the cap on one part: the caps while parsing must hold
    if not files["rows-15m.xlsx"].exists():
        _with_streamed_part(xlsx_template, sheet, _sheet_chunks(under), files["rows-15m.xlsx"])
    if not files["paragraphs-15m.docx"].exists():
        _with_streamed_part(
            docx_template,
            "word/document.xml",
            _document_chunks(under),
            files["paragraphs-15m.docx"],
        )
    if not files["runs-15m.docx"].exists():
        _with_streamed_part(
            docx_template, "word/document.xml", _run_chunks(under), files["runs-15m.docx"]
        )
    if not files["zeros.xlsx"].exists():
        _with_streamed_part(xlsx_template, sheet, _zero_chunks(size), files["zeros.xlsx"])
    if not files["paragraphs.docx"].exists():
        _with_streamed_part(
            docx_template, "word/document.xml", _document_chunks(size), files["paragraphs.docx"]
        )
    if not files["zeros.docx"].exists():
        _with_streamed_part(
            docx_template, "word/document.xml", _zero_chunks(size), files["zeros.docx"]
        )
    if not files["rows.csv"].exists():
        with open(files["rows.csv"], "w", encoding="utf-8") as out:
            out.write(",".join(HEADER) + "\n")
            n, written = 1, 0
            title = TITLE[:200]
            while True:
                line = f"QT.{n:07d}-{DEPARTMENT},{title},QT,{DEPARTMENT},1,01/09/2025\n"
                if written + len(line.encode()) > upload_limit - 1024:
                    break
                out.write(line)
                written += len(line.encode())
                n += 1
    return files


def declared_size(path: Path) -> int:
    if path.suffix == ".csv":
        return path.stat().st_size
    with zipfile.ZipFile(path) as archive:
        return sum(i.file_size for i in archive.infolist())


# --- the child: one upload through the import page --------------------------------


def child(name: str, path: str) -> None:
    import resource

    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from documents.models import Document
    from ims.models import Department
    from ims.roles import Role
    from tests.factories import make_user

    department, _ = Department.objects.get_or_create(
        code=DEPARTMENT, defaults={"name": "Phòng đo tải"}
    )
    document, _ = Document.objects.get_or_create(
        code="QT.99-BOMB",
        defaults={"title": "Quy trình đo", "kind": "QT", "department": department},
    )
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="bench-bombs").first() or make_user(
        "bench-bombs", roles=(Role.ISO_SECRETARIAT, Role.STAFF)
    )
    setup_test_environment()  # the response carries its template context
    client = Client()
    client.force_login(user)
    url = (
        reverse("documents:import_body", args=[document.code])
        if name.endswith(".docx")
        else reverse("documents:import_master_list")
    )
    client.get(url)  # templates and translations loaded before the baseline
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with open(path, "rb") as handle:
        response = client.post(url, {"file": handle})
    elapsed = time.perf_counter() - start
    context = response.context or {}
    form = context.get("form")
    if form is not None and form.errors.get("file"):
        outcome = "refused: " + " ".join(form.errors["file"])
    elif context.get("rows") is not None:
        rows = context["rows"]
        outcome = f"preview of {len(rows)} rows, {context.get('errors')} with errors"
    elif context.get("preview") is not None:
        outcome = f"preview of {len(context['preview'])} characters of HTML"
    else:
        outcome = f"HTTP {response.status_code}"
    print(json.dumps({"seconds": elapsed, "baseline_kib": before, "outcome": outcome}))


# --- the parent --------------------------------------------------------------------


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_one(name: str, path: Path, env: dict, timeout: float, kill_kib: int) -> dict:
    import subprocess

    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", name, str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    killed = None
    while True:
        # wait4 (not poll) reaps the child and gives its own ru_maxrss.
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout + 15:  # startup and sign-in take a few seconds
            killed = f"> {timeout:.0f} s"
        elif _rss_kib(process.pid) > kill_kib:
            killed = f"> {kill_kib // 1024} MiB"
        if killed:
            os.kill(process.pid, signal.SIGKILL)
            _pid, _status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.05)
    process.returncode = 0
    out, err = process.stdout.read(), process.stderr.read()
    result = {"peak_mib": usage.ru_maxrss / 1024, "killed": killed}
    if killed:
        result.update(seconds=None, outcome=f"killed at {killed}", baseline_mib=None)
        return result
    try:
        data = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        result.update(seconds=None, outcome="crashed: " + err.strip()[-300:], baseline_mib=None)
        return result
    result.update(
        seconds=data["seconds"], outcome=data["outcome"], baseline_mib=data["baseline_kib"] / 1024
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=1126, help="uncompressed size of a bomb")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--kill-mib", type=int, default=2048)
    parser.add_argument("--only", action="append", help="run only these files (by name)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    env = bench_env("postgres://postgres@127.0.0.1:5432/ims")
    env.pop("REDIS_URL", None)
    ensure_database(env)
    upload_limit = int(env.get("IMS_MAX_UPLOAD_MB", "20")) * MIB
    started = time.perf_counter()
    files = build(args.size_mib * MIB, upload_limit)
    print(f"files built or found in {time.perf_counter() - started:.1f} s under {BOMBS}")
    print(f"load before: {loadavg()}")
    print(
        f"{'file':<16} {'on disk':>9} {'declared':>10} {'seconds':>8} {'peak RSS':>10} "
        f"{'before upload':>13}  outcome"
    )
    for name, path in files.items():
        if args.only and name not in args.only:
            continue
        result = run_one(name, path, env, args.timeout, args.kill_mib * 1024)
        seconds = f"{result['seconds']:.1f}" if result["seconds"] is not None else "-"
        baseline = f"{result['baseline_mib']:.0f} MiB" if result["baseline_mib"] else "-"
        print(
            f"{name:<16} {path.stat().st_size / MIB:7.1f} MB {declared_size(path) / MIB:8.0f} MB "
            f"{seconds:>8} {result['peak_mib']:6.0f} MiB {baseline:>13}  {result['outcome']}",
            flush=True,
        )
    print(f"load after: {loadavg()}")


if __name__ == "__main__":
    main()
