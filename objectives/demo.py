"""Demo quality objectives for the current and the previous school year.

Organisation objectives of a provincial Department of Education and Training,
cascaded to department and staff objectives, with measurements from the start
of the previous year up to today: some on track, some at risk, some missed and
some missing (so that reminders and the home panel have something to show).
Idempotent: rows are found by their natural keys.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from ims.models import Clause, Department, SchoolYear
from ims.registry import indicator_sources
from objectives.models import DUE_AFTER_DAYS, Indicator, Measurement, Objective, PlanAction
from objectives.rules import Direction, Frequency

User = get_user_model()

# code, statement, owner department, indicator (name, unit, direction, target or range,
# baseline, frequency), the values' pattern (see _value), plan actions
ORGANISATION = [
    {
        "code": "MT-01",
        "statement": "100% hồ sơ thủ tục hành chính được tiếp nhận và giải quyết đúng hạn.",
        "department": "VP",
        "indicator": (
            "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn",
            "%",
            Direction.HIGHER,
            100,
            97,
            Frequency.MONTHLY,
        ),
        "values": (99.2, 0.6),
        "actions": [
            (
                "Rà soát, cập nhật quy trình nội bộ giải quyết TTHC trên Hệ thống thông tin "
                "giải quyết TTHC của tỉnh",
                "Văn phòng Sở",
                "Cán bộ Bộ phận một cửa",
                10,
            ),
            (
                "Nhắc hạn hồ sơ sắp đến hạn hằng tuần cho các phòng",
                "Văn phòng Sở",
                "Phần mềm một cửa điện tử",
                30,
            ),
        ],
        "departments": ["VP", "TCCB", "KHTC", "GDTrH"],
    },
    {
        "code": "MT-02",
        "statement": "Tỷ lệ học sinh tốt nghiệp THPT đạt từ 99% trở lên.",
        "department": "GDTrH",
        "indicator": (
            "Tỷ lệ học sinh tốt nghiệp THPT",
            "%",
            Direction.HIGHER,
            99,
            98.6,
            Frequency.YEARLY,
        ),
        "values": (98.9, 0.0),
        "actions": [
            (
                "Tổ chức ôn tập cho học sinh lớp 12, ưu tiên trường vùng khó khăn",
                "Phòng Giáo dục Trung học",
                "Kinh phí ôn thi, giáo viên cốt cán",
                200,
            ),
        ],
        "departments": ["GDTrH", "GDTX"],
    },
    {
        "code": "MT-03",
        "statement": "Tỷ lệ trường đạt chuẩn quốc gia đạt ít nhất 62%.",
        "department": "QLCL",
        "indicator": (
            "Tỷ lệ trường đạt chuẩn quốc gia",
            "%",
            Direction.HIGHER,
            62,
            57.5,
            Frequency.SEMESTER,
        ),
        "values": (56.0, 1.5),
        "actions": [
            (
                "Kiểm tra, công nhận lại trường đạt chuẩn quốc gia theo kế hoạch",
                "Phòng Quản lý chất lượng",
                "Đoàn kiểm tra, kinh phí sự nghiệp",
                240,
            ),
        ],
        "departments": ["QLCL", "GDMNTH"],
    },
    {
        "code": "MT-04",
        "statement": "Sự hài lòng của cha mẹ học sinh và người học đạt từ 85% trở lên.",
        "department": "QLCL",
        "indicator": (
            "Chỉ số hài lòng của cha mẹ học sinh và người học",
            "%",
            Direction.HIGHER,
            85,
            82,
            Frequency.SEMESTER,
        ),
        "values": (84.0, 0.5),
        "actions": [
            (
                "Khảo sát sự hài lòng theo QĐ 3982/QĐ-BGDĐT tại các trường THPT",
                "Phòng Quản lý chất lượng",
                "Phiếu khảo sát trực tuyến",
                120,
            ),
        ],
        "departments": ["QLCL"],
    },
    {
        "code": "MT-05",
        "statement": "Không quá 2 phản ánh, kiến nghị về thái độ phục vụ mỗi quý.",
        "department": "TTr",
        "indicator": (
            "Số phản ánh, kiến nghị về thái độ phục vụ",
            "phản ánh",
            Direction.LOWER,
            2,
            4,
            Frequency.QUARTERLY,
        ),
        "values": (3.0, -0.5),
        "actions": [
            (
                "Công khai đường dây nóng và hộp thư góp ý tại Bộ phận một cửa",
                "Thanh tra Sở",
                "Biển công khai, hộp thư",
                15,
            ),
        ],
        "departments": ["TTr"],
    },
    {
        "code": "MT-06",
        "statement": "Sĩ số bình quân lớp THPT trong khoảng 35–45 học sinh.",
        "department": "KHTC",
        "indicator": (
            "Sĩ số bình quân lớp THPT",
            "HS/lớp",
            (Direction.RANGE, 35, 45),
            None,
            46.2,
            Frequency.YEARLY,
        ),
        "values": (44.5, 0.0),
        "actions": [
            (
                "Giao chỉ tiêu tuyển sinh lớp 10 theo quy mô phòng học",
                "Phòng Kế hoạch – Tài chính",
                "Số liệu phòng học, đội ngũ",
                60,
            ),
        ],
        "departments": ["KHTC"],
    },
]

# Per department objective: an offset to its organisation objective's values, so
# that some departments are ahead and some behind.
DEPARTMENT_OFFSET = {
    "VP": 0.4,
    "TCCB": -0.6,
    "KHTC": -2.5,
    "GDTrH": 0.2,
    "GDTX": -0.8,
    "QLCL": 1.0,
    "GDMNTH": -1.2,
    "TTr": 0.0,
}


def _user(username):
    return User.objects.filter(username=username).first()


def _head(code):
    department = Department.objects.get(code=code)
    return department.head or _user("secretariat")


def _staff(code, n):
    username = "staff" if code == "TCCB" and n == 1 else f"{code.lower()}{n + 2}"
    return _user(username) or _head(code)


def _value(spec, offset, year_index, period_index, unit) -> Decimal:
    """A deterministic value: the pattern's level, the department's offset, a small
    drift over the periods and the years, and a wobble."""
    level, drift = spec
    wobble = ((period_index * 7 + year_index * 3) % 5 - 2) * 0.3
    value = level + offset + drift * (period_index + year_index * 2) / 4 + wobble
    if unit == "%":
        value = min(100.0, max(0.0, value))
    else:
        value = max(0.0, value)
    return Decimal(str(round(value, 1)))


def _indicator(objective, spec, owner, *, source=""):
    name, unit, direction, target, baseline, frequency = spec
    low = high = None
    if isinstance(direction, tuple):
        direction, low, high = direction
    indicator, _ = Indicator.objects.update_or_create(
        objective=objective,
        name=name,
        defaults={
            "unit": unit,
            "direction": direction,
            "target": None if target is None else Decimal(str(target)),
            "target_low": None if low is None else Decimal(low),
            "target_high": None if high is None else Decimal(high),
            "baseline": Decimal(str(baseline)),
            "frequency": frequency,
            "owner": owner,
            "at_risk_margin": Decimal(1) if unit != "%" else Decimal(2),
            "source": source,
        },
    )
    return indicator


def _measure(indicator, values, offset, year_index, today, *, skip_last=False) -> int:
    year = indicator.objective.school_year
    created = 0
    periods = [p for p in indicator.periods(year) if p.end + timedelta(days=3) < today]
    if skip_last:
        # Left missing on purpose from the last period already past its due date: a
        # late measurement in the owner's inbox (none early in the year, before the
        # first period is due).
        due = [p for p in periods if p.end + timedelta(days=DUE_AFTER_DAYS) < today]
        if due:
            periods = periods[: periods.index(due[-1])]
    running = [p for p in indicator.periods(year) if p.start <= today <= p.end + timedelta(days=3)]
    if running and indicator.frequency in (Frequency.QUARTERLY, Frequency.SEMESTER):
        periods.append(running[0])  # reported so far, before the period ends
    for index, period in enumerate(periods):
        value = _value(values, offset, year_index, index, indicator.unit)
        _m, made = Measurement.objects.update_or_create(
            indicator=indicator,
            period_start=period.start,
            defaults={
                "period_end": period.end,
                "value": value,
                "comment": "Số liệu tổng hợp từ báo cáo của các đơn vị.",
                "entered_by": indicator.owner,
            },
        )
        created += made
    return created


def load(stdout=None) -> None:
    today = timezone.localdate()
    current = SchoolYear.objects.current()
    if current is None:
        return
    previous = SchoolYear.objects.filter(start_date__lt=current.start_date).first()
    years = [y for y in (previous, current) if y is not None]
    clauses = list(Clause.objects.filter(number__in=["6.2", "6.2.1", "6.2.2", "9.1.3"]))
    documents_source = next((k for k in indicator_sources() if "document" in k), None)
    counts = {"objectives": 0, "measurements": 0}
    for year_index, year in enumerate(years):
        for order, spec in enumerate(ORGANISATION, start=1):
            owner = _head(spec["department"])
            org, _ = Objective.objects.update_or_create(
                school_year=year,
                code=spec["code"],
                defaults={
                    "level": Objective.Level.ORGANISATION,
                    "statement": spec["statement"],
                    "owner": owner,
                    "department": Department.objects.get(code=spec["department"]),
                    "order": order,
                    "parent": None,
                },
            )
            org.clauses.set(clauses)
            counts["objectives"] += 1
            indicator = _indicator(org, spec["indicator"], owner)
            counts["measurements"] += _measure(indicator, spec["values"], 0, year_index, today)
            for action, responsible, resources, days in spec["actions"]:
                due = year.start_date + timedelta(days=days)
                PlanAction.objects.update_or_create(
                    objective=org,
                    action=action,
                    defaults={
                        "responsible": responsible,
                        "resources": resources,
                        "due_on": due,
                        "done_on": due - timedelta(days=3) if due < today else None,
                    },
                )
            for code in spec["departments"]:
                department = Department.objects.get(code=code)
                head = _head(code)
                dept, _ = Objective.objects.update_or_create(
                    school_year=year,
                    code=f"{spec['code']}.{code}",
                    defaults={
                        "level": Objective.Level.DEPARTMENT,
                        "parent": org,
                        "department": department,
                        "owner": head,
                        "statement": f"{department.name}: {spec['statement'][0].lower()}"
                        f"{spec['statement'][1:]}",
                        "order": order,
                    },
                )
                counts["objectives"] += 1
                offset = DEPARTMENT_OFFSET.get(code, 0)
                dind = _indicator(dept, spec["indicator"], head)
                counts["measurements"] += _measure(dind, spec["values"], offset, year_index, today)
                if spec["code"] != "MT-01":
                    continue
                for n in (1, 2):
                    person = _staff(code, n)
                    own, _ = Objective.objects.update_or_create(
                        school_year=year,
                        code=f"{spec['code']}.{code}.{n}",
                        defaults={
                            "level": Objective.Level.STAFF,
                            "parent": dept,
                            "department": department,
                            "owner": person,
                            "statement": "Giải quyết đúng hạn 100% hồ sơ được phân công.",
                            "order": n,
                        },
                    )
                    counts["objectives"] += 1
                    sind = _indicator(own, spec["indicator"], person)
                    # The first staff member of each department (in TCCB the demo login
                    # "staff") has not entered this year's latest value: it is late.
                    late = year == current and n == 1
                    counts["measurements"] += _measure(
                        sind,
                        spec["values"],
                        offset + (n - 1.5),
                        year_index,
                        today,
                        skip_last=late,
                    )
            if documents_source and spec["code"] == "MT-01":
                _indicator(
                    org,
                    (
                        "Tỷ lệ tài liệu được soát xét đúng hạn",
                        "%",
                        Direction.HIGHER,
                        95,
                        90,
                        Frequency.QUARTERLY,
                    ),
                    _user("secretariat") or owner,
                    source=documents_source,
                )
    if documents_source:
        from objectives.services import refresh_computed_measurements

        refresh_computed_measurements(today=today)
    if stdout:
        stdout.write(
            f"  objectives: {counts['objectives']} objectives in {len(years)} school years, "
            f"{Measurement.objects.count()} measurements"
        )
