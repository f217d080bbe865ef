"""The demo every app loads, checked on one copy loaded once.

Loading the whole demo takes a long while (about 40 s per app on a quiet
machine, minutes on a busy one); each app's checks used to load it on their own,
and the objectives' check loaded all of it twice. Here one test loads it once, in
its own transaction (rolled back at the end: no other test sees it), runs every
app's checks on it, and loads each app's part again to prove loading is
idempotent."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_for_every_app_and_loads_again_the_same():
    call_command("load_demo", stdout=io.StringIO())
    check_documents()
    check_objectives()
    check_audits()
    check_surveys()
    check_competence()
    check_records()
    check_context()
    check_risks()
    check_conformity()
    check_every_persona_has_work_in_their_inbox()


def check_documents():
    from documents import demo as documents_demo
    from documents.models import Acknowledgement, Document, Revision
    from documents.register.query import RegisterFilters, register_rows

    today = timezone.localdate()
    assert Document.objects.count() == 115
    assert Document.objects.filter(current__isnull=False).count() == 115
    several = Document.objects.filter(revisions__state=Revision.State.SUPERSEDED).distinct()
    assert several.count() >= 10
    assert Revision.objects.filter(number=3, state=Revision.State.EFFECTIVE).exists()
    assert Revision.objects.filter(state=Revision.State.IN_REVIEW).count() >= 3
    assert Revision.objects.filter(state=Revision.State.DRAFT).exists()
    assert Document.objects.filter(next_review_on__lt=today).count() >= 3
    assert Document.objects.filter(reviews__isnull=False).exists()
    current = Revision.objects.get(document__code="QT.01-TCCB", state=Revision.State.EFFECTIVE)
    assert {s.step for s in current.signoffs.all()} >= {"prepared", "reviewed", "approved"}
    acknowledged = Acknowledgement.objects.filter(revision=current).count()
    assert 0 < acknowledged < current.document.department.members.count()
    rows = register_rows(RegisterFilters(query="quy trinh tuyen sinh"))
    assert "QT.01-GDTrH" in {d.code for d in rows}

    before = (Document.objects.count(), Revision.objects.count(), Acknowledgement.objects.count())
    documents_demo.load()
    after = (Document.objects.count(), Revision.objects.count(), Acknowledgement.objects.count())
    assert after == before


def check_objectives():
    from ims.models import SchoolYear
    from objectives import demo as objectives_demo
    from objectives import summary
    from objectives.models import Measurement, Objective

    objectives, measurements = Objective.objects.count(), Measurement.objects.count()
    current = SchoolYear.objects.current()
    years = set(Objective.objects.values_list("school_year", flat=True))
    assert len(years) == 2 and current.pk in years
    for level in Objective.Level.values:
        assert Objective.objects.filter(school_year=current, level=level).exists()
    previous = SchoolYear.objects.exclude(pk=current.pk).get(pk__in=years)
    statuses = {r.status for r in summary.year_rows(previous)}
    assert {"on_track", "at_risk", "missed"} <= statuses or {"on_track", "missed"} <= statuses
    assert Measurement.objects.filter(indicator__objective__school_year=previous).count() > 100
    codes = set(Objective.objects.filter(school_year=current).values_list("code", flat=True))
    assert {"MT-01", "MT-02", "MT-03", "MT-04", "MT-01.TCCB", "MT-01.TCCB.1"} <= codes

    objectives_demo.load()
    assert (Objective.objects.count(), Measurement.objects.count()) == (objectives, measurements)


def check_audits():
    from audits import demo as audits_demo
    from audits.models import Complaint, CorrectiveAction, Finding, ManagementReview

    CA = CorrectiveAction
    counts = (CA.objects.count(), Finding.objects.count(), Complaint.objects.count())
    assert set(Finding.objects.values_list("grade", flat=True)) == set(Finding.Grade.values)
    assert set(CA.objects.values_list("state", flat=True)) == set(CA.State.values)
    assert CA.objects.overdue().exists()
    assert CA.objects.filter(state=CA.State.OPEN, due_date__gt=timezone.localdate()).exists()
    assert CA.objects.filter(source=CA.Source.EXTERNAL_AUDIT).exists()
    assert CA.objects.filter(source=CA.Source.COMPLAINT).exists()
    review = ManagementReview.objects.get()
    assert {i["key"] for i in review.inputs} >= {"audits.audit_results", "audits.complaints"}
    assert review.decisions.filter(corrective_action__isnull=False).exists()
    rounds = {r.kind for r in review.school_year.audit_programme.rounds.all()}
    assert rounds == {"internal_1", "internal_2", "certification"}
    assert not review.school_year.audit_programme.rounds.filter(audits__status="planned").exists()

    audits_demo.load()
    assert (CA.objects.count(), Finding.objects.count(), Complaint.objects.count()) == counts


def check_risks():
    from risks import demo as risks_demo
    from risks.models import ResidualAcceptance, Risk, RiskAction, RiskReview

    counts = (Risk.objects.count(), RiskAction.objects.count(), RiskReview.objects.count())
    assert counts[0] >= 20 and counts[1] >= 4 and counts[2] >= 3
    assert Risk.objects.values("department").distinct().count() == 8
    assert Risk.objects.filter(kind=Risk.Kind.OPPORTUNITY).exists()
    assert RiskAction.objects.filter(corrective_action__isnull=False).exists()
    assert RiskAction.objects.filter(plan_action__isnull=False).exists()
    assert Risk.objects.review_overdue().count() == 1
    assert ResidualAcceptance.objects.count() == 1
    assert "chấp nhận" in ResidualAcceptance.objects.get().meaning

    risks_demo.load()
    assert (Risk.objects.count(), RiskAction.objects.count(), RiskReview.objects.count()) == counts
    assert ResidualAcceptance.objects.count() == 1


def check_conformity():
    from conformity import demo as conformity_demo
    from conformity.models import Announcement, YearlyReport
    from conformity.scope import scope_changes
    from documents.models import Document

    announcement = Announcement.objects.get()
    assert announcement.status == Announcement.Status.ISSUED and announcement.sent_on
    changes = scope_changes()
    assert len(changes.added) == 2  # procedures in force since: the inbox asks to announce again
    signed = announcement.signed_on
    assert all(row["since"] > signed for row in changes.added)  # after, not before, the decision
    assert YearlyReport.objects.get().is_frozen
    carrying = Document.objects.exclude(tthc_code="").filter(kind=Document.Kind.PROCEDURE)
    assert carrying.count() >= 6
    conformity_demo.load()
    assert Announcement.objects.count() == 1 and YearlyReport.objects.count() == 1


def check_surveys():
    from surveys import demo as surveys_demo
    from surveys.models import Campaign, Response

    today = timezone.localdate()
    closed = [c for c in Campaign.objects.all() if c.has_ended]
    running = [c for c in Campaign.objects.all() if c.is_open()]
    assert len(closed) == 1 and len(running) == 4
    assert {c.survey.group for c in running} == {"parents", "students", "teachers", "units"}
    assert Response.objects.count() > 4000
    this_year, last_year = Campaign.objects.filter(survey__group="parents").order_by("-opens_on")
    assert this_year.previous() == last_year
    assert last_year.closes_on < today
    now = this_year.result.figures
    before = last_year.result.figures
    share = lambda f: (f["overall"][3] + f["overall"][4]) / sum(f["overall"])  # noqa: E731
    assert 0.6 < share(before) < share(now) < 0.95  # realistic, and better this year
    assert this_year.tokens.count() == 0
    units_campaign = Campaign.objects.get(survey__group="units")
    assert units_campaign.tokens.filter(used_at__isnull=False).exists()
    assert units_campaign.tokens.filter(used_at__isnull=True).exists()  # someone to remind

    before_again = Response.objects.count()
    surveys_demo.load()
    assert Response.objects.count() == before_again
    assert Campaign.objects.count() == 5


def check_competence():
    from django.contrib.auth import get_user_model

    from competence import demo as competence_demo
    from competence import gap, matrix
    from competence.models import Requirement, Training, TrainingRecord
    from ims.models import Department, Position
    from ims.registry import inbox_items

    today = timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.all()}
    tccb = Position.objects.get(code="CV-TCCB")
    texts = list(tccb.competence_requirements.values_list("text", flat=True))
    assert any("tổ chức cán bộ" in t for t in texts)
    head = Position.objects.get(code="TP-TCCB")  # its role description MT.01 is to be read
    assert head.competence_requirements.filter(kind="document", document__kind="MT").exists()
    trainings = {t.title: t for t in Training.objects.all()}
    assert "Đào tạo nhận thức ISO 9001:2015 và ISO 21001:2018" in trainings
    assert (
        sum(1 for t in trainings.values() if t.effective is None and t.evaluation_due_on <= today)
        == 1
    )
    assert sum(1 for t in trainings.values() if t.effective) == 1
    assert any(t.date > today for t in trainings.values())  # one still to come
    (staff,) = gap.gaps_for([users["staff"]], today)
    assert staff.count(gap.Status.EXPIRING) == 1  # the ISO certificate, within weeks
    assert "competence.certificate" in {i.kind for i in inbox_items(users["staff"], today)}
    assert "competence.evaluation" in {i.kind for i in inbox_items(users["secretariat"], today)}
    built = matrix.build(Department.objects.get(code="TCCB"), today)
    states = {cell for row in built.rows for cell in row.cells}
    assert {gap.Status.MET, gap.Status.MISSING} <= states
    assert any(c.is_document and c.done for c in built.columns)  # acknowledgements count

    counts = (Requirement.objects.count(), TrainingRecord.objects.count(), len(trainings))
    competence_demo.load()
    assert (
        Requirement.objects.count(),
        TrainingRecord.objects.count(),
        Training.objects.count(),
    ) == counts


def check_records():
    from documents.models import Document
    from records import demo as records_demo
    from records.models import DisposalProposal, RecordEntry, RecordSeries

    series = RecordSeries.objects.required()
    assert series.count() > 100
    with_records = Document.objects.filter(current__records__isnull=False).distinct()
    assert not with_records.filter(record_series__isnull=True).exists()  # each one synced
    assert RecordSeries.objects.flagged().count() == 0  # the demo's texts all read
    assert RecordEntry.objects.exclude(file="").count() >= 3
    done = DisposalProposal.objects.get(status=DisposalProposal.Status.DISPOSED)
    assert done.entries.count() == 6 and not done.entries.exclude(file="").exists()
    assert done.signoffs.count() == 2
    pending = DisposalProposal.objects.get(status=DisposalProposal.Status.PENDING)
    assert [s.role for s in pending.signoffs.all()] == ["head"]  # the secretariat's awaited
    before = RecordEntry.objects.count()
    records_demo.load()
    assert RecordEntry.objects.count() == before
    assert RecordSeries.objects.required().count() == series.count()


def check_context():
    from context import demo as context_demo
    from context.models import Issue, Need, NeedLink, Party
    from context.query import parties_with_needs

    today = timezone.localdate()
    issues = Issue.objects.all()
    assert 18 <= issues.count() <= 25
    assert {i.swot for i in issues} == {"S", "W", "O", "T"}
    assert {i.pestle for i in issues} == {"P", "E", "S", "T", "L", "N"}
    assert issues.filter(closed_on__isnull=False).count() == 1
    assert issues.open().filter(next_review_on__lt=today).exists()  # a review to remind
    assert all(i.procedures.exists() for i in issues)
    parties = parties_with_needs()
    assert parties[0].kind == "special_needs"  # learners with special needs first
    assert len(parties) == 10 and all(1 <= len(p.needs.all()) <= 3 for p in parties)
    kinds = set(NeedLink.objects.values_list("target", flat=True))
    assert kinds == {"document", "objective", "indicator", "survey"}
    unmet = [n for p in parties for n in p.needs.all() if n.is_unmet]
    assert [n.party.name for n in unmet] == ["Doanh nghiệp, nhà tuyển dụng"]
    states = [link.state for p in parties for n in p.needs.all() for link in n.links.all()]
    assert any("lần ban hành" in s for s in states) and any("hài lòng" in s for s in states)

    counts = (
        Issue.objects.count(),
        Party.objects.count(),
        Need.objects.count(),
        NeedLink.objects.count(),
    )
    context_demo.load()
    assert (
        Issue.objects.count(),
        Party.objects.count(),
        Need.objects.count(),
        NeedLink.objects.count(),
    ) == counts


def check_every_persona_has_work_in_their_inbox():
    from django.contrib.auth import get_user_model

    from documents.models import Revision
    from ims.registry import inbox_items

    today = timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.all()}

    def kinds(name):
        return {item.kind for item in inbox_items(users[name], today)}

    assert Revision.objects.filter(state=Revision.State.DRAFT, created_by=users["staff"]).exists()
    assert {"documents.draft", "audits.audit"} <= kinds("staff")  # own draft; audit next week
    assert {"documents.review", "audits.audit"} <= kinds("head")
    assert "documents.approve" in kinds("leadership")
    assert "documents.publish" in kinds("secretariat")
    assert "context.issue_review" in kinds("secretariat")  # a yearly review overdue
    assert "audits.audit" in kinds("auditor")  # the lead auditor of next week's audit
    assert "surveys.answer" in kinds("unit")

    # A corrective action the head carries out, due within the week; one staff answers.
    from audits.corrective.demo import HEAD_ACTION, STAFF_ACTION
    from audits.corrective.models import CorrectiveAction

    head_items = inbox_items(users["head"], today)
    head_action = CorrectiveAction.objects.get(nonconformity=HEAD_ACTION)
    assert head_action.owner == users["head"]
    assert any(
        i.kind == "audits.action"
        and i.url == head_action.get_absolute_url()
        and today <= i.due <= today + timedelta(days=7)
        for i in head_items
    )
    staff_action = CorrectiveAction.objects.get(nonconformity=STAFF_ACTION)
    assert staff_action.state == CorrectiveAction.State.OPEN
    assert staff_action.get_absolute_url() in {
        i.url for i in inbox_items(users["staff"], today) if i.kind == "audits.action"
    }
    # Staff is late with a measurement of an indicator they own, once a period of the
    # school year is past its due date (not in its first weeks).
    from ims.models import SchoolYear
    from objectives.models import DUE_AFTER_DAYS

    year = SchoolYear.objects.current()
    if today > year.start_date + timedelta(days=31 + DUE_AFTER_DAYS):
        assert "objectives.measurement" in kinds("staff")
