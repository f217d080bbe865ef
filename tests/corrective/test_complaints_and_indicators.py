from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

from audits.corrective import services as corrective
from audits.models import Complaint, CorrectiveAction
from ims.registry import indicator_sources

CA = CorrectiveAction


def test_a_complaint_from_a_parent_opens_a_corrective_action(
    client_for, secretariat, department, today
):
    client = client_for(secretariat)
    response = client.post(
        reverse("audits:complaint_create"),
        {
            "kind": "complaint",
            "party": "parent",
            "complainant": "Lò Thị Mai",
            "department": department.pk,
            "received_on": today.isoformat(),
            "subject": "Chậm trả kết quả phúc khảo",
            "description": "Đơn phúc khảo nộp 10/7 nhưng sau 20 ngày chưa có kết quả.",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    response = client.post(
        complaint.get_absolute_url(),
        {"do": "action", "due_date": (today + timedelta(days=15)).isoformat()},
    )
    action = complaint.corrective_actions.get()
    assert action.source == CA.Source.COMPLAINT
    assert action.department == department
    response = client.post(complaint.get_absolute_url(), {"do": "answer", "response": ""})
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RECEIVED


def test_a_process_failure_is_logged_as_a_corrective_action(
    client_for, secretariat, department, today
):
    response = client_for(secretariat).post(
        reverse("audits:action_create"),
        {
            "source": "process_failure",
            "department": department.pk,
            "nonconformity": "Quyết định tuyển dụng ban hành sai mẫu",
            "due_date": (today + timedelta(days=20)).isoformat(),
            "verification_interval_days": 30,
        },
    )
    assert response.status_code == 302
    assert CA.objects.get().source == CA.Source.PROCESS_FAILURE


def test_the_indicator_counts_actions_closed_on_time(department, secretariat, today):
    source = indicator_sources()["audits.actions_closed_on_time"]
    start, end = today - timedelta(days=60), today
    assert source.compute(start, end, None, "") is None

    def action(due, state, implemented):
        created = corrective.open_corrective_action(
            actor=secretariat,
            source=CA.Source.PROCESS_FAILURE,
            department=department,
            nonconformity="x",
            due_date=due,
        )
        CA.objects.filter(pk=created.pk).update(
            state=state, implemented_on=implemented, verified_on=implemented
        )

    action(today - timedelta(days=10), CA.State.CLOSED, today - timedelta(days=12))
    action(today - timedelta(days=10), CA.State.CLOSED, today - timedelta(days=5))
    action(today - timedelta(days=10), CA.State.OPEN, None)
    action(today - timedelta(days=10), CA.State.CLOSED, today - timedelta(days=11))
    assert source.compute(start, end, None, "") == Decimal("50.0")
    assert source.compute(start, end, department, "") == Decimal("50.0")
