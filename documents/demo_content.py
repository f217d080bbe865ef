"""The demo document set of a provincial Department of Education and Training.

115 documents like the first user's: 67 procedures (QT), 15 work instructions
(HD), 7 regulations (QĐ), 3 manual and policy documents (ST), 8 role
descriptions (MT), 8 forms (BM) and 7 external documents (TL-BN), spread over
the eight departments that ``ims.demo`` creates. What the documents are (codes,
titles, departments, clauses, steps, sections) and the sentences their bodies are
drawn from live in ``documents/demo_data/*.yaml``; this module composes the bodies
with a random generator seeded by each document's code, so the set is the same on
every run and adds up to roughly 1,000 printed A4 pages (run
``python -m documents.demo_content`` to print the estimate).

Nothing here touches the database: :func:`document_specs` returns plain data
that ``documents.demo`` turns into rows.
"""

import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "demo_data"
# libyaml's parser when PyYAML was built with it (it is in the wheels): about ten
# times faster than the pure-Python one on these files.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def data(name: str) -> dict:
    """The contents of ``demo_data/<name>.yaml`` (read once per process)."""
    with open(DATA / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)


def _clauses(refs: list[str]) -> list[tuple[str, str]]:
    """["iso9001 7.5.3", ...] -> [("iso9001", "7.5.3"), ...]"""
    return [tuple(ref.split()) for ref in refs]


def __getattr__(name: str):
    # DEPARTMENTS is read by bench/manual.py; loaded when first asked for.
    if name == "DEPARTMENTS":
        return data("organisation")["departments"]
    raise AttributeError(name)


# Measured against the rendered manual (bench/manual.py): 1,389,957 characters printed on
# 974 pages of documents (the manual adds 14 of cover, statements, master list and
# contents), since every document starts on a new page with its header, sign-off and
# history tables, and a procedure's steps sit in a narrow table column.
CHARS_PER_PAGE = 1430


@dataclass
class StepSpec:
    name: str
    responsible: str
    action: str
    time_limit: str
    record: str


@dataclass
class RecordSpec:
    name: str
    keeper: str
    place: str
    retention: str


@dataclass
class DocumentSpec:
    code: str
    title: str
    kind: str  # a Document.Kind value: QT, HD, QD, MT, BM, ST, TL
    department: str  # ims.Department code
    clauses: list[tuple[str, str]] = field(default_factory=list)  # (standard, number)
    review_interval_months: int = 12
    purpose: str = ""
    scope: str = ""
    references: str = ""
    terms: str = ""
    steps: list[StepSpec] = field(default_factory=list)
    records: list[RecordSpec] = field(default_factory=list)
    body: str = ""
    position: str = ""  # ims.Position code, role descriptions
    procedure: str = ""  # code of the procedure a form belongs to
    issuer: str = ""
    external_reference: str = ""

    def text_length(self) -> int:
        parts = [self.title, self.purpose, self.scope, self.references, self.terms, self.body]
        for step in self.steps:
            parts += [step.name, step.responsible, step.action, step.time_limit, step.record]
        for record in self.records:
            parts += [record.name, record.keeper, record.place, record.retention]
        return sum(len(p) for p in parts)


P_ = "iso9001"
E_ = "iso21001"


def _departments() -> dict[str, str]:
    return data("organisation")["departments"]


def _interval(kind: str) -> int:
    return data("organisation")["review_intervals"][kind]


# --- the procedures (demo_data/procedures.yaml) -----------------------------------


def _fmt(text: str, ctx: dict) -> str:
    return text.format(**ctx)


def _step(key: str, number: int, ctx: dict, rng: random.Random) -> StepSpec:
    catalogue = data("procedures")
    step = catalogue["steps"][key]
    name, responsible = step["name"], step["responsible"]
    time_limit, record = step["time_limit"], step["record"]
    bullets, requirements = step["bullets"], step["requirements"]
    lead = rng.choice(step["leads"])
    chosen = rng.sample(bullets, k=min(len(bullets), rng.randint(2, 3)))
    how = " " + _fmt(rng.choice(catalogue["how"]), ctx) if rng.random() < 0.35 else ""
    action = "\n\n".join(
        [
            _fmt(lead, ctx) + how,
            "\n".join(f"- {_fmt(b, ctx)}" for b in chosen),
            "**Yêu cầu:** " + " ".join(_fmt(r, ctx) for r in requirements),
        ]
    )
    return StepSpec(
        name=_fmt(name, ctx)[0].upper() + _fmt(name, ctx)[1:],
        responsible=_fmt(responsible, ctx),
        action=action,
        time_limit=_fmt(time_limit, ctx),
        record=_fmt(record, ctx)[0].upper() + _fmt(record, ctx)[1:],
    )


def _procedure(index: int, number: int, row: dict) -> DocumentSpec:
    dept, topic, family, subject = row["department"], row["topic"], row["family"], row["subject"]
    result, bases, days = row["result"], row["bases"], row["days"]
    code = f"QT.{number:02d}-{dept}"
    rng = random.Random(code)
    dept_name = _departments()[dept]
    ctx = {
        "subject": subject,
        "result": result,
        "topic": topic,
        "dept": dept_name,
        "days": days,
        "days_half": max(1, days // 2),
    }
    keys = list(data("procedures")["families"][family])
    if family == "tthc" and days < 10:
        keys.remove("kiem_tra_thuc_te")  # quick procedures need no site visit
    if family in ("ke_hoach", "iso") and rng.random() < 0.3:
        keys.remove("lay_y_kien")
    steps = [_step(key, n, ctx, rng) for n, key in enumerate(keys, start=1)]
    title = f"Quy trình {topic}"
    purpose = "\n\n".join(
        [
            f"Quy trình này quy định trình tự, cách thức, trách nhiệm và thời hạn thực hiện "
            f"{topic} tại Sở Giáo dục và Đào tạo tỉnh Sơn La, bảo đảm công việc được giải quyết "
            f"đúng pháp luật, đúng thời hạn, công khai và minh bạch.",
            rng.choice(
                [
                    "Quy trình giúp các phòng, đơn vị và cá nhân liên quan phối hợp thống nhất, "
                    "hạn chế sai sót, tạo thuận lợi cho tổ chức, cá nhân và người học khi giao "
                    "dịch với Sở.",
                    "Quy trình là căn cứ để lãnh đạo Sở kiểm soát tiến độ, chất lượng giải quyết "
                    "công việc và để đánh giá mức độ hoàn thành nhiệm vụ của công chức.",
                ]
            ),
            f"Quy trình là một bộ phận của Hệ thống quản lý tích hợp theo TCVN ISO 9001:2015 và "
            f"TCVN ISO 21001:2019 của Sở; kết quả thực hiện được đo lường bằng tỷ lệ {subject} "
            f"được giải quyết đúng hạn và mức độ hài lòng của các bên quan tâm.",
        ]
    )
    scope = "\n\n".join(
        [
            f"Quy trình áp dụng đối với {dept_name} và các phòng, bộ phận, cá nhân thuộc Sở Giáo "
            f"dục và Đào tạo có liên quan đến {topic}.",
            "Đối tượng áp dụng:",
            "\n".join(
                f"- {item}"
                for item in rng.sample(
                    [
                        "Lãnh đạo Sở phụ trách lĩnh vực",
                        f"Lãnh đạo và công chức {dept_name}",
                        "Bộ phận tiếp nhận và trả kết quả của Sở",
                        "Văn thư cơ quan",
                        "Các đơn vị trực thuộc và cơ sở giáo dục trên địa bàn tỉnh",
                        "Tổ chức, cá nhân có yêu cầu giải quyết công việc",
                        "Người học, cha mẹ học sinh có liên quan",
                        "Ủy ban nhân dân các xã, phường phối hợp thực hiện",
                    ],
                    k=5,
                )
            ),
            rng.choice(
                [
                    "Quy trình không áp dụng đối với các nội dung thuộc bí mật nhà nước; những "
                    "nội dung này thực hiện theo Quy chế bảo vệ bí mật nhà nước của Sở.",
                    "Những nội dung thuộc thẩm quyền của cơ quan khác được phối hợp theo quy chế "
                    "phối hợp đã ký kết, không thuộc phạm vi quy trình này.",
                ]
            ),
        ]
    )
    references = "\n".join(
        [
            *(f"- {b}" for b in bases),
            "- TCVN ISO 9001:2015 Hệ thống quản lý chất lượng – Các yêu cầu",
            "- TCVN ISO 21001:2019 Tổ chức giáo dục – Hệ thống quản lý đối với tổ chức giáo dục "
            "– Các yêu cầu và hướng dẫn sử dụng",
            "- Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về áp dụng Hệ "
            "thống quản lý chất lượng theo TCVN ISO 9001 vào hoạt động của các cơ quan, tổ chức "
            "thuộc hệ thống hành chính nhà nước",
            "- Sổ tay Hệ thống quản lý tích hợp của Sở (ST.01)",
        ]
    )
    terms = "\n".join(
        [
            "| Từ viết tắt | Giải nghĩa |",
            "| --- | --- |",
            "| Sở GDĐT | Sở Giáo dục và Đào tạo tỉnh Sơn La |",
            "| UBND | Ủy ban nhân dân |",
            "| HTQL | Hệ thống quản lý tích hợp theo TCVN ISO 9001:2015 và TCVN ISO 21001:2019 |",
            "| TTHC | Thủ tục hành chính |",
            "| CSGD | Cơ sở giáo dục |",
            "| BPTN&TKQ | Bộ phận tiếp nhận và trả kết quả |",
            "",
            f"*{subject[0].upper() + subject[1:]}*: toàn bộ giấy tờ, tài liệu (bản giấy hoặc bản "
            f"điện tử) được tổ chức, cá nhân hoặc đơn vị gửi đến Sở để thực hiện {topic}.",
            "",
            "*Ngày làm việc*: ngày làm việc theo quy định của Bộ luật Lao động, không tính ngày "
            "nghỉ lễ, Tết, thứ Bảy và Chủ nhật.",
        ]
    )
    records = [
        RecordSpec(
            step.record,
            f"{dept_name}",
            "Hồ sơ công việc; hệ thống điện tử",
            rng.choice(["05 năm", "10 năm", "20 năm", "Vĩnh viễn"]),
        )
        for step in steps
        if step.record and not step.record.startswith("Theo")
    ][: rng.randint(4, 7)]
    return DocumentSpec(
        code=code,
        title=title,
        kind="QT",
        department=dept,
        clauses=_clauses(row["clauses"]),
        review_interval_months=_interval("QT"),
        purpose=purpose,
        scope=scope,
        references=references,
        terms=terms,
        steps=steps,
        records=records,
    )


def procedures() -> list[DocumentSpec]:
    specs, numbers = [], {}
    for index, row in enumerate(data("procedures")["procedures"]):
        dept = row["department"]
        numbers[dept] = numbers.get(dept, 0) + 1
        specs.append(_procedure(index, numbers[dept], row))
    return specs


# --- work instructions (HD, demo_data/instructions.yaml) --------------------------


def _paragraphs() -> list[str]:
    return data("instructions")["paragraphs"]


def _instruction(number: int, row: dict) -> DocumentSpec:
    dept, title, sections = row["department"], row["title"], row["sections"]
    code = f"HD.{number:02d}-{dept}"
    rng = random.Random(code)
    departments = _departments()
    paragraphs, items = _paragraphs(), data("instructions")["items"]
    ctx = {"dept": departments[dept]}
    parts = [
        "## 1. Mục đích",
        f"{title} nhằm thống nhất cách thực hiện tại Sở Giáo dục và Đào tạo tỉnh Sơn La, giúp công "
        f"chức, viên chức thực hiện đúng, đủ và giảm sai sót; là tài liệu hỗ trợ cho các quy trình"
        f" của {departments[dept]}.",
        "## 2. Phạm vi áp dụng",
        f"Áp dụng đối với {departments[dept]}, các phòng thuộc Sở và các đơn vị trực thuộc có liên "
        f"quan.",
        "## 3. Tài liệu liên quan",
        "- Sổ tay Hệ thống quản lý tích hợp (ST.01)\n- Quy trình kiểm soát tài liệu (QT.01-QLCL)"
        "\n- Các văn bản quy phạm pháp luật hiện hành về lĩnh vực",
        "## 4. Nội dung hướng dẫn",
    ]
    for n, section in enumerate(sections, start=1):
        ctx["section"] = section.lower()
        parts.append(f"### 4.{n}. {section}")
        for _ in range(2):
            parts.append(" ".join(_fmt(p, ctx) for p in rng.sample(paragraphs, k=4)))
        parts.append("\n".join(f"{i}. {item}" for i, item in enumerate(rng.sample(items, 5), 1)))
        if n % 3 == 0:
            parts.append(
                "| Nội dung | Người thực hiện | Thời hạn |\n| --- | --- | --- |\n"
                + "\n".join(
                    f"| {item} | {rng.choice(['Chuyên viên', 'Lãnh đạo phòng', 'Văn thư'])} | "
                    f"{rng.choice(['Trong ngày', '03 ngày làm việc', 'Hằng tháng'])} |"
                    for item in rng.sample(items, 4)
                )
            )
    parts += [
        "## 5. Lưu ý khi thực hiện",
        " ".join(_fmt(p, {**ctx, "section": title.lower()}) for p in rng.sample(paragraphs, 4)),
        "## 6. Hồ sơ",
        "Hồ sơ phát sinh khi thực hiện hướng dẫn này được lưu theo Quy trình kiểm soát hồ sơ "
        "(QT.02-QLCL).",
    ]
    return DocumentSpec(
        code=code,
        title=title,
        kind="HD",
        department=dept,
        clauses=_clauses(row["clauses"]),
        review_interval_months=_interval("HD"),
        body="\n\n".join(parts),
    )


def instructions() -> list[DocumentSpec]:
    numbers: dict[str, int] = {}
    specs = []
    for row in data("instructions")["instructions"]:
        dept = row["department"]
        numbers[dept] = numbers.get(dept, 0) + 1
        specs.append(_instruction(numbers[dept], row))
    return specs


# --- regulations (QĐ, demo_data/regulations.yaml) ---------------------------------


def _article_body(article: str, rng: random.Random) -> str:
    points = data("regulations")["points"]
    sentences = rng.sample(data("regulations")["sentences"], k=rng.randint(5, 7))
    lines = []
    for k, sentence in enumerate(sentences, start=1):
        text = sentence.format(article=article[0].lower() + article[1:])
        if k == 2:
            text += " Khi thực hiện phải:\n" + "\n".join(
                f"    {letter}) {p[0].upper() + p[1:]};"
                for letter, p in zip("abcd", rng.sample(points, 4), strict=False)
            )
        lines.append(f"{k}. {text}")
    return "\n".join(lines)


def _regulation(number: int, row: dict) -> DocumentSpec:
    dept, title = row["department"], row["title"]
    chapters = [(c["title"], c["articles"]) for c in row["chapters"]]
    departments, paragraphs = _departments(), _paragraphs()
    code = f"QĐ.{number:02d}"
    rng = random.Random(code)
    general = ["Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ", "Nguyên tắc chung"]
    final = ["Trách nhiệm thi hành", "Khen thưởng và xử lý vi phạm", "Sửa đổi, bổ sung"]
    all_chapters = [("Quy định chung", general), *chapters, ("Tổ chức thực hiện", final)]
    parts = [
        "*(Ban hành kèm theo Quyết định của Giám đốc Sở Giáo dục và Đào tạo tỉnh Sơn La)*",
    ]
    article = 0
    roman = ["I", "II", "III", "IV", "V", "VI", "VII"]
    for c, (chapter, articles) in enumerate(all_chapters):
        parts.append(f"## Chương {roman[c]}. {chapter.upper()}")
        for name in articles:
            article += 1
            parts.append(f"### Điều {article}. {name}")
            if name == "Phạm vi điều chỉnh":
                parts.append(
                    f"{title} quy định về nguyên tắc, nội dung, trách nhiệm và quan hệ công tác "
                    f"có liên quan tại Sở Giáo dục và Đào tạo tỉnh Sơn La."
                )
            parts.append(_article_body(name, rng))
            parts.append(
                " ".join(
                    _fmt(p, {"section": name.lower(), "dept": departments[dept]})
                    for p in rng.sample(paragraphs, 3)
                )
            )
    return DocumentSpec(
        code=code,
        title=title,
        kind="QD",
        department=dept,
        clauses=_clauses(row["clauses"]),
        review_interval_months=_interval("QD"),
        body="\n\n".join(parts),
    )


def regulations() -> list[DocumentSpec]:
    rows = data("regulations")["regulations"]
    return [_regulation(n, row) for n, row in enumerate(rows, start=1)]


# --- manual, policy and objectives (ST, demo_data/system.yaml) --------------------


def _manual(all_specs: list[DocumentSpec]) -> DocumentSpec:
    from ims.clauses import ISO_9001, ISO_21001, clauses

    rng = random.Random("ST.01")
    departments, paragraphs = _departments(), _paragraphs()
    policy = data("system")["policy"]
    principles = [(p["name"], p["text"]) for p in data("system")["principles"]]
    by_clause: dict[str, list[str]] = {}
    for spec in all_specs:
        for _standard, number in spec.clauses:
            by_clause.setdefault(number, [])
            if spec.code not in by_clause[number]:
                by_clause[number].append(spec.code)
    titles_21001 = {number: vi for number, _en, vi in clauses(ISO_21001)}
    parts = [
        "## Phần 1. Giới thiệu chung",
        "### 1.1. Giới thiệu về Sở Giáo dục và Đào tạo tỉnh Sơn La",
        "Sở Giáo dục và Đào tạo là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Sơn La, tham mưu, "
        "giúp Ủy ban nhân dân tỉnh thực hiện chức năng quản lý nhà nước về giáo dục và đào tạo "
        "trên "
        "địa bàn tỉnh. Sau sắp xếp đơn vị hành chính từ ngày 01/7/2025, tỉnh có 75 xã, phường (67 "
        "xã và 8 phường); toàn ngành có trên 600 trường học, trung tâm với khoảng 380.000 người "
        "học, trong đó phần lớn là học sinh người dân tộc thiểu số.",
        "Cơ cấu tổ chức của Sở gồm Ban Giám đốc và các phòng: "
        + ", ".join(departments.values())
        + ". Các đơn vị trực thuộc gồm các trường trung học phổ thông, trường phổ thông dân tộc "
        "nội trú, trường phổ thông dân tộc bán trú và các trung tâm giáo dục nghề nghiệp – giáo "
        "dục thường xuyên.",
        "### 1.2. Phạm vi của Hệ thống quản lý tích hợp",
        "Hệ thống quản lý tích hợp áp dụng cho toàn bộ hoạt động quản lý nhà nước về giáo dục và "
        "đào tạo, giải quyết thủ tục hành chính và các dịch vụ giáo dục do Sở trực tiếp cung cấp. "
        "Điều 8.3 (thiết kế và phát triển) của TCVN ISO 9001:2015 được áp dụng đối với việc thiết "
        "kế chương trình giáo dục địa phương; không có điều khoản nào bị loại trừ.",
        "### 1.3. Chính sách chất lượng",
        policy,
        "### 1.4. Các nguyên tắc quản lý",
        "\n".join(f"{n}. **{name}**: {text}." for n, (name, text) in enumerate(principles, 1)),
        "## Phần 2. Mô tả Hệ thống quản lý theo các điều khoản của tiêu chuẩn",
    ]
    for number, _en, vi in clauses(ISO_9001):
        depth = number.count(".")
        heading = "###" if depth == 0 else "####"
        parts.append(f"{heading} {number}. {vi}")
        if number in titles_21001 and titles_21001[number] != vi:
            parts.append(f"*TCVN ISO 21001:2019: {titles_21001[number]}*")
        if depth == 0:
            continue
        parts.append(
            f"Sở xác định, thực hiện và duy trì các yêu cầu về {vi.lower()} phù hợp với chức năng, "
            f"nhiệm vụ của cơ quan quản lý nhà nước về giáo dục. "
            + " ".join(
                rng.sample(
                    [
                        "Ban Giám đốc Sở chịu trách nhiệm cuối cùng về hiệu lực của nội dung này.",
                        "Phòng Quản lý chất lượng là đầu mối theo dõi, tổng hợp và báo cáo.",
                        "Các phòng chịu trách nhiệm áp dụng trong phạm vi công việc được giao.",
                        "Kết quả được xem xét trong cuộc họp xem xét của lãnh đạo hằng năm.",
                        "Yêu cầu của người học, cha mẹ học sinh và người dân được lắng nghe và "
                        "đưa vào hoạch định.",
                        "Thông tin dạng văn bản được kiểm soát theo Quy trình kiểm soát tài liệu "
                        "và Quy trình kiểm soát hồ sơ.",
                        "Rủi ro và cơ hội liên quan được nhận diện, đánh giá và xử lý theo Quy "
                        "trình quản lý rủi ro và cơ hội.",
                        "Việc thực hiện được đánh giá trong các đợt đánh giá nội bộ định kỳ.",
                    ],
                    k=4,
                )
            )
        )
        for _ in range(2):
            parts.append(
                " ".join(
                    _fmt(p, {"section": vi.lower(), "dept": "các phòng"})
                    for p in rng.sample(paragraphs, k=3)
                )
            )
        codes = by_clause.get(number, [])
        if codes:
            parts.append("Tài liệu liên quan: " + ", ".join(sorted(codes)) + ".")
    parts += [
        "## Phần 3. Sơ đồ tương tác các quá trình",
        "| Nhóm quá trình | Quá trình | Phòng chủ trì |\n| --- | --- | --- |\n"
        + "\n".join(
            f"| {group} | {name} | {owner} |"
            for group, name, owner in [
                ("Lãnh đạo", "Hoạch định chiến lược, mục tiêu", "Văn phòng Sở"),
                ("Lãnh đạo", "Xem xét của lãnh đạo", "Phòng Quản lý chất lượng"),
                ("Chính", "Quản lý giáo dục mầm non, tiểu học", departments["GDMNTH"]),
                ("Chính", "Quản lý giáo dục trung học", departments["GDTrH"]),
                ("Chính", "Quản lý GDTX – GDNN và đại học", departments["GDTX"]),
                ("Chính", "Khảo thí và kiểm định chất lượng", departments["QLCL"]),
                ("Chính", "Giải quyết thủ tục hành chính", "Văn phòng Sở"),
                ("Hỗ trợ", "Tổ chức, nhân sự", departments["TCCB"]),
                ("Hỗ trợ", "Kế hoạch, tài chính, tài sản", departments["KHTC"]),
                ("Hỗ trợ", "Thanh tra, giải quyết khiếu nại, tố cáo", departments["TTr"]),
                ("Đo lường", "Đánh giá nội bộ, khắc phục, cải tiến", departments["QLCL"]),
                ("Đo lường", "Đo lường sự hài lòng", departments["QLCL"]),
            ]
        ),
    ]
    return DocumentSpec(
        code="ST.01",
        title="Sổ tay Hệ thống quản lý tích hợp TCVN ISO 9001:2015 và TCVN ISO 21001:2019",
        kind="ST",
        department="QLCL",
        clauses=[(P_, "4.3"), (P_, "4.4"), (E_, "4.3"), (E_, "4.4")],
        review_interval_months=12,
        body="\n\n".join(parts),
    )


def _policy() -> DocumentSpec:
    rng = random.Random("ST.02")
    policy, paragraphs = data("system")["policy"], _paragraphs()
    body = [
        "## Chính sách chất lượng",
        policy,
        "## Để thực hiện chính sách, Sở cam kết",
        "\n".join(
            f"- {item}"
            for item in [
                "Phổ biến chính sách đến mọi công chức, viên chức và niêm yết tại trụ sở, đăng "
                "trên Cổng thông tin điện tử của Sở",
                "Thiết lập mục tiêu chất lượng hằng năm đo lường được, nhất quán với chính sách",
                "Cung cấp đủ nguồn lực: con người, kinh phí, cơ sở vật chất, công nghệ thông tin",
                "Lắng nghe người học, cha mẹ học sinh, nhà trường và người dân qua khảo sát, đường"
                " dây nóng và hòm thư góp ý",
                "Bảo vệ dữ liệu cá nhân của người học, bảo đảm tiếp cận cho người học có nhu cầu "
                "đặc biệt",
                "Xem xét chính sách hằng năm tại cuộc họp xem xét của lãnh đạo",
            ]
        ),
        "## Tầm nhìn",
        "Đến năm 2040, giáo dục và đào tạo tỉnh Sơn La phát triển toàn diện, hiện đại, công bằng và"
        " hội nhập; mọi người học được học tập suốt đời trong môi trường an toàn, thân thiện, chất "
        "lượng.",
        "## Sứ mạng",
        "Tham mưu và tổ chức thực hiện quản lý nhà nước về giáo dục và đào tạo trên địa bàn tỉnh; "
        "bảo đảm mọi người học được tiếp cận giáo dục có chất lượng.",
        "## Giá trị cốt lõi",
        "Trách nhiệm – Chuyên nghiệp – Minh bạch – Sáng tạo – Vì người học.",
        "## Giải thích chính sách",
        " ".join(
            _fmt(p, {"section": "chính sách chất lượng", "dept": "Văn phòng Sở"})
            for p in rng.sample(paragraphs, 6)
        ),
    ]
    return DocumentSpec(
        code="ST.02",
        title="Chính sách chất lượng, tầm nhìn, sứ mạng và giá trị cốt lõi",
        kind="ST",
        department="QLCL",
        clauses=[(P_, "5.2"), (E_, "5.2"), (P_, "5.2.2")],
        review_interval_months=12,
        body="\n\n".join(body),
    )


def _objectives() -> DocumentSpec:
    rng = random.Random("ST.03")
    departments, paragraphs = _departments(), _paragraphs()
    objectives = [(o["name"], o["department"], o["target"]) for o in data("system")["objectives"]]
    rows = "\n".join(
        f"| {n} | {name} | {departments[dept]} | {target} | Học kỳ, năm học |"
        for n, (name, dept, target) in enumerate(objectives, 1)
    )
    body = [
        "## 1. Căn cứ xây dựng mục tiêu",
        "Mục tiêu chất lượng năm học 2025–2026 được xây dựng căn cứ chính sách chất lượng, kết quả"
        " thực hiện năm học 2024–2025, nhiệm vụ năm học của Bộ Giáo dục và Đào tạo và kế hoạch phát"
        " triển kinh tế – xã hội của tỉnh.",
        "## 2. Mục tiêu chất lượng của Sở",
        "| TT | Mục tiêu | Phòng chủ trì | Chỉ tiêu | Tần suất đo |\n| --- | --- | --- | --- | "
        "--- |\n" + rows,
        "## 3. Kế hoạch thực hiện",
    ]
    for name, dept, target in objectives:
        body.append(f"### {name}")
        body.append(
            f"Phòng chủ trì: {departments[dept]}. Chỉ tiêu: {target}. "
            + " ".join(
                _fmt(p, {"section": name.lower(), "dept": departments[dept]})
                for p in rng.sample(paragraphs, 3)
            )
        )
    return DocumentSpec(
        code="ST.03",
        title="Mục tiêu chất lượng năm học 2025–2026",
        kind="ST",
        department="QLCL",
        clauses=[(P_, "6.2"), (E_, "6.2")],
        review_interval_months=12,
        body="\n\n".join(body),
    )


# --- role descriptions (MT, demo_data/roles.yaml) ---------------------------------


def _role(number: int, dept: str, pcode: str, name: str) -> DocumentSpec:
    code = f"MT.{number:02d}"
    rng = random.Random(code)
    manager = pcode in ("TP", "PTP")
    duties = data("roles")["duties"][dept]
    departments, paragraphs = _departments(), _paragraphs()
    body = [
        "## 1. Thông tin chung",
        "| Nội dung | Thông tin |\n| --- | --- |\n"
        f"| Vị trí việc làm | {name} |\n| Đơn vị | {departments[dept]} |\n"
        f"| Báo cáo cho | {'Lãnh đạo Sở phụ trách' if manager else 'Trưởng phòng'} |\n"
        f"| Ngạch | {'Chuyên viên chính' if manager else 'Chuyên viên'} |",
        "## 2. Mục đích của vị trí",
        f"Vị trí {name.lower()} thực hiện và chịu trách nhiệm về các nhiệm vụ thuộc lĩnh vực của "
        f"{departments[dept]}, góp phần hoàn thành mục tiêu chất lượng của Sở.",
        "## 3. Nhiệm vụ chính",
    ]
    for n, duty in enumerate(duties, 1):
        body.append(f"### 3.{n}. {duty}")
        for _ in range(2):
            body.append(
                " ".join(
                    _fmt(p, {"section": duty.lower(), "dept": departments[dept]})
                    for p in rng.sample(paragraphs, 3)
                )
            )
    body += [
        "## 4. Quyền hạn",
        "\n".join(
            f"- {x}"
            for x in [
                "Được cung cấp thông tin, tài liệu cần thiết để thực hiện nhiệm vụ",
                "Được đề xuất sửa đổi quy trình, tài liệu thuộc lĩnh vực phụ trách",
                "Được từ chối thực hiện yêu cầu trái pháp luật",
                *(["Phân công, kiểm tra, đánh giá công chức thuộc phòng"] if manager else []),
            ]
        ),
        "## 5. Tiêu chuẩn, năng lực",
        "| Yêu cầu | Mức độ |\n| --- | --- |\n"
        "| Trình độ | Đại học trở lên, chuyên ngành phù hợp |\n"
        "| Lý luận chính trị | " + ("Trung cấp trở lên" if manager else "Sơ cấp") + " |\n"
        "| Ngoại ngữ, tin học | Sử dụng được theo yêu cầu vị trí |\n"
        f"| Kinh nghiệm | {'05 năm' if manager else '02 năm'} trở lên trong lĩnh vực |\n"
        "| Hiểu biết về ISO | Đã được đào tạo nhận thức TCVN ISO 9001:2015 và "
        "TCVN ISO 21001:2019 |",
        "## 6. Chỉ số đánh giá",
        "\n".join(
            f"- {x}"
            for x in rng.sample(
                [
                    "Tỷ lệ nhiệm vụ hoàn thành đúng hạn",
                    "Tỷ lệ hồ sơ giải quyết đúng hạn",
                    "Không có khiếu nại có căn cứ về thái độ phục vụ",
                    "Số sáng kiến cải tiến được áp dụng",
                    "Kết quả đánh giá nội bộ không có sự không phù hợp lớn",
                ],
                4,
            )
        ),
    ]
    return DocumentSpec(
        code=code,
        title=f"Mô tả công việc vị trí {name}",
        kind="MT",
        department=dept,
        clauses=[(P_, "5.3"), (P_, "7.2"), (E_, "5.3")],
        review_interval_months=24,
        body="\n\n".join(body),
        position=f"{pcode}-{dept}",
    )


# --- forms (BM, demo_data/forms.yaml) ---------------------------------------------


def _form(procedure: str, number: str, title: str, columns: list[str]) -> DocumentSpec:
    dept = procedure.split("-")[1]
    code = f"BM.{procedure[3:5]}.{number}-{dept}"
    rng = random.Random(code)
    departments, paragraphs = _departments(), _paragraphs()
    header = "| " + " | ".join(columns) + " |\n| " + " | ".join("---" for _ in columns) + " |\n"
    blank = "\n".join("| " + " | ".join(" " for _ in columns) + " |" for _ in range(8))
    body = [
        "**SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH SƠN LA** — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, Độc lập – "
        "Tự do – Hạnh phúc",
        f"## {title.upper()}",
        "Kính gửi: Giám đốc Sở Giáo dục và Đào tạo tỉnh Sơn La",
        header + blank,
        "## Hướng dẫn ghi",
        "\n".join(
            f"- **{c}**: "
            + rng.choice(
                [
                    "ghi đầy đủ, không viết tắt",
                    "ghi theo văn bản gốc",
                    "ghi theo định dạng ngày/tháng/năm",
                    "ghi rõ, chính xác",
                ]
            )
            for c in columns
        ),
        " ".join(
            _fmt(p, {"section": title.lower(), "dept": departments[dept]})
            for p in rng.sample(paragraphs, 4)
        ),
        "| Người lập | Người kiểm tra | Người phê duyệt |\n| --- | --- | --- |\n"
        "| (Ký, ghi rõ họ tên) | (Ký, ghi rõ họ tên) | (Ký, ghi rõ họ tên) |",
    ]
    return DocumentSpec(
        code=code,
        title=title,
        kind="BM",
        department=dept,
        review_interval_months=24,
        body="\n\n".join(body),
        procedure=procedure,
    )


# --- external documents (TL-BN, demo_data/external.yaml) --------------------------


def _external(number: int, row: dict) -> DocumentSpec:
    title, issuer, reference = row["title"], row["issuer"], row["reference"]
    dept, chapters = row["department"], row["chapters"]
    code = f"TL-BN.{number:02d}"
    rng = random.Random(code)
    departments, paragraphs = _departments(), _paragraphs()
    body = [
        f"**{reference}** do {issuer} ban hành. Tài liệu có nguồn gốc bên ngoài, được Sở kiểm "
        f"soát theo Quy trình kiểm soát tài liệu: bản chính thức lưu tại {departments[dept]}, bản"
        f" điện tử tra cứu trên Cơ sở dữ liệu quốc gia về văn bản pháp luật.",
        "## Tóm tắt nội dung và yêu cầu áp dụng tại Sở",
    ]
    for n, chapter in enumerate(chapters, 1):
        body.append(f"### {n}. {chapter}")
        for _ in range(5):
            body.append(
                " ".join(
                    _fmt(p, {"section": chapter.lower(), "dept": departments[dept]})
                    for p in rng.sample(paragraphs, 4)
                )
            )
        body.append(
            "Các quy trình của Sở chịu tác động: "
            + ", ".join(sorted(rng.sample([f"QT.0{i}-QLCL" for i in range(1, 8)], 2)))
            + "."
        )
    body += [
        "## Theo dõi hiệu lực",
        "| Nội dung | Thông tin |\n| --- | --- |\n"
        f"| Cơ quan ban hành | {issuer} |\n| Số, ký hiệu | {reference} |\n"
        "| Tình trạng | Còn hiệu lực |\n| Người theo dõi | Chuyên viên phụ trách pháp chế |",
    ]
    return DocumentSpec(
        code=code,
        title=title,
        kind="TL",
        department=dept,
        review_interval_months=12,
        body="\n\n".join(body),
        issuer=issuer,
        external_reference=reference,
        clauses=[(P_, "7.5.3"), (E_, "7.5.3")],
    )


# --- the whole set ----------------------------------------------------------------


def document_specs() -> list[DocumentSpec]:
    """The 115 documents of the demo set, in register order of kinds."""
    specs = procedures() + instructions() + regulations()
    specs.append(_manual(specs))
    specs += [_policy(), _objectives()]
    roles = data("roles")["roles"]
    specs += [
        _role(n, row["department"], row["position"], row["name"]) for n, row in enumerate(roles, 1)
    ]
    forms = data("forms")["forms"]
    specs += [_form(f["procedure"], f["number"], f["title"], f["columns"]) for f in forms]
    specs += [_external(n, row) for n, row in enumerate(data("external")["external"], 1)]
    return specs


def page_estimate(specs: list[DocumentSpec]) -> int:
    return round(sum(s.text_length() for s in specs) / CHARS_PER_PAGE)


if __name__ == "__main__":
    all_specs = document_specs()
    kinds: dict[str, int] = {}
    for s in all_specs:
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
    print(f"{len(all_specs)} documents: {kinds}")
    for kind in kinds:
        chosen = [s for s in all_specs if s.kind == kind]
        print(f"  {kind}: ~{page_estimate(chosen)} pages")
    total = sum(s.text_length() for s in all_specs)
    print(
        f"total {total:,} characters ≈ {page_estimate(all_specs)} A4 pages "
        f"at {CHARS_PER_PAGE} characters a page"
    )
