"""Demo data of audits: last school year's programme with two completed internal rounds
and the certification audit, findings of every grade, corrective actions in every
state, complaints and appeals, one management review; this year's first round
with an audit coming up.

Idempotent: rows are found by their natural keys (programme by school year, round
by kind, audit by round and department, finding by its statement); an existing
row is left as it is.
"""

# ruff: noqa: E501  (demo texts read better unbroken)

from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from audits import services
from audits.corrective import demo as persona_actions
from audits.corrective import services as corrective
from audits.models import (
    Audit,
    AuditProgramme,
    AuditRound,
    Complaint,
    CorrectiveAction,
    Finding,
    ManagementReview,
    ReviewDecision,
)
from audits.review import services as reviews
from ims.demo import DEMO_PASSWORD
from ims.models import Clause, Department, Profile, SchoolYear, Unit
from ims.roles import Role
from ims.services import ensure_school_year

User = get_user_model()
CA = CorrectiveAction
G = Finding.Grade

# Clauses every internal audit of a department tests, plus each one's own.
COMMON_9001 = ["4.4", "5.3", "6.1", "6.2", "7.1.6", "7.2", "7.5.3", "8.5.1", "9.1.3", "10.2"]
COMMON_21001 = ["5.1.2", "8.5.5", "9.1.2"]

# (round kind, department, lead, team, day offset in the round, own clauses (9001, 21001),
#  findings: (grade, standard, clause, statement, evidence))
AUDITS = [
    (
        "internal_1",
        "TCCB",
        "ttr3",
        ["khtc3"],
        0,
        (["7.1.2"], ["7.1.6.2"]),
        [
            (
                G.CONFORMITY,
                "9001",
                "7.5.3",
                "Hồ sơ tuyển dụng viên chức 2025 được lưu đầy đủ, đúng danh mục hồ sơ của QT.05-TCCB.",
                "Kiểm tra 12/12 hồ sơ dự tuyển đợt tháng 9/2025.",
            ),
            (
                G.MINOR,
                "9001",
                "7.2",
                "Chưa lưu bằng chứng đánh giá hiệu lực đào tạo sau các lớp bồi dưỡng công chức.",
                "Kế hoạch bồi dưỡng 2025 có 4 lớp; không có phiếu đánh giá sau khoá học.",
            ),
            (
                G.OBSERVATION,
                "9001",
                "6.2",
                "Mục tiêu chất lượng của phòng chưa nêu rõ phương pháp đo.",
                "Mục tiêu chất lượng năm học 2025–2026 của phòng TCCB.",
            ),
        ],
    ),
    (
        "internal_1",
        "GDTrH",
        "khtc3",
        ["gdtx3"],
        1,
        (["8.2", "8.5.2"], ["5.1.3", "8.5.1.4"]),
        [
            (
                G.MAJOR,
                "21001",
                "8.5.5",
                "Danh sách học sinh kèm điểm thi và số định danh được gửi qua thư điện tử công cộng, không mã hoá.",
                "Thư gửi các trường THPT ngày 12/10/2025 từ hộp thư cá nhân.",
            ),
            (
                G.MINOR,
                "9001",
                "7.5.3",
                "Công văn hướng dẫn thi nghề phổ thông đang dùng là bản đã hết hiệu lực.",
                "Bộ phận một cửa còn phát bản hướng dẫn năm 2023.",
            ),
            (
                G.OFI,
                "21001",
                "5.1.3",
                "Có thể bổ sung hướng dẫn hỗ trợ thí sinh khuyết tật trong kỳ thi tuyển sinh lớp 10.",
                "Phỏng vấn chuyên viên phụ trách thi.",
            ),
        ],
    ),
    (
        "internal_1",
        "KHTC",
        "gdtx3",
        ["ttr3"],
        2,
        (["7.1.3", "8.4"], []),
        [
            (
                G.CONFORMITY,
                "9001",
                "8.4",
                "Việc lựa chọn nhà cung cấp thiết bị dạy học được đánh giá theo tiêu chí đã ban hành.",
                "Hồ sơ gói thầu thiết bị lớp 10 năm 2025.",
            ),
            (
                G.MINOR,
                "9001",
                "6.1",
                "Sổ theo dõi rủi ro của phòng chưa được cập nhật từ đầu năm học.",
                "Sổ rủi ro cập nhật lần cuối 05/2025.",
            ),
        ],
    ),
    (
        "internal_2",
        "QLCL",
        "ttr3",
        ["khtc3"],
        0,
        (["9.1.3", "9.2"], ["9.1.4"]),
        [
            (
                G.MINOR,
                "21001",
                "9.1.2",
                "Kết quả khảo sát sự hài lòng của cha mẹ học sinh chưa được phân tích theo từng xã, phường.",
                "Báo cáo khảo sát tháng 12/2025.",
            ),
            (
                G.OBSERVATION,
                "9001",
                "9.2",
                "Chương trình đánh giá nội bộ chưa nêu tiêu chí chọn chuyên gia đánh giá.",
                "Chương trình đánh giá năm học 2025–2026.",
            ),
        ],
    ),
    (
        "internal_2",
        "GDMNTH",
        "khtc3",
        ["ttr3"],
        1,
        (["8.5.1", "8.7"], ["8.5.1.2", "7.1.6.2"]),
        [
            (
                G.MINOR,
                "21001",
                "8.5.1.2",
                "Kế hoạch tuyển sinh lớp 1 chưa công khai trên cổng thông tin đúng thời hạn.",
                "Kế hoạch ký ngày 20/5/2026, đăng ngày 10/6/2026.",
            ),
            (
                G.OFI,
                "21001",
                "7.1.6.2",
                "Có thể xây dựng kho học liệu số dùng chung cho các trường tiểu học.",
                "Phỏng vấn trưởng phòng.",
            ),
            (
                G.CONFORMITY,
                "9001",
                "8.7",
                "Đầu ra không phù hợp (hồ sơ công nhận trường chuẩn thiếu) được ghi nhận và xử lý.",
                "Sổ theo dõi đầu ra không phù hợp.",
            ),
        ],
    ),
    (
        "internal_2",
        "VP",
        "gdtx3",
        ["khtc3"],
        2,
        (["7.4", "7.1.5"], ["7.4.2"]),
        [
            (
                G.MINOR,
                "9001",
                "7.5.3",
                "Một số thủ tục hành chính trả kết quả trễ hạn nhưng không có văn bản xin lỗi theo quy định.",
                "Sổ theo dõi hồ sơ một cửa quý I/2026: 3 hồ sơ trễ hạn.",
            ),
        ],
    ),
    (
        "certification",
        "TCCB",
        "dgv_ngoai",
        [],
        0,
        ([], []),
        [
            (
                G.MINOR,
                "9001",
                "7.1.6",
                "Chưa xác định tri thức cần thiết cho quá trình thi đua – khen thưởng.",
                "Phỏng vấn chuyên viên; không có danh mục tri thức.",
            ),
            (
                G.OFI,
                "9001",
                "10.3",
                "Có thể số hoá sổ theo dõi hành động khắc phục của toàn Sở.",
                "Quan sát tại phòng QLCL.",
            ),
        ],
    ),
]

COMPLAINTS = [
    (
        Complaint.Kind.COMPLAINT,
        Complaint.Party.PARENT,
        "Lò Thị Mai",
        "GDTrH",
        "Chậm trả kết quả phúc khảo bài thi tuyển sinh lớp 10",
        "Đơn phúc khảo nộp ngày 10/7/2026, sau 20 ngày chưa nhận được kết quả.",
        -120,
    ),
    (
        Complaint.Kind.APPEAL,
        Complaint.Party.LEARNER,
        "Vì Văn Dũng",
        "GDTX",
        "Đề nghị xem xét lại việc công nhận tốt nghiệp GDTX",
        "Học viên cho rằng điểm bài kiểm tra cuối khoá bị nhập sai.",
        -60,
    ),
    (
        Complaint.Kind.COMPLAINT,
        Complaint.Party.SCHOOL,
        "",
        "KHTC",
        "Kinh phí hỗ trợ học sinh bán trú cấp chậm",
        "Trường chưa nhận kinh phí hỗ trợ học kỳ I dù đã nộp hồ sơ đúng hạn.",
        -10,
    ),
]


def _clauses(standard: str, numbers) -> list:
    code = Clause.Standard.ISO_9001 if standard == "9001" else Clause.Standard.ISO_21001
    return list(Clause.objects.filter(standard=code, number__in=numbers))


def _user(username):
    return User.objects.filter(username=username).first()


def _external_auditor():
    user, created = User.objects.get_or_create(
        username="dgv_ngoai",
        defaults={
            "first_name": "Trần Quốc Bảo",
            "email": "dgv_ngoai@example.org",
            "password": make_password(DEMO_PASSWORD),
        },
    )
    Profile.objects.get_or_create(user=user)
    user.groups.add(Group.objects.get(name=Role.AUDITOR))
    return user


def _answer(action, head, text):
    return corrective.answer_corrective_action(
        action=action,
        actor=head,
        correction=f"Đã xử lý ngay: {text}",
        whys=[
            "Vì quy trình chưa quy định rõ bước này",
            "Vì khi soạn quy trình chưa tham khảo yêu cầu mới",
            "Vì chưa có người rà soát quy định mới định kỳ",
        ],
        root_cause="Chưa phân công người rà soát, cập nhật quy định mới vào quy trình.",
        action_plan="Sửa đổi quy trình, phân công chuyên viên rà soát hằng quý, tập huấn cho phòng.",
    )


def load(stdout=None) -> None:
    today = timezone.localdate()
    this_year = SchoolYear.year_of(today)
    last = ensure_school_year(this_year - 1)
    current = ensure_school_year(this_year, current=True)
    secretariat = _user("secretariat")
    if secretariat is None or not Department.objects.filter(code="TCCB").exists():
        return  # the organisation's demo has not run
    departments = {d.code: d for d in Department.objects.all()}
    _external_auditor()

    programme, _ = AuditProgramme.objects.get_or_create(
        school_year=last,
        defaults={
            "objectives": (
                "Đánh giá sự phù hợp và hiệu lực của Hệ thống quản lý tích hợp TCVN ISO 9001:2015 "
                "– TCVN ISO 21001:2019 tại tất cả các phòng trước đánh giá chứng nhận."
            ),
            "scope": "Tất cả các phòng thuộc Sở và các quá trình trong phạm vi HTQL.",
            "created_by": secretariat,
        },
    )
    start = last.start_date
    rounds = {}
    for kind, begin, length, body in (
        ("internal_1", date(start.year, 12, 8), 10, ""),
        ("internal_2", date(start.year + 1, 3, 9), 10, ""),
        ("certification", date(start.year + 1, 5, 18), 3, "Trung tâm Chứng nhận Phù hợp (QUACERT)"),
    ):
        rounds[kind], _ = AuditRound.objects.get_or_create(
            programme=programme,
            kind=kind,
            defaults={
                "start_date": begin,
                "end_date": begin + timedelta(days=length),
                "certification_body": body,
            },
        )

    findings_by_statement = {}
    for kind, dcode, lead, team, offset, (own_9001, own_21001), findings in AUDITS:
        round = rounds[kind]
        department = departments[dcode]
        audit = Audit.objects.filter(round=round, department=department).first()
        if audit is None:
            audit = services.plan_audit(
                actor=secretariat,
                round=round,
                fields={
                    "department": department,
                    "process": "",
                    "scope": f"Các quá trình do {department.name} chủ trì",
                    "date": round.start_date + timedelta(days=offset),
                    "start_time": None,
                    "place": "Phòng họp tầng 2, trụ sở Sở",
                    "lead_auditor": _user(lead),
                },
                clauses=_clauses("9001", COMMON_9001 + own_9001)
                + _clauses("21001", COMMON_21001 + own_21001),
                team=[u for u in map(_user, team) if u],
                documents=_documents_of(department),
            )
            services.generate_checklist(audit=audit, actor=secretariat)
            _fill_checklist(audit, _user(lead))
        for grade, standard, number, statement, evidence in findings:
            finding = Finding.objects.filter(audit=audit, statement=statement).first()
            if finding is None:
                audit.status = Audit.Status.IN_PROGRESS
                finding = services.record_finding(
                    audit=audit,
                    actor=secretariat,
                    grade=grade,
                    clause=_clauses(standard, [number])[0],
                    department=department,
                    statement=statement,
                    evidence=evidence,
                    due_date=audit.date + timedelta(days=30),
                )
                Finding.objects.filter(pk=finding.pk).update(
                    recorded_at=timezone.make_aware(
                        datetime.combine(audit.date, datetime.min.time())
                    )
                )
                if finding.is_nonconformity:
                    CA.objects.filter(pk=finding.corrective_action.pk).update(raised_on=audit.date)
            findings_by_statement[statement[:30]] = finding
        if audit.status != Audit.Status.COMPLETED:
            Audit.objects.filter(pk=audit.pk).update(
                status=Audit.Status.COMPLETED,
                summary=(
                    "Hệ thống được duy trì và có hiệu lực tại phòng; các điểm không phù hợp "
                    "được thống nhất với trưởng phòng."
                ),
            )

    _move_actions(findings_by_statement, departments, secretariat, today)
    _complaints(departments, secretariat, today)
    _review(last, secretariat, departments)
    _this_year(current, secretariat, departments, today)
    persona_actions.load(stdout)

    if stdout:
        stdout.write(
            f"  audits: {Audit.objects.count()} audits, {Finding.objects.count()} findings, "
            f"{CA.objects.count()} corrective actions, {Complaint.objects.count()} complaints"
        )


def _documents_of(department):
    try:
        from documents.models import Document
    except ImportError:  # the documents app is not installed
        return []
    return list(
        Document.objects.filter(
            department=department, kind__in=["QT", "HD"], is_obsolete=False
        ).order_by("code")[:2]
    )


def _fill_checklist(audit, auditor):
    from audits.models import ChecklistItem

    for n, item in enumerate(audit.checklist.all()):
        ChecklistItem.objects.filter(pk=item.pk).update(
            result=ChecklistItem.Result.CONFORMS if n % 5 else ChecklistItem.Result.OBSERVATION,
            evidence="Đã xem hồ sơ, phỏng vấn chuyên viên phụ trách.",
            updated_by=auditor,
            updated_at=timezone.now(),
            version=2,
        )


def _move_actions(findings, departments, secretariat, today):
    """Bring the actions of last year's findings to every state."""

    def action_of(prefix):
        finding = findings.get(prefix[:30])
        return CA.objects.get(finding=finding) if finding else None

    def head_of(action):
        return action.department.head or secretariat

    # Closed: answered, done, verified effective.
    for prefix in (
        "Chưa lưu bằng chứng đánh giá hiệu lực đào tạo",
        "Danh sách học sinh kèm điểm thi và số định danh",
        "Công văn hướng dẫn thi nghề phổ thông đang dùng",
    ):
        action = action_of(prefix)
        if action and action.state == CA.State.OPEN:
            action = _answer(action, head_of(action), "thu hồi, thay thế tài liệu")
            done = action.raised_on + timedelta(days=20)
            action = corrective.mark_implemented(
                action=action, actor=head_of(action), implemented_on=done
            )
            corrective.verify_effectiveness(
                action=action,
                actor=secretariat,
                effective=True,
                note="Kiểm tra lại sau 30 ngày: không tái diễn.",
                today=action.verification_due,
            )
    # Reopened: the verification found it not effective.
    action = action_of("Sổ theo dõi rủi ro của phòng chưa được cập nhật")
    if action and action.state == CA.State.OPEN:
        action = _answer(action, head_of(action), "cập nhật sổ rủi ro")
        action = corrective.mark_implemented(
            action=action, actor=head_of(action), implemented_on=action.raised_on + timedelta(20)
        )
        corrective.verify_effectiveness(
            action=action,
            actor=secretariat,
            effective=False,
            note="Sổ rủi ro lại không được cập nhật trong quý sau: hành động chưa hiệu lực.",
            today=action.verification_due,
        )
        CA.objects.filter(pk=action.pk).update(due_date=today + timedelta(days=20))
    # Awaiting verification: done recently, check due soon.
    action = action_of("Kết quả khảo sát sự hài lòng của cha mẹ học sinh")
    if action and action.state == CA.State.OPEN:
        action = _answer(action, head_of(action), "phân tích lại theo xã, phường")
        corrective.mark_implemented(
            action=action, actor=head_of(action), implemented_on=today - timedelta(days=25)
        )
    # Awaiting verification with the check already due.
    action = action_of("Chưa xác định tri thức cần thiết")
    if action and action.state == CA.State.OPEN:
        action = _answer(action, head_of(action), "lập danh mục tri thức")
        corrective.mark_implemented(
            action=action, actor=head_of(action), implemented_on=today - timedelta(days=45)
        )
    # Planned and overdue.
    action = action_of("Kế hoạch tuyển sinh lớp 1 chưa công khai")
    if action and action.state == CA.State.OPEN:
        _answer(action, head_of(action), "đăng kế hoạch")
    # "Một số thủ tục hành chính trả kết quả trễ hạn" stays open and overdue.


def _complaints(departments, secretariat, today):
    units = list(Unit.objects.order_by("code")[:3])
    for n, (kind, party, name, dcode, subject, description, days) in enumerate(COMPLAINTS):
        complaint, created = Complaint.objects.get_or_create(
            subject=subject,
            defaults={
                "kind": kind,
                "party": party,
                "complainant": name,
                "unit": units[n] if party == Complaint.Party.SCHOOL and n < len(units) else None,
                "department": departments[dcode],
                "received_on": today + timedelta(days=days),
                "description": description,
                "recorded_by": secretariat,
            },
        )
        if not created:
            continue
        if n == 0:
            corrective.answer_complaint(
                complaint=complaint,
                actor=secretariat,
                response="Đã trả kết quả phúc khảo ngày 02/8/2026 và xin lỗi phụ huynh.",
            )
            action = corrective.action_from_complaint(
                complaint=complaint, actor=secretariat, due_date=today - timedelta(days=60)
            )
            CA.objects.filter(pk=action.pk).update(raised_on=complaint.received_on)
        if n == 2:
            # Open, not yet due.
            action = corrective.action_from_complaint(
                complaint=complaint, actor=secretariat, due_date=today + timedelta(days=20)
            )
            CA.objects.filter(pk=action.pk).update(raised_on=complaint.received_on)


def _review(year, secretariat, departments):
    title = f"Xem xét của lãnh đạo năm học {year.name}"
    if ManagementReview.objects.filter(title=title).exists():
        return
    review = reviews.prepare_review(
        actor=secretariat,
        fields={
            "school_year": year,
            "title": title,
            "meeting_date": date(year.end_date.year, 6, 15),
            "period_start": year.start_date,
            "period_end": date(year.end_date.year, 6, 10),
            "chair": "Cầm Văn Quân, Giám đốc Sở",
            "attendees": "Ban Giám đốc Sở; trưởng các phòng; Tổ thư ký ISO.",
        },
    )
    review.conclusions = (
        "Hệ thống quản lý tích hợp phù hợp, thỏa đáng và có hiệu lực; đủ điều kiện công bố "
        "HTQLCL phù hợp TCVN ISO 9001:2015 sau đánh giá chứng nhận."
    )
    review.save(update_fields=["conclusions"])
    ReviewDecision.objects.create(
        review=review,
        kind=ReviewDecision.Kind.OBJECTIVE,
        text="Đặt mục tiêu 100% hồ sơ thủ tục hành chính giải quyết đúng hạn trong năm học mới.",
        department=departments["VP"],
        due_date=date(year.end_date.year, 9, 30),
        link="/objectives/",
    )
    ReviewDecision.objects.create(
        review=review,
        kind=ReviewDecision.Kind.RESOURCES,
        text="Bố trí kinh phí số hoá hồ sơ lưu trữ của phòng TCCB.",
        department=departments["KHTC"],
        status=ReviewDecision.Status.DONE,
        done_on=date(year.end_date.year, 8, 20),
    )
    decision = ReviewDecision.objects.create(
        review=review,
        kind=ReviewDecision.Kind.IMPROVEMENT,
        text="Rà soát lại toàn bộ quy trình bảo vệ dữ liệu người học (ISO 21001 8.5.5).",
        department=departments["GDTrH"],
        due_date=date(year.end_date.year, 10, 31),
    )
    action = reviews.decision_to_corrective_action(decision=decision, actor=secretariat)
    CA.objects.filter(pk=action.pk).update(raised_on=review.meeting_date)
    # Prepared a week before the meeting, as the secretariat would have.
    ManagementReview.objects.filter(pk=review.pk).update(
        prepared_at=timezone.make_aware(
            datetime.combine(review.meeting_date - timedelta(days=7), datetime.min.time())
        )
    )


def _this_year(year, secretariat, departments, today):
    """This year's first round, with an audit in a few days (reminders, home page)."""
    programme, _ = AuditProgramme.objects.get_or_create(
        school_year=year,
        defaults={
            "objectives": "Duy trì HTQL tích hợp; chuẩn bị đánh giá giám sát lần 1.",
            "scope": "Tất cả các phòng thuộc Sở.",
            "created_by": secretariat,
        },
    )
    round, _ = AuditRound.objects.get_or_create(
        programme=programme,
        kind=AuditRound.Kind.INTERNAL_1,
        defaults={"start_date": today, "end_date": today + timedelta(days=21)},
    )
    department = departments["TCCB"]
    if not Audit.objects.filter(round=round, department=department).exists():
        services.plan_audit(
            actor=secretariat,
            round=round,
            fields={
                "department": department,
                "process": "",
                "scope": "Tuyển dụng, bồi dưỡng và đánh giá công chức, viên chức",
                "date": round.start_date + timedelta(days=5),
                "start_time": None,
                "place": "Phòng họp tầng 2",
                "lead_auditor": _user("auditor"),
            },
            clauses=_clauses("9001", COMMON_9001) + _clauses("21001", COMMON_21001),
            team=[u for u in [_user("ttr3")] if u],
            documents=_documents_of(department),
        )
