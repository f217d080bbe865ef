"""Corrective actions of the demo's personas, so that each finds real work in "Việc
của tôi": the head of TCCB (login ``head``) carries out an action due within the week,
and ``staff`` answers one raised a few days ago. Idempotent: an action is found again
by its nonconformity text, and dates are set relative to the day the demo is loaded."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from audits.corrective import services as corrective
from audits.corrective.models import CorrectiveAction
from ims.models import Department

CA = CorrectiveAction

HEAD_ACTION = (
    "Hồ sơ tuyển dụng viên chức đợt 1 năm 2026 của 3 trường THPT lưu thiếu biên bản "
    "kiểm tra điều kiện, tiêu chuẩn của người dự tuyển."
)
STAFF_ACTION = (
    "Danh sách viên chức được cử đi bồi dưỡng năm học này chưa được cập nhật vào hồ sơ "
    "theo dõi đào tạo, bồi dưỡng của phòng; không có bằng chứng đánh giá sau khóa học."
)


def load(stdout=None) -> int:
    """Return the number of actions made (0 when they exist or the personas do not)."""
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["head", "staff", "secretariat"])
    }
    department = Department.objects.filter(code="TCCB").first()
    if department is None or len(users) < 3:
        return 0
    today = timezone.localdate()
    made = 0
    if not CA.objects.filter(nonconformity=HEAD_ACTION).exists():
        action = corrective.open_corrective_action(
            actor=users["secretariat"],
            source=CA.Source.PROCESS_FAILURE,
            department=department,
            nonconformity=HEAD_ACTION,
            due_date=today + timedelta(days=5),
            owner=users["head"],
            raised_on=today - timedelta(days=21),
        )
        corrective.answer_corrective_action(
            action=action,
            actor=users["head"],
            correction="Đã yêu cầu 3 trường bổ sung biên bản kiểm tra vào hồ sơ tuyển dụng.",
            whys=[
                "Vì hội đồng tuyển dụng của trường không lập biên bản kiểm tra hồ sơ",
                "Vì biểu mẫu biên bản chưa có trong quy trình tuyển dụng",
                "Vì quy trình chưa được cập nhật theo Nghị định 85/2023/NĐ-CP",
            ],
            root_cause="Quy trình tuyển dụng viên chức chưa có biểu mẫu biên bản kiểm tra hồ sơ.",
            action_plan=(
                "Bổ sung biểu mẫu biên bản vào quy trình QT.05-TCCB, hướng dẫn các trường "
                "và kiểm tra lại hồ sơ đợt 1."
            ),
            due_date=today + timedelta(days=5),
        )
        made += 1
    if not CA.objects.filter(nonconformity=STAFF_ACTION).exists():
        corrective.open_corrective_action(
            actor=users["secretariat"],
            source=CA.Source.PROCESS_FAILURE,
            department=department,
            nonconformity=STAFF_ACTION,
            due_date=today + timedelta(days=25),
            owner=users["staff"],
            raised_on=today - timedelta(days=3),
        )
        made += 1
    if stdout and made:
        stdout.write(f"  audits: {made} corrective actions for the demo personas")
    return made
