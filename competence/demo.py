"""Demo competence register of the Sở GDĐT: requirements of every position (from
its role description's "Tiêu chuẩn, năng lực"), each person's degrees, experience
and trainings, four trainings of the plan (one whose evaluation is due, one
evaluated effective, one still to come), and the "staff" persona's ISO awareness
certificate expiring within weeks. Idempotent: rows are found by their natural
keys, and a person's record is written once."""

import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.utils import timezone

from competence import services
from competence.models import (
    ExperienceNote,
    Level,
    Qualification,
    Requirement,
    Training,
    TrainingRecord,
    TrainingTopic,
)
from documents.history import acting_as
from documents.models import Document
from ims.models import Department, Position, SchoolYear

User = get_user_model()

TOPICS = {
    "iso": ("Nhận thức về HTQLCL theo TCVN ISO 9001:2015 và ISO 21001:2018", 24),
    "audit": ("Đánh giá viên nội bộ hệ thống quản lý chất lượng", 36),
    "qlnn": ("Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên", None),
    "qlnn_cvc": ("Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên chính", None),
    "it": ("Chứng chỉ ứng dụng công nghệ thông tin cơ bản (Thông tư 03/2014/TT-BTTTT)", None),
    "dx": ("Chuyển đổi số trong quản lý hồ sơ thủ tục hành chính", None),
    "van_ban": ("Kỹ năng soạn thảo văn bản hành chính theo Nghị định 30/2020/NĐ-CP", None),
}

# (kind, text, level, years, topic key)
SPECIALIST = [
    (
        Requirement.Kind.EDUCATION,
        "Tốt nghiệp đại học trở lên, chuyên ngành phù hợp với vị trí việc làm",
        Level.BACHELOR,
        None,
        None,
    ),
    (Requirement.Kind.TRAINING, "Bồi dưỡng quản lý nhà nước ngạch chuyên viên", None, None, "qlnn"),
    (
        Requirement.Kind.SKILL,
        "Tin học: sử dụng thành thạo ứng dụng công nghệ thông tin cơ bản",
        None,
        None,
        "it",
    ),
    (
        Requirement.Kind.TRAINING,
        "Được đào tạo nhận thức về ISO 9001:2015 và ISO 21001:2018",
        None,
        None,
        "iso",
    ),
    (
        Requirement.Kind.EXPERIENCE,
        "Có ít nhất 01 năm công tác trong ngành giáo dục",
        None,
        1,
        None,
    ),
]
MANAGER = [
    (
        Requirement.Kind.EDUCATION,
        "Tốt nghiệp đại học trở lên; ưu tiên thạc sĩ quản lý giáo dục",
        Level.BACHELOR,
        None,
        None,
    ),
    (
        Requirement.Kind.TRAINING,
        "Bồi dưỡng quản lý nhà nước ngạch chuyên viên chính",
        None,
        None,
        "qlnn_cvc",
    ),
    (
        Requirement.Kind.TRAINING,
        "Được đào tạo nhận thức về ISO 9001:2015 và ISO 21001:2018",
        None,
        None,
        "iso",
    ),
    (
        Requirement.Kind.EXPERIENCE,
        "Có ít nhất 05 năm công tác trong ngành giáo dục",
        None,
        5,
        None,
    ),
]
TCCB_SPECIALIST = (
    Requirement.Kind.EDUCATION,
    "Chuyên viên tổ chức cán bộ: đại học chuyên ngành luật, hành chính học, quản lý giáo dục "
    "hoặc quản trị nhân lực",
    Level.BACHELOR,
    None,
    None,
)

FIELDS = {
    "VP": "Hành chính học",
    "TCCB": "Luật",
    "KHTC": "Kế toán",
    "TTr": "Luật",
    "GDMNTH": "Giáo dục Tiểu học",
    "GDTrH": "Sư phạm Toán học",
    "GDTX": "Quản lý giáo dục",
    "QLCL": "Đo lường và đánh giá trong giáo dục",
}
INSTITUTIONS = [
    "Trường Đại học Tây Bắc",
    "Trường Đại học Sư phạm Hà Nội",
    "Học viện Hành chính Quốc gia",
    "Trường Đại học Luật Hà Nội",
    "Học viện Quản lý giáo dục",
]


def load(stdout=None) -> None:
    secretariat = User.objects.filter(username="secretariat").first()
    if secretariat is None or SchoolYear.objects.current() is None:
        return
    today = timezone.localdate()
    topics = {
        key: TrainingTopic.objects.get_or_create(name=name, defaults={"validity_months": months})[0]
        for key, (name, months) in TOPICS.items()
    }
    with acting_as(secretariat):
        _requirements(topics)
        people = list(
            User.objects.filter(is_active=True, profile__position__isnull=False)
            .select_related("profile__department", "profile__position")
            .order_by("pk")
        )
        for person in people:
            _record(person, topics, today)
    trainings = _trainings(topics, secretariat, today)
    if stdout:
        stdout.write(
            f"  competence: {Requirement.objects.count()} requirements, "
            f"{TrainingRecord.objects.count()} training records, {len(trainings)} trainings"
        )


def _requirements(topics) -> None:
    positions = Position.objects.select_related("department")
    role_docs = {d.position_id: d for d in Document.objects.filter(kind="MT").active()}
    procedures = {}
    for document in Document.objects.filter(kind="QT").active().order_by("code"):
        procedures.setdefault(document.department_id, []).append(document)
    for position in positions:
        specs = list(MANAGER if position.is_manager else SPECIALIST)
        if position.code == "CV-TCCB":
            specs[0] = TCCB_SPECIALIST
        order = 0
        for order, (kind, text, level, years, topic) in enumerate(specs, start=1):
            Requirement.objects.get_or_create(
                position=position,
                kind=kind,
                text=text,
                defaults={
                    "level": level,
                    "years": years,
                    "topic": topics[topic] if topic else None,
                    "order": order,
                },
            )
        documents = procedures.get(position.department_id, [])[:2]
        if position.pk in role_docs:
            documents = [role_docs[position.pk], *documents]
        for document in documents:
            order += 1
            Requirement.objects.get_or_create(
                position=position,
                kind=Requirement.Kind.DOCUMENT,
                document=document,
                defaults={"text": f"Đọc và hiểu {document.code}: {document.title}", "order": order},
            )


def _record(person, topics, today) -> None:
    if person.experience_notes.exists():
        return  # written on an earlier run (everybody gets an experience note)
    rng = random.Random(f"competence-{person.username}")
    profile = person.profile
    code = profile.department.code if profile.department else "VP"
    year = rng.randint(1996, 2016)
    if rng.random() > 0.05:  # one in twenty still has no degree on record
        Qualification.objects.create(
            person=person,
            level=Level.BACHELOR,
            degree="Cử nhân",
            field=FIELDS.get(code, "Quản lý giáo dục"),
            institution=rng.choice(INSTITUTIONS),
            year=year,
        )
    if rng.random() < 0.3:
        Qualification.objects.create(
            person=person,
            level=Level.MASTER,
            degree="Thạc sĩ",
            field="Quản lý giáo dục",
            institution="Học viện Quản lý giáo dục",
            year=min(year + rng.randint(3, 8), today.year - 1),
        )
    years = max(0, min(today.year - year - 1, rng.randint(1, 20)))
    ExperienceNote.objects.create(
        person=person,
        text=f"Công tác tại {profile.department.name if profile.department else 'Sở GDĐT'}",
        years=years,
    )
    wanted = [("qlnn_cvc" if profile.position.is_manager else "qlnn", 0.85), ("it", 0.8)]
    for key, share in wanted:
        if rng.random() < share:
            day = today - timedelta(days=rng.randint(400, 3000))
            TrainingRecord.objects.create(
                person=person,
                topic=topics[key],
                title=topics[key].name,
                date=day,
                result="Hoàn thành",
            )
    if person.username == "staff":
        # An earlier ISO awareness course whose certificate runs out in five weeks.
        day = today - relativedelta(months=24) + timedelta(days=35)
        TrainingRecord.objects.create(
            person=person,
            topic=topics["iso"],
            title="Lớp nhận thức ISO 9001:2015 (Trung tâm Tiêu chuẩn Đo lường Chất lượng)",
            date=day,
            result="Đạt",
            expires_on=day + relativedelta(months=24),
        )


def _year_of(day):
    return SchoolYear.objects.containing(day) or SchoolYear.objects.current()


def _trainings(topics, secretariat, today) -> list[Training]:
    departments = {d.code: d for d in Department.objects.all()}
    plans = [
        (
            "Đào tạo nhận thức ISO 9001:2015 và ISO 21001:2018",
            "iso",
            today - timedelta(days=95),
            "Hội trường Sở GDĐT",
            "Chuyên gia Trung tâm Chứng nhận Phù hợp (QUACERT)",
            list(departments),
            0.85,
        ),
        (
            "Đánh giá viên nội bộ hệ thống quản lý chất lượng",
            "audit",
            today - timedelta(days=200),
            "Phòng họp tầng 3, Sở GDĐT",
            "Chuyên gia đánh giá trưởng, Tổ chức chứng nhận",
            ["QLCL", "TTr"],
            1.0,
        ),
        (
            "Bồi dưỡng kỹ năng soạn thảo văn bản hành chính theo Nghị định 30/2020/NĐ-CP",
            "van_ban",
            today - timedelta(days=40),
            "Phòng họp tầng 2, Sở GDĐT",
            "Chánh Văn phòng Sở",
            ["VP", "TCCB"],
            0.9,
        ),
        (
            "Chuyển đổi số trong quản lý hồ sơ thủ tục hành chính",
            "dx",
            today + timedelta(days=20),
            "Phòng máy tính, Trung tâm GDNN-GDTX tỉnh",
            "Sở Khoa học và Công nghệ tỉnh Sơn La",
            ["VP", "TCCB", "KHTC"],
            0.0,
        ),
    ]
    trainings = []
    for title, key, day, place, trainer, codes, share in plans:
        training = Training.objects.filter(title=title).first()
        if training is None:
            training = services.save_training(
                training=Training(
                    school_year=_year_of(day),
                    topic=topics[key],
                    title=title,
                    date=day,
                    place=place,
                    trainer=trainer,
                ),
                departments=[departments[c] for c in codes if c in departments],
                positions=[],
                actor=secretariat,
            )
            rng = random.Random(f"attend-{title}")
            records = training.records.select_related("person").order_by("person__username")
            for record in records:
                # The staff persona missed the awareness course: their old certificate runs out.
                if (key == "iso" and record.person.username == "staff") or rng.random() >= share:
                    continue
                services.mark_attendance(
                    record=record, attended=True, result="Đạt", actor=secretariat, seen_version=None
                )
        trainings.append(training)
    audit = trainings[1]
    if audit.effective is None:
        head = departments["QLCL"].head if "QLCL" in departments else None
        services.evaluate_training(
            training=audit,
            evaluation=(
                "Sau 3 tháng, các học viên đã tham gia đánh giá nội bộ đợt 1 với vai trò thành "
                "viên đoàn đánh giá; phiếu ghi chép đánh giá đầy đủ, phát hiện được 4 điểm không "
                "phù hợp có căn cứ. Đào tạo đạt hiệu quả."
            ),
            effective=True,
            actor=head or secretariat,
            seen_version=None,
        )
    return trainings
