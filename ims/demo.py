"""Demo data for the organisation core: a provincial Department of Education and
Training after the 2025 reorganisation. Idempotent: every row is found by its
natural key and brought to the state below.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from ims.models import Department, Organisation, Position, Profile, Unit
from ims.roles import Role
from ims.services import ensure_school_year

User = get_user_model()

DEMO_PASSWORD = "ims-demo-2026"

ORGANISATION = {
    "name": "Sở Giáo dục và Đào tạo tỉnh Sơn La",
    "short_name": "Sở GDĐT Sơn La",
    "parent_name": "Ủy ban nhân dân tỉnh Sơn La",
    "address": "Số 8, đường Tô Hiệu, phường Tô Hiệu, tỉnh Sơn La",
    "phone": "0212 3852 208",
    "email": "sogddt@sonla.edu.vn",
    "website": "https://sonla.edu.vn",
    "vision": (
        "Đến năm 2040, giáo dục và đào tạo tỉnh Sơn La phát triển toàn diện, hiện đại, "
        "công bằng và hội nhập; mọi người học, nhất là học sinh vùng đồng bào dân tộc "
        "thiểu số, được học tập suốt đời trong môi trường an toàn, thân thiện, chất lượng."
    ),
    "mission": (
        "Tham mưu và tổ chức thực hiện quản lý nhà nước về giáo dục và đào tạo trên địa bàn "
        "tỉnh; bảo đảm mọi người học được tiếp cận giáo dục có chất lượng; xây dựng đội ngũ "
        "nhà giáo và cán bộ quản lý đủ về số lượng, đạt chuẩn về chất lượng; cung cấp dịch "
        "vụ hành chính công minh bạch, đúng hạn, lấy sự hài lòng của người học, cha mẹ học "
        "sinh và người dân làm thước đo."
    ),
    "core_values": ("Trách nhiệm – Chuyên nghiệp – Minh bạch – Sáng tạo – Vì người học."),
    "quality_policy": (
        "Sở Giáo dục và Đào tạo tỉnh Sơn La cam kết xây dựng, áp dụng, duy trì và cải tiến "
        "thường xuyên Hệ thống quản lý tích hợp theo TCVN ISO 9001:2015 và TCVN ISO 21001:2019; "
        "giải quyết công việc đúng pháp luật, đúng thời hạn; lấy người học và các bên quan "
        "tâm làm trung tâm; bảo đảm công bằng, tiếp cận và an toàn dữ liệu của người học; "
        "không ngừng nâng cao sự hài lòng của tổ chức, cá nhân đối với dịch vụ giáo dục và "
        "dịch vụ hành chính công."
    ),
}

DEPARTMENTS = [
    ("VP", "Văn phòng Sở"),
    ("TCCB", "Phòng Tổ chức cán bộ"),
    ("KHTC", "Phòng Kế hoạch – Tài chính"),
    ("TTr", "Thanh tra Sở"),
    ("GDMNTH", "Phòng Giáo dục Mầm non và Tiểu học"),
    ("GDTrH", "Phòng Giáo dục Trung học"),
    ("GDTX", "Phòng GDTX – GDNN và Đại học"),
    ("QLCL", "Phòng Quản lý chất lượng"),
]

# Per department: the head, a deputy, then specialists.
POSITIONS = [
    ("TP", "Trưởng phòng", True),
    ("PTP", "Phó Trưởng phòng", True),
    ("CV", "Chuyên viên", False),
]

COMMUNES = [
    "Phường Tô Hiệu",
    "Phường Chiềng An",
    "Phường Chiềng Cơi",
    "Phường Chiềng Sinh",
    "Phường Mộc Châu",
    "Phường Mộc Sơn",
    "Phường Thảo Nguyên",
    "Phường Vân Sơn",
    "Xã Mai Sơn",
    "Xã Chiềng Mung",
    "Xã Yên Châu",
    "Xã Thuận Châu",
    "Xã Quỳnh Nhai",
    "Xã Mường La",
    "Xã Bắc Yên",
    "Xã Phù Yên",
    "Xã Sông Mã",
    "Xã Sốp Cộp",
    "Xã Vân Hồ",
    "Xã Mường Bú",
    "Xã Co Mạ",
    "Xã Chiềng Khương",
    "Xã Tân Lang",
    "Xã Gia Phù",
]

UNITS = [
    ("THPT Chuyên Sơn La", Unit.Kind.SPECIALISED),
    ("THPT Tô Hiệu", Unit.Kind.UPPER_SECONDARY),
    ("THPT Chiềng Sinh", Unit.Kind.UPPER_SECONDARY),
    ("THPT Nguyễn Du", Unit.Kind.UPPER_SECONDARY),
    ("THPT Chu Văn Thịnh", Unit.Kind.UPPER_SECONDARY),
    ("THPT Mai Sơn", Unit.Kind.UPPER_SECONDARY),
    ("THPT Cò Nòi", Unit.Kind.UPPER_SECONDARY),
    ("THPT Mộc Lỵ", Unit.Kind.UPPER_SECONDARY),
    ("THPT Thảo Nguyên", Unit.Kind.UPPER_SECONDARY),
    ("THPT Chiềng Sơn", Unit.Kind.UPPER_SECONDARY),
    ("THPT Mộc Hạ", Unit.Kind.UPPER_SECONDARY),
    ("THPT Yên Châu", Unit.Kind.UPPER_SECONDARY),
    ("THPT Phiêng Khoài", Unit.Kind.UPPER_SECONDARY),
    ("THPT Thuận Châu", Unit.Kind.UPPER_SECONDARY),
    ("THPT Tông Lệnh", Unit.Kind.UPPER_SECONDARY),
    ("THPT Bình Thuận", Unit.Kind.UPPER_SECONDARY),
    ("THPT Co Mạ", Unit.Kind.UPPER_SECONDARY),
    ("THPT Quỳnh Nhai", Unit.Kind.UPPER_SECONDARY),
    ("THPT Mường Giôn", Unit.Kind.UPPER_SECONDARY),
    ("THPT Mường La", Unit.Kind.UPPER_SECONDARY),
    ("THPT Mường Bú", Unit.Kind.UPPER_SECONDARY),
    ("THPT Bắc Yên", Unit.Kind.UPPER_SECONDARY),
    ("THPT Phù Yên", Unit.Kind.UPPER_SECONDARY),
    ("THPT Gia Phù", Unit.Kind.UPPER_SECONDARY),
    ("THPT Tân Lang", Unit.Kind.UPPER_SECONDARY),
    ("THPT Sông Mã", Unit.Kind.UPPER_SECONDARY),
    ("THPT Chiềng Khương", Unit.Kind.UPPER_SECONDARY),
    ("THPT Sốp Cộp", Unit.Kind.UPPER_SECONDARY),
    ("THPT Vân Hồ", Unit.Kind.UPPER_SECONDARY),
    ("PTDTNT tỉnh Sơn La", Unit.Kind.ETHNIC_BOARDING),
    ("PTDTNT THCS và THPT Mai Sơn", Unit.Kind.ETHNIC_BOARDING),
    ("PTDTNT THCS và THPT Thuận Châu", Unit.Kind.ETHNIC_BOARDING),
    ("PTDTNT THCS và THPT Sông Mã", Unit.Kind.ETHNIC_BOARDING),
    ("PTDTBT THCS Chiềng Nơi", Unit.Kind.ETHNIC_SEMI_BOARDING),
    ("PTDTBT THCS Mường Lạn", Unit.Kind.ETHNIC_SEMI_BOARDING),
    ("Trung tâm GDNN-GDTX Mai Sơn", Unit.Kind.CONTINUING_EDUCATION),
    ("Trung tâm GDNN-GDTX Mộc Châu", Unit.Kind.CONTINUING_EDUCATION),
    ("Trung tâm GDNN-GDTX Thuận Châu", Unit.Kind.CONTINUING_EDUCATION),
    ("Trung tâm GDNN-GDTX Phù Yên", Unit.Kind.CONTINUING_EDUCATION),
    ("Trung tâm GDTX tỉnh", Unit.Kind.CONTINUING_EDUCATION),
]

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Lò",
    "Cầm",
    "Quàng",
    "Đinh",
    "Vũ",
    "Bùi",
    "Lường",
]
MIDDLE = ["Văn", "Thị", "Thanh", "Minh", "Thu", "Đức", "Hồng", "Quốc", "Ngọc", "Hải"]
GIVEN = [
    "An",
    "Bình",
    "Chiến",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Thủy",
    "Trang",
    "Tuấn",
    "Vân",
]

# One login per role, printed by load_demo.
ROLE_LOGINS = [
    ("secretariat", "Đinh Thị Thu Hà", "QLCL", "CV", [Role.ISO_SECRETARIAT, Role.STAFF]),
    ("leadership", "Cầm Văn Quân", None, None, [Role.LEADERSHIP]),
    ("head", "Lò Văn Hùng", "TCCB", "TP", [Role.DEPARTMENT_HEAD, Role.STAFF]),
    ("staff", "Nguyễn Thị Lan", "TCCB", "CV", [Role.STAFF]),
    ("auditor", "Bùi Đức Phong", "KHTC", "CV", [Role.AUDITOR, Role.STAFF]),
    ("unit", "Quàng Thị Hương", None, None, [Role.UNIT_CONTACT]),
    # The certification body's auditor: reads everything, writes nothing.
    ("external", "Trần Minh Đức", None, None, [Role.EXTERNAL_AUDITOR]),
]

STAFF_PER_DEPARTMENT = 7  # 8 departments × 7 + 4 leaders and role logins ≈ 60 people


def load(stdout=None) -> None:
    organisation = Organisation.current() or Organisation(name=ORGANISATION["name"])
    changed = any(getattr(organisation, k) != v for k, v in ORGANISATION.items())
    if changed:
        for field, value in ORGANISATION.items():
            setattr(organisation, field, value)
        organisation._change_reason = "Dữ liệu mẫu"
        organisation.save()

    this_year = ensure_school_year(_start_year_today(), current=True)
    ensure_school_year(this_year.start_date.year - 1)

    departments = {}
    for order, (code, name) in enumerate(DEPARTMENTS, start=1):
        departments[code], _ = Department.objects.update_or_create(
            code=code,
            defaults={"name": name, "order": order, "email": f"{code.lower()}@sonla.edu.vn"},
        )
    positions = {}
    for code, department in departments.items():
        for pcode, pname, manager in POSITIONS:
            positions[(code, pcode)], _ = Position.objects.update_or_create(
                code=f"{pcode}-{code}",
                defaults={"department": department, "name": pname, "is_manager": manager},
            )
    director, _ = Position.objects.update_or_create(
        code="GD",
        defaults={"department": departments["VP"], "name": "Giám đốc Sở", "is_manager": True},
    )
    deputy, _ = Position.objects.update_or_create(
        code="PGD",
        defaults={"department": departments["VP"], "name": "Phó Giám đốc Sở", "is_manager": True},
    )

    units = []
    for index, (name, kind) in enumerate(UNITS):
        commune = COMMUNES[index % len(COMMUNES)]
        unit, _ = Unit.objects.update_or_create(
            code=f"DV{index + 1:03d}",
            defaults={
                "name": name,
                "kind": kind,
                "commune": commune,
                "address": f"{commune}, tỉnh Sơn La",
                "contact_name": _person_name(index + 200),
                "phone": f"0212 38{index:02d} {100 + index}",
                "email": f"dv{index + 1:03d}@sonla.edu.vn",
            },
        )
        units.append(unit)

    password = make_password(DEMO_PASSWORD)
    groups = {g.name: g for g in Group.objects.all()}

    def person(username, full_name, department=None, position=None, unit=None, roles=()):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "email": f"{username}@sonla.edu.vn",
                "password": password,
            },
        )
        if not created and user.first_name != full_name:
            user.first_name = full_name
            user.save(update_fields=["first_name"])
        Profile.objects.update_or_create(
            user=user, defaults={"department": department, "position": position, "unit": unit}
        )
        user.groups.set([groups[r] for r in roles])
        return user

    people = []
    for username, full_name, dcode, pcode, roles in ROLE_LOGINS:
        department = departments.get(dcode) if dcode else None
        position = positions.get((dcode, pcode)) if dcode else None
        unit = units[1] if Role.UNIT_CONTACT in roles else None
        if username == "leadership":
            department, position = departments["VP"], director
        people.append(person(username, full_name, department, position, unit, roles))
    people.append(
        person("pgd1", "Hoàng Văn Nam", departments["VP"], deputy, None, [Role.LEADERSHIP])
    )
    people.append(
        person("pgd2", "Lê Thị Thu Thủy", departments["VP"], deputy, None, [Role.LEADERSHIP])
    )

    serial = 0
    for code, department in departments.items():
        for slot in range(STAFF_PER_DEPARTMENT):
            serial += 1
            if code == "TCCB" and slot == 0:
                continue  # the "head" demo login heads this department
            username = f"{code.lower()}{slot + 1}"
            if slot == 0:
                pcode, roles = "TP", [Role.DEPARTMENT_HEAD, Role.STAFF]
            elif slot == 1:
                pcode, roles = "PTP", [Role.STAFF]
            else:
                pcode, roles = "CV", [Role.STAFF]
            if code == "QLCL" and slot in (2, 3):
                roles = [*roles, Role.ISO_SECRETARIAT]
            if code in ("KHTC", "TTr", "GDTX") and slot == 2:
                roles = [*roles, Role.AUDITOR]
            user = person(
                username, _person_name(serial), department, positions[(code, pcode)], None, roles
            )
            people.append(user)
            if slot == 0:
                Department.objects.filter(pk=department.pk).update(head=user)
    Department.objects.filter(code="TCCB").update(head=User.objects.get(username="head"))

    for index, unit in enumerate(units[:4]):
        people.append(
            person(f"dv{index + 1:03d}", unit.contact_name, None, None, unit, [Role.UNIT_CONTACT])
        )

    if stdout:
        stdout.write(
            f"  organisation: {len(departments)} departments, {len(units)} units, "
            f"{User.objects.count()} people"
        )


def _person_name(n: int) -> str:
    return (
        f"{FAMILY[n % len(FAMILY)]} {MIDDLE[(n // 3) % len(MIDDLE)]} {GIVEN[(n * 7) % len(GIVEN)]}"
    )


def _start_year_today() -> int:
    from ims.models import SchoolYear

    return SchoolYear.year_of(timezone.localdate())
