import pytest

from audits.models import Complaint, CorrectiveAction, Finding, ManagementReview

CA = CorrectiveAction


@pytest.mark.django_db
def test_the_demo_has_every_grade_every_state_and_loads_twice_the_same():
    from audits import demo
    from ims import demo as ims_demo

    ims_demo.load()
    demo.load()
    counts = (CA.objects.count(), Finding.objects.count(), Complaint.objects.count())
    demo.load()
    assert (CA.objects.count(), Finding.objects.count(), Complaint.objects.count()) == counts

    assert set(Finding.objects.values_list("grade", flat=True)) == set(Finding.Grade.values)
    assert set(CA.objects.values_list("state", flat=True)) == set(CA.State.values)
    assert CA.objects.overdue().exists()
    assert CA.objects.filter(state=CA.State.OPEN, due_date__gt=demo.timezone.localdate()).exists()
    assert CA.objects.filter(source=CA.Source.EXTERNAL_AUDIT).exists()
    assert CA.objects.filter(source=CA.Source.COMPLAINT).exists()
    review = ManagementReview.objects.get()
    assert {i["key"] for i in review.inputs} >= {"audits.audit_results", "audits.complaints"}
    assert review.decisions.filter(corrective_action__isnull=False).exists()
    rounds = {r.kind for r in review.school_year.audit_programme.rounds.all()}
    assert rounds == {"internal_1", "internal_2", "certification"}
    assert not review.school_year.audit_programme.rounds.filter(audits__status="planned").exists()
