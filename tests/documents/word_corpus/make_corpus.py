"""Write the test corpus of Word procedures, in the shapes real Sở GDĐT files take.

Run ``python tests/documents/word_corpus/make_corpus.py`` to rewrite the .docx
files and ``expected.json`` beside this script (the tests read both). Each file
is described by a spec (a plain dict) and written by :func:`write_procedure`,
which the import benchmark also uses to make a large set.

The shapes: section titles as bold Normal paragraphs ("1. MỤC ĐÍCH"), in a
Heading style, with Roman numerals, as numbered list items, in other wordings
and without diacritics; the three common steps-table column sets with
vertically merged cells and full-width phase rows; the header block (in the
page header or as the first body table); the sign-off table both ways round;
the change table; the records table; a flow-chart image; a typed "–" list,
"a)" items, bold runs ending in spaces, italic across paragraphs and the
national motto in a table cell.
"""

import io
import json
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
ORG = ("UBND TỈNH SƠN LA", "SỞ GIÁO DỤC VÀ ĐÀO TẠO")

STEP_SETS = {
    "A": ["Bước", "Trách nhiệm", "Nội dung công việc", "Thời gian", "Biểu mẫu/Kết quả"],
    "B": ["Trách nhiệm", "Các bước thực hiện", "Mô tả"],
    "C": ["TT", "Nội dung", "Người thực hiện", "Thời hạn", "Hồ sơ"],
}


def flowchart_png(label: str = "Lưu đồ") -> bytes:
    """A small flow chart picture (three boxes and arrows)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 240), "white")
    draw = ImageDraw.Draw(image)
    for i in range(3):
        top = 10 + i * 80
        draw.rectangle([100, top, 260, top + 50], outline="black", width=2)
        draw.text((120, top + 18), f"{label} {i + 1}", fill="black")
        if i < 2:
            draw.line([180, top + 50, 180, top + 80], fill="black", width=2)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# --- small writers ----------------------------------------------------------------------


def _runs(paragraph, parts):
    """``parts``: text, or (text, "b"/"i"/"bi") for bold / italic runs."""
    for part in parts:
        text, style = (part, "") if isinstance(part, str) else part
        run = paragraph.add_run(text)
        run.bold = "b" in style or None
        run.italic = "i" in style or None
    return paragraph


def _para(doc, *parts, style=None):
    paragraph = doc.add_paragraph(style=style)
    return _runs(paragraph, parts)


def _cell(cell, text, bold=False):
    """Text of a cell; "\n" starts a new paragraph in the cell."""
    lines = text.split("\n")
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold or None


def _grid(table):
    tbl = table._tbl
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        borders.append(element)
    tbl.tblPr.append(borders)


def _table(container, rows, *, header_bold=True, width=None):
    ncols = max(len(r) for r in rows)
    if width is not None:
        table = container.add_table(rows=len(rows), cols=ncols, width=width)
    else:
        table = container.add_table(rows=len(rows), cols=ncols)
    _grid(table)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            _cell(table.cell(r, c), text, bold=header_bold and r == 0)
    return table


def _numbered(doc, text):
    """A paragraph that is an item of Word's numbered list style (its number is not text), bold."""
    paragraph = doc.add_paragraph(style="List Number")
    run = paragraph.add_run(text)
    run.bold = True
    return paragraph


def _title(doc, spec, number, words):
    """A section title in the file's style."""
    style = spec["title_style"]
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][number - 1]
    label = {
        "bold": f"{number}. {words}",
        "heading": f"{roman}. {words}",
        "roman_bold": f"{roman}. {words}",
        "list": words,
        "plain_caps": f"{number}. {words}",
    }[style]
    if style == "heading":
        return doc.add_heading(label, level=1)
    if style == "list":
        return _numbered(doc, label)
    if style == "plain_caps":
        return _para(doc, label)
    # A bold run ending in a space, as Word users leave them.
    return _para(doc, (label + " ", "b"))


# --- the blocks of a procedure ------------------------------------------------------------


def _letterhead(doc):
    table = doc.add_table(rows=1, cols=2)
    _cell(table.cell(0, 0), "\n".join(ORG), bold=True)
    _cell(table.cell(0, 1), "\n".join(MOTTO), bold=True)


def _header_rows(spec):
    return [
        ["\n".join(ORG), spec["title"], f"Mã hiệu: {spec['code']}"],
        ["", "", f"Lần ban hành: {spec['edition']:02d}"],
        ["", "", f"Ngày ban hành: {spec['date']}"],
        ["", "", "Trang: 1/9"],
    ]


def _header_block(container, spec, width=None):
    table = _table(container, _header_rows(spec), header_bold=False, width=width)
    # The organisation and the title span the four rows (vertically merged).
    table.cell(0, 0).merge(table.cell(3, 0))
    table.cell(0, 1).merge(table.cell(3, 1))
    return table


def _signoff(doc, spec):
    roles = spec["signoff_roles"]
    people = spec["signoffs"]
    keys = ["prepared", "reviewed", "approved"]
    if spec.get("signoff_transposed"):
        rows = [["", "Họ và tên", "Chức vụ", "Chữ ký", "Ngày"]]
        for role, key in zip(roles, keys, strict=True):
            person = people[key]
            rows.append([role, person["name"], person["position"], "", person["date"]])
    else:
        rows = [["", *roles]]
        rows.append(["Họ tên", *(people[k]["name"] for k in keys)])
        rows.append(["Chức vụ", *(people[k]["position"] for k in keys)])
        rows.append(["Chữ ký", "", "", ""])
        rows.append(["Ngày", *(people[k]["date"] for k in keys)])
    _table(doc, rows)


def _changes(doc, spec):
    _para(doc, (spec["changes_title"], "b"))
    rows = [["STT", "Lần sửa đổi", "Trang", "Nội dung thay đổi", "Ghi chú"]]
    for i, change in enumerate(spec["changes"], start=1):
        edition = str(change["edition"])
        rows.append([str(i), edition, change["page"], change["what"], change["note"]])
    rows.append(["", "", "", "", ""])  # the blank row templates keep
    _table(doc, rows)


def _steps(doc, spec):
    columns = STEP_SETS[spec["step_set"]]
    rows = [columns]
    merges = []  # (first row, last row, column) of vertical merges
    phase_rows = []
    carried: dict[int, int] = {}
    for index, step in enumerate(spec["steps"], start=1):
        if step.get("phase"):
            phase_rows.append(len(rows))
            rows.append([step["phase"]] + [""] * (len(columns) - 1))
        action = step["name"] + ("\n" + step["action"] if step["action"] else "")
        values = {
            "A": [f"Bước {index}", step["responsible"], action, step["time"], step["record"]],
            "B": [step["responsible"], step["name"], step["action"]],
            "C": [str(index), action, step["responsible"], step["time"], step["record"]],
        }[spec["step_set"]]
        column = columns.index(
            {"A": "Trách nhiệm", "B": "Trách nhiệm", "C": "Người thực hiện"}[spec["step_set"]]
        )
        if step.get("same_responsible") and rows and carried.get(column) is not None:
            values[column] = ""
            merges.append((carried[column], len(rows), column))
        else:
            carried[column] = len(rows)
        rows.append(values)
    table = _table(doc, rows)
    for first, last, column in merges:
        # A merge that runs over a phase row would swallow it: merge step rows only.
        if not any(first < p <= last for p in phase_rows):
            table.cell(first, column).merge(table.cell(last, column))
    for p in phase_rows:
        row = table.rows[p]
        merged = row.cells[0].merge(row.cells[-1])
        _cell(merged, rows[p][0], bold=True)
    return table


def _records(doc, spec):
    rows = [["TT", "Tên hồ sơ", "Nơi lưu", "Thời gian lưu", "Hình thức lưu"]]
    for i, record in enumerate(spec["records"], start=1):
        rows.append([str(i), *(record[k] for k in ("name", "place", "retention", "medium"))])
    _table(doc, rows)


def _image(doc):
    doc.add_paragraph().add_run().add_picture(io.BytesIO(flowchart_png()), width=Cm(8))


def write_procedure(spec: dict, path_or_buffer) -> None:
    """One procedure as a .docx file, in the shapes named by ``spec``."""
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(13)
    section = doc.sections[0]
    if spec.get("header_in_page_header", True):
        _header_block(section.header, spec, width=Cm(16))
    if spec.get("letterhead"):
        _letterhead(doc)
    if not spec.get("header_in_page_header", True):
        _header_block(doc, spec)
    title = _para(doc, (spec["title"], "b"))
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if spec.get("kind", "QT") != "QT":
        for paragraph in spec["paragraphs"]:
            _para(doc, *paragraph) if isinstance(paragraph, list) else _para(doc, paragraph)
        doc.save(path_or_buffer)
        return
    _signoff(doc, spec)
    _changes(doc, spec)

    n = 0
    for key, words in spec["titles"]:
        n += 1
        _title(doc, spec, n, words)
        if key == "steps":
            if spec.get("image"):
                _para(doc, "Lưu đồ quy trình:")
                _image(doc)
            _steps(doc, spec)
        elif key == "records":
            _records(doc, spec)
        else:
            for paragraph in spec["text"].get(key, []):
                if isinstance(paragraph, dict):
                    _para(doc, paragraph["text"], style=paragraph.get("style"))
                else:
                    _para(doc, *paragraph) if isinstance(paragraph, list) else _para(doc, paragraph)
    for paragraph in spec.get("trailing", []):
        _para(doc, *paragraph) if isinstance(paragraph, list) else _para(doc, paragraph)
    doc.save(path_or_buffer)


# --- the corpus -------------------------------------------------------------------------------

PEOPLE = {
    "prepared": {"name": "Nguyễn Thị Hoa", "position": "Chuyên viên", "date": "01/08/2024"},
    "reviewed": {"name": "Trần Văn Bình", "position": "Chánh Văn phòng", "date": "05/08/2024"},
    "approved": {"name": "Lò Văn Minh", "position": "Giám đốc Sở", "date": "10/08/2024"},
}

STEPS = [
    {
        "phase": "Giai đoạn 1: Soạn thảo",
        "name": "Tiếp nhận yêu cầu",
        "responsible": "Chuyên viên Văn phòng",
        "action": "Tiếp nhận văn bản đến, vào sổ và chuyển lãnh đạo phòng.",
        "time": "01 ngày",
        "record": "Sổ văn bản đến",
    },
    {
        "name": "Dự thảo văn bản",
        "responsible": "Chuyên viên Văn phòng",
        "same_responsible": True,
        "action": "Soạn dự thảo theo mẫu; lấy ý kiến các phòng liên quan.",
        "time": "03 ngày",
        "record": "BM.01-VP",
    },
    {
        "phase": "Giai đoạn 2: Phê duyệt",
        "name": "Kiểm tra dự thảo",
        "responsible": "Chánh Văn phòng",
        "action": "Kiểm tra nội dung, thể thức; trả lại nếu chưa đạt.",
        "time": "02 ngày",
        "record": "Phiếu kiểm tra",
    },
    {
        "name": "Phê duyệt, ký ban hành",
        "responsible": "Giám đốc Sở",
        "action": "",
        "time": "01 ngày",
        "record": "Văn bản được ký",
    },
]

RECORDS = [
    {"name": "Sổ văn bản đến", "place": "Văn phòng", "retention": "05 năm", "medium": "Giấy"},
    {"name": "Dự thảo văn bản", "place": "Văn phòng", "retention": "02 năm", "medium": "Điện tử"},
    {"name": "Văn bản được ký", "place": "Văn thư", "retention": "Lâu dài", "medium": "Giấy"},
]

TEXT = {
    "purpose": [
        "Quy định trình tự, cách thức soạn thảo và ban hành văn bản của Sở.",
        [("Ghi chú: ", "bi"), "quy trình áp dụng cả văn bản điện tử."],
    ],
    "scope": [
        "Áp dụng đối với các phòng, ban thuộc Sở Giáo dục và Đào tạo.",
        [("Văn phòng Sở ", "b"), "chịu trách nhiệm hướng dẫn thực hiện."],
    ],
    "references": [
        "– Tiêu chuẩn quốc gia TCVN ISO 9001:2015;",
        "– Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư;",
        "– Quyết định 19/2014/QĐ-TTg.",
    ],
    "terms": [
        "a) VB: văn bản;",
        "b) VP: Văn phòng Sở;",
        [("Các từ viết tắt khác ", "i")],
        [("theo quy định chung của Sở.", "i")],
    ],
}

CHANGES = [
    {"edition": 2, "page": "3, 5", "what": "Bổ sung bước kiểm tra thể thức", "note": "Theo NĐ 30"},
    {"edition": 3, "page": "4", "what": "Rút ngắn thời gian phê duyệt", "note": ""},
]


def _procedure(**spec) -> dict:
    base = {
        "kind": "QT",
        "title_style": "bold",
        "signoff_roles": ["BIÊN SOẠN", "KIỂM TRA", "PHÊ DUYỆT"],
        "signoffs": PEOPLE,
        "changes_title": "BẢNG THEO DÕI NHỮNG THAY ĐỔI",
        "changes": CHANGES,
        "steps": STEPS,
        "records": RECORDS,
        "text": TEXT,
        "step_set": "A",
        "image": False,
        "letterhead": False,
        "trailing": [],
        "titles": [
            ("purpose", "MỤC ĐÍCH"),
            ("scope", "PHẠM VI"),
            ("references", "TÀI LIỆU VIỆN DẪN"),
            ("terms", "ĐỊNH NGHĨA VÀ CHỮ VIẾT TẮT"),
            ("steps", "NỘI DUNG QUY TRÌNH"),
            ("records", "HỒ SƠ CẦN LƯU"),
        ],
    }
    base.update(spec)
    return base


CORPUS = {
    "qt01_bold_arabic.docx": _procedure(
        code="QT.01-VP",
        title="QUY TRÌNH SOẠN THẢO VÀ BAN HÀNH VĂN BẢN",
        edition=3,
        date="15/08/2024",
        image=True,
        letterhead=True,
    ),
    "qt02_heading_roman.docx": _procedure(
        code="QT.02-VP",
        title="QUY TRÌNH QUẢN LÝ VĂN BẢN ĐẾN",
        edition=2,
        date="01/09/2023",
        title_style="heading",
        header_in_page_header=False,
        step_set="B",
        signoff_roles=["NGƯỜI SOẠN THẢO", "THẨM ĐỊNH", "PHÊ DUYỆT"],
        signoff_transposed=True,
        changes_title="THEO DÕI SỬA ĐỔI",
        titles=[
            ("purpose", "MỤC TIÊU"),
            ("scope", "PHẠM VI ÁP DỤNG"),
            ("references", "TÀI LIỆU LIÊN QUAN"),
            ("terms", "THUẬT NGỮ, ĐỊNH NGHĨA VÀ CHỮ VIẾT TẮT"),
            ("steps", "NỘI DUNG QUY TRÌNH"),
            ("records", "HỒ SƠ CẦN LƯU"),
        ],
    ),
    "qt03_roman_bold_set_c.docx": _procedure(
        code="QT.03-TCCB",
        title="QUY TRÌNH TUYỂN DỤNG VIÊN CHỨC",
        edition=1,
        date="20/03/2025",
        title_style="roman_bold",
        step_set="C",
        changes=[],
        titles=[
            ("purpose", "MỤC ĐÍCH"),
            ("scope", "PHẠM VI"),
            ("references", "CĂN CỨ PHÁP LÝ"),
            ("terms", "CHÚ THÍCH"),
            ("steps", "TRÌNH TỰ THỰC HIỆN"),
            ("forms", "BIỂU MẪU"),
            ("records", "HỒ SƠ CẦN LƯU"),
        ],
        trailing=[[("Ghi chú chung: ", "b"), "các biểu mẫu được cập nhật hằng năm."]],
    ),
    "qt04_no_diacritics_list.docx": _procedure(
        code="QT.04-KHTC",
        title="QUY TRINH LAP DU TOAN NGAN SACH",
        edition=2,
        date="02/01/2025",
        title_style="list",
        image=True,
        titles=[
            ("purpose", "MUC DICH"),
            ("scope", "PHAM VI AP DUNG"),
            ("references", "TAI LIEU VIEN DAN"),
            ("terms", "DINH NGHIA VA CHU VIET TAT"),
            ("steps", "NOI DUNG QUY TRINH"),
            ("records", "HO SO CAN LUU"),
        ],
    ),
    "qt05_plain_caps.docx": _procedure(
        code="QT.05-VP",
        title="QUY TRÌNH TIẾP NHẬN VÀ XỬ LÝ PHẢN ÁNH",
        edition=1,
        date="10/10/2024",
        title_style="plain_caps",
        step_set="B",
        changes=[],
    ),
    "hd01_instruction.docx": {
        "kind": "HD",
        "code": "HD.01-VP",
        "title": "HƯỚNG DẪN SỬ DỤNG HỘP THƯ ĐIỆN TỬ CÔNG VỤ",
        "edition": 1,
        "date": "05/05/2025",
        "paragraphs": [
            [("1. Đăng nhập ", "b")],
            "Mở trình duyệt, vào địa chỉ hộp thư của Sở và nhập tài khoản được cấp.",
            [("2. Gửi thư ", "b")],
            "– Chọn Soạn thư, nhập người nhận, tiêu đề và nội dung;",
            "– Bấm Gửi.",
        ],
    },
}

_KEYS = ["purpose", "scope", "references", "terms"]


def expected_of(spec: dict) -> dict:
    """What the import must find in a file written from ``spec``."""
    if spec.get("kind", "QT") != "QT":
        return {
            "code": spec["code"],
            "kind": spec["kind"],
            "edition": spec["edition"],
            "date": spec["date"],
            "title": spec["title"],
        }
    keys = [k for k, _w in spec["titles"]]
    return {
        "code": spec["code"],
        "kind": "QT",
        "edition": spec["edition"],
        "date": spec["date"],
        "title": spec["title"],
        "sections": [k for k in _KEYS if k in keys],
        "steps": [s["name"] for s in spec["steps"]],
        "responsible": [s["responsible"] for s in spec["steps"]],
        "phases": [s.get("phase", "") for s in spec["steps"]],
        "records": [r["name"] for r in spec["records"]],
        "signoffs": {k: v["name"] for k, v in spec["signoffs"].items()},
        "changes": len(spec["changes"]),
        "images": 1 if spec.get("image") else 0,
    }


def main(out: Path = HERE) -> None:
    expected = {}
    for name, spec in CORPUS.items():
        write_procedure(spec, out / name)
        expected[name] = expected_of(spec)
    (out / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
