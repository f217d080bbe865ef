"""Benchmark of bringing a whole document set in from Word (issue 17, "Speed and memory").

Writes 115 procedures of about nine printed pages each (the corpus script's
shapes, turn and turn about: bold, Heading, Roman, list and upper-case titles,
the three steps-table column sets, merged cells, phase rows, a flow chart in
every other file) into one .zip, then runs the production path on it,
``manage.py import_manual SET.zip --json`` in a process of its own, and
measures that process: wall time and peak resident memory (its ru_maxrss).
A ``--dry-run`` pass (reading only) is timed the same way first.

Target: ≤ 60 s and ≤ 300 MiB peak on 2 cores. Prints the data size and the
machine's load. Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ims_w17import \\
        .venv/bin/python bench/word_import.py [--files 115] [--steps 24]

It uses its own database, ``<name of DATABASE_URL>_bench``, made afresh on each
run (the import refuses codes already in the register).
"""

import argparse
import copy
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, ensure_database, loadavg  # noqa: E402
from tests.documents.word_corpus import make_corpus  # noqa: E402

DEPARTMENTS = ["VP", "TCCB", "KHTC", "GDTrH", "QLCL"]
STYLES = ["bold", "heading", "roman_bold", "list", "plain_caps"]
SETS = ["A", "B", "C"]
ACTION = (
    "Chuyên viên kiểm tra thành phần, số lượng hồ sơ theo quy định; đối chiếu với danh mục "
    "thủ tục hành chính đã công bố; ghi phiếu tiếp nhận, hẹn ngày trả kết quả; trường hợp hồ "
    "sơ chưa đầy đủ thì hướng dẫn tổ chức, cá nhân bổ sung, hoàn thiện một lần bằng văn bản. "
    "Cập nhật tình trạng xử lý trên hệ thống một cửa điện tử của tỉnh và lưu hồ sơ theo quy định."
)
PARAGRAPH = (
    "Quy trình này quy định trình tự, thủ tục, trách nhiệm của các phòng, ban và cá nhân có "
    "liên quan thuộc Sở Giáo dục và Đào tạo trong việc thực hiện nhiệm vụ, bảo đảm đúng quy "
    "định của pháp luật, công khai, minh bạch và đáp ứng yêu cầu của tiêu chuẩn TCVN ISO 9001:2015."
)


def spec_for(n: int, steps: int) -> dict:
    base = copy.deepcopy(make_corpus.CORPUS["qt01_bold_arabic.docx"])
    department = DEPARTMENTS[n % len(DEPARTMENTS)]
    base.update(
        code=f"QT.{n:03d}-{department}",
        title=f"QUY TRÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH SỐ {n}",
        edition=1 + n % 4,
        date=f"{1 + n % 28:02d}/{1 + n % 12:02d}/2024",
        title_style=STYLES[n % len(STYLES)],
        step_set=SETS[n % len(SETS)],
        image=n % 2 == 0,
        letterhead=n % 3 == 0,
        header_in_page_header=n % 4 != 0,
    )
    base["steps"] = [
        {
            "phase": f"Giai đoạn {i // 6 + 1}: Thực hiện" if i % 6 == 0 else "",
            "name": f"Bước xử lý số {i + 1} của quy trình",
            "responsible": "Chuyên viên phòng" if i % 3 else "Lãnh đạo phòng",
            "same_responsible": i % 5 == 1,
            "action": ACTION,
            "time": f"{1 + i % 5:02d} ngày",
            "record": f"BM.{i + 1:02d}",
        }
        for i in range(steps)
    ]
    base["records"] = [
        {
            "name": f"Hồ sơ số {i + 1}",
            "place": "Văn phòng",
            "retention": "05 năm",
            "medium": "Giấy",
        }
        for i in range(8)
    ]
    base["text"] = {key: [PARAGRAPH] * 3 + list(make_corpus.TEXT[key]) for key in make_corpus.TEXT}
    return base


def make_set(files: int, steps: int) -> tuple[bytes, int]:
    """The .zip of ``files`` procedures and the characters of text they hold."""
    buffer = io.BytesIO()
    chars = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(1, files + 1):
            spec = spec_for(n, steps)
            data = io.BytesIO()
            make_corpus.write_procedure(spec, data)
            archive.writestr(f"bo-quy-trinh/{spec['code']}.docx", data.getvalue())
            chars += sum(len(s["action"]) + len(s["name"]) for s in spec["steps"])
            chars += sum(
                len(p) if isinstance(p, str) else 60 for v in spec["text"].values() for p in v
            )
    return buffer.getvalue(), chars


_MEASURED = (
    "import resource, runpy, sys\n"
    "sys.argv = ['manage.py', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_path('manage.py', run_name='__main__')\n"
    "finally:\n"
    "    usage = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    cpu = usage.ru_utime + usage.ru_stime\n"
    "    sys.stderr.write(f'\\nPEAK_KIB {usage.ru_maxrss} CPU_S {cpu:.2f}\\n')\n"
)


def run_command(env: dict, args: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak resident memory (MiB) and output of one
    ``manage.py`` process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    figures = done.stderr.rsplit("PEAK_KIB", 1)[1].split()
    peak, cpu = int(figures[0]), float(figures[2])  # KiB on Linux
    return wall, cpu, peak / 1024, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=115)
    parser.add_argument("--steps", type=int, default=24)
    options = parser.parse_args()

    env = bench_env("postgres://postgres@127.0.0.1:5432/ims_w17import", REDIS_URL="")
    print("preparing the bench database (afresh)…", flush=True)
    ensure_database(env, reload=True)
    setup = (
        "from ims.models import Department\n"
        f"for code in {DEPARTMENTS!r}:\n"
        "    Department.objects.get_or_create(code=code, defaults={'name': code})\n"
        "from django.contrib.auth import get_user_model\n"
        "get_user_model().objects.create_superuser('bench', 'bench@example.org', None)\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", setup], cwd=ROOT, env=env, check=True
    )
    print(f"writing {options.files} procedures…", flush=True)
    data, chars = make_set(options.files, options.steps)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bo-quy-trinh.zip"
        path.write_bytes(data)
        load_before = loadavg()
        dry_wall, dry_cpu, dry_peak, _out = run_command(
            env, ["import_manual", str(path), "--dry-run", "--json"]
        )
        wall, cpu, peak, out = run_command(
            env, ["import_manual", str(path), "--json", "--user", "bench"]
        )
        load_after = loadavg()
    report = json.loads(out)["files"]
    failed = [f for f in report if f.get("errors")]
    steps = sum(f["steps"] for f in report)
    records = sum(f["records"] for f in report)
    images = sum(f["images"] for f in report)
    unplaced = sum(f["unplaced_chars"] for f in report)
    print()
    print(
        f"data: {options.files} .docx files in one .zip of {len(data) / 1024 / 1024:.1f} MiB; "
        f"{chars:,} characters of text (about {chars / 1300:.0f} pages, "
        f"{chars / 1300 / options.files:.1f} a file)"
    )
    print(
        f"read: {steps} steps, {records} records, {images} pictures; "
        f"{unplaced} characters placed nowhere; {len(failed)} files refused"
    )
    print(
        f"dry run (read only):  {dry_wall:6.1f} s wall, {dry_cpu:6.1f} s CPU, "
        f"peak {dry_peak:4.0f} MiB"
    )
    print(
        f"import (read + save): {wall:6.1f} s wall, {cpu:6.1f} s CPU, peak {peak:4.0f} MiB "
        "(target ≤ 60 s, ≤ 300 MiB; one process, Django's start included; the database "
        "server's own time is in the wall time, not the CPU time)"
    )
    print(f"load before: {load_before}; after: {load_after}")
    if failed:
        print("refused:", failed[:3])


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
