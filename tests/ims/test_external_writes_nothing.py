"""The certification body's external auditor changes nothing anywhere (issue 15, section 5).

Every URL pattern of the application (the admin's included) is POSTed to as the
``external`` persona, with ids of a small set of real objects (a document with an
effective edition and a draft, a change request, an audit with its checklist, a
finding and its corrective action, a complaint, a management review and a decision,
an objective with an indicator and a measurement, a survey and a campaign, the
organisation's departments, units, positions and people) and a form payload that
would be valid for most forms. No row of any model may change; with the read-only
middleware on, each answer must also be a refusal (403, 405, a redirect to sign in,
or 404 for an id the set does not hold).
"""

import re
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from ims.roles import Role
from tests.documents.factories import make_effective_document, make_revision
from tests.factories import make_position, make_user

pytestmark = pytest.mark.django_db

# The person's own session and account (sign in and out, language, password) and the
# public survey answer pages (a citizen's, with a key no campaign has): posted to as
# well, any answer accepted, but no row may change.
OWN_OR_PUBLIC = {
    "documents/verify/",  # checks an uploaded PDF's signature: a read by POST
    "login/",
    "logout/",
    "password/change/",
    "password/change/done/",
    "password/reset/",
    "password/reset/sent/",
    "password/reset/<uidb64>/<token>/",
    "password/reset/done/",
    "i18n/setlang/",
    "healthz",
    "surveys/p/<str:key>/",
    "surveys/a/<str:key>/",
    "surveys/thanks/",
    "org/logo/",
    "account/security/",
    "account/security/setup/",
    "account/security/disable/",
    "account/security/new-codes/",
    "account/security/codes/",
    "account/notifications/",  # their own choice of e-mails (ims.notifications)
    # their own API tokens (api app)
    "account/api-tokens/",
    "account/api-tokens/new/",
    "account/api-tokens/<int:pk>/revoke/",
}
# Rows that move without a write of the person: the session, the sign-in log, their
# own second factor (set up on their own account pages), and caches a reader fills
# (an edition's PDF rendered once, a campaign's figures).
NOT_COMPARED = {
    "sessions.session",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "otp_static.statictoken",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "documents.editionpdf",
    "surveys.campaignresult",
    "api.apitoken",  # their own API tokens, made on their own account page
}


def _routes():
    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return list(walk(get_resolver().url_patterns))


def _snapshot() -> dict:
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in NOT_COMPARED:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        rows[label] = sorted(
            model.objects.order_by().values_list(*fields), key=lambda row: repr(row)
        )
    return rows


@pytest.fixture
def objects(staff, head, secretariat, leadership, auditor, unit_contact, department, unit):
    """One real object of each kind a URL names, by the name of its URL segment."""
    from audits import services as audits
    from audits.models import (
        AuditProgramme,
        AuditRound,
        Complaint,
        ManagementReview,
        ReviewDecision,
    )
    from documents import services as documents
    from ims.models import Clause, SchoolYear
    from ims.services import ensure_school_year
    from objectives.models import Measurement
    from surveys.models import Campaign
    from tests.objectives.conftest import make_indicator, make_objective
    from tests.surveys.conftest import make_campaign, make_survey

    today = timezone.localdate()
    year = ensure_school_year(SchoolYear.year_of(today), current=True)
    document = make_effective_document(department=department)
    document.distribution_units.add(unit)
    draft = make_revision(document)
    change = documents.propose_change(document=document, actor=staff, reason="Sửa bước 2")
    programme = AuditProgramme.objects.create(school_year=year, objectives="Toàn bộ HTQL")
    round = AuditRound.objects.create(
        programme=programme,
        kind=AuditRound.Kind.INTERNAL_1,
        start_date=today - timedelta(days=5),
        end_date=today + timedelta(days=20),
    )
    audit = audits.plan_audit(
        actor=secretariat,
        round=round,
        fields={
            "department": department,
            "process": "",
            "scope": "Tuyển dụng",
            "date": today,
            "start_time": None,
            "place": "Phòng họp",
            "lead_auditor": auditor,
        },
        clauses=list(Clause.objects.filter(number__in=["7.5.3", "8.5.1"])),
        team=[],
    )
    audits.generate_checklist(audit=audit, actor=secretariat)
    clause = audit.clauses.first()
    finding = audits.record_finding(
        audit=audit,
        actor=auditor,
        grade="minor",
        clause=clause,
        department=department,
        statement="Thiếu hồ sơ",
        evidence="Hồ sơ số 3",
        due_date=today + timedelta(days=30),
    )
    complaint = Complaint.objects.create(
        party=Complaint.Party.values[0],
        department=department,
        subject="Chậm trả kết quả",
        description="Quá hạn 3 ngày",
    )
    review = ManagementReview.objects.create(
        school_year=year,
        title="Xem xét của lãnh đạo",
        meeting_date=today,
        period_start=today - timedelta(days=90),
        period_end=today,
        prepared_at=timezone.now(),
    )
    decision = ReviewDecision.objects.create(review=review, kind="resources", text="Kinh phí")
    objective = make_objective(year, leadership)
    indicator = make_indicator(objective, owner=head)
    measurement = Measurement.objects.create(
        indicator=indicator,
        period_start=year.start_date,
        period_end=year.start_date + timedelta(days=29),
        value=90,
        entered_by=head,
    )
    survey = make_survey(actor=secretariat)
    campaign = make_campaign(survey)
    position = make_position(department)
    person = make_user("someone", roles=(Role.STAFF,), department=department)
    from api.services import create_token

    api_token, _key = create_token(actor=staff, name="someone else's")
    from competence import models as competence

    topic = competence.TrainingTopic.objects.create(name="Nhận thức ISO 9001:2015")
    requirement = competence.Requirement.objects.create(
        position=position, kind="skill", text="Tin học", topic=topic
    )
    qualification = competence.Qualification.objects.create(
        person=person, level=3, degree="Cử nhân", field="Luật", institution="ĐH Luật", year=2010
    )
    experience = competence.ExperienceNote.objects.create(person=person, text="TCCB", years=3)
    training = competence.Training.objects.create(
        school_year=year, topic=topic, title="Đào tạo ISO", date=today, evaluation_due_on=today
    )
    record = competence.TrainingRecord.objects.create(
        person=person, topic=topic, training=training, title="ISO", date=today, attended=False
    )
    series, entry, proposal = _records(department, secretariat)
    from context import services as context

    issue = context.add_issue(
        actor=secretariat,
        fields={
            "title": "Thiếu giáo viên",
            "origin": "internal",
            "effect": "unfavourable",
            "pestle": "S",
            "impact": "Dạy ghép lớp",
            "department": department,
        },
    )
    party = context.add_party(actor=secretariat, fields={"name": "Học sinh", "kind": "learners"})
    need = context.add_need(actor=secretariat, party=party, text="An toàn")
    link = context.link_need(
        actor=secretariat, need=need, role="met_by", target="document", obj=document
    )
    from risks import services as risks

    risk = risks.create_risk(
        actor=secretariat,
        department=department,
        data={
            "description": "Hồ sơ thất lạc",
            "likelihood": 3,
            "impact": 4,
            "owner": staff,
            "review_due": today + timedelta(days=30),
            "residual_likelihood": 1,
            "residual_impact": 4,
        },
    )
    risk_link = risks.link_action(risk=risk, actor=secretariat, target=change)
    announcement, report = _conformity(secretariat, today)
    return {
        "code": document.code,
        "number": [document.current.number, draft.number],
        "action": ["submit", "review", "send_back", "approve", "publish"],
        "kind": ["units", "people"],
        "fmt": ["csv", "xlsx"],
        "key": ["no-such-key"],
        "uidb64": ["MQ"],
        "token": ["set-password"],
        "change-requests": change.pk,
        "departments": department.pk,
        "units": unit.pk,
        "positions": position.pk,
        "people": person.pk,
        "objectives": objective.pk,
        "indicators": indicator.pk,
        "indicator_pk": indicator.pk,
        "measurements": measurement.pk,
        "evidence": 1,
        "image": [1],
        "builds": 1,
        "programmes": programme.pk,
        "programme_pk": programme.pk,
        "rounds": round.pk,
        "round_pk": round.pk,
        "audit": audit.pk,
        "audits": audit.pk,
        "api-tokens": api_token.pk,
        "requirements": requirement.pk,
        "topics": topic.pk,
        "qualifications": qualification.pk,
        "experience": experience.pk,
        "trainings": training.pk,
        "records": record.pk,
        "announcements": announcement.pk,
        "reports": report.pk,
        "series": series.pk,
        "entries": entry.pk,
        "disposals": proposal.pk,
        "issues": issue.pk,
        "parties": party.pk,
        "needs": need.pk,
        "links": link.pk,
        "risks": risk.pk,
        "link_pk": risk_link.pk,
        "checklist": audit.checklist.first().pk,
        "findings": finding.pk,
        "actions": finding.corrective_action.pk,
        "complaints": complaint.pk,
        "reviews": review.pk,
        "decisions": decision.pk,
        "surveys": survey.pk,
        "questions": survey.questions.first().pk,
        "question_pk": survey.questions.first().pk,
        "texts": survey.questions.first().pk,
        "campaigns": Campaign.objects.get(pk=campaign.pk).pk,
        "object_id": [1],
        "content_type_id": [1],
        "id": [1],
        "object_pk": [1],
        "user_id": [1],
        "group_id": [1],
        "payload": {
            "reason": "Đề nghị sửa",
            "comment": "Đồng ý",
            "summary": "Phù hợp",
            "statement": "Nhận xét",
            "evidence": "Hồ sơ",
            "title": "Tiêu đề",
            "name": "Tên",
            "code": "X.01",
            "text": "Nội dung",
            "description": "Mô tả",
            "subject": "Chủ đề",
            "response": "Trả lời",
            "correction": "Khắc phục",
            "root_cause": "Nguyên nhân",
            "action_plan": "Hành động",
            "note": "Ghi chú",
            "grade": "observation",
            "result": "conforms",
            "version": 1,
            "likelihood": 3,
            "impact": 4,
            "treatment": "reduce",
            "next_review": (today + timedelta(days=60)).isoformat(),
            "value": "95",
            "kind": "QT",
            "party": Complaint.Party.values[0],
            "department": department.pk,
            "owner": head.pk,
            "lead_auditor": auditor.pk,
            "clause": clause.pk,
            "date": today.isoformat(),
            "due_date": (today + timedelta(days=30)).isoformat(),
            "effective_date": today.isoformat(),
            "implemented_on": today.isoformat(),
            "done_on": today.isoformat(),
            "period_start": year.start_date.isoformat(),
            "meeting_date": today.isoformat(),
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
            "received_on": today.isoformat(),
            "effective": "yes",
            "roles": Role.STAFF,
            "username": "moi",
            "first_name": "Người mới",
        },
    }


def _conformity(secretariat, today):
    from conformity import services as conformity

    announcement = conformity.draft_announcement(actor=secretariat)
    report = conformity.compile_report(
        actor=secretariat,
        fields={"title": "Báo cáo năm", "period_start": today, "period_end": today},
    )
    return announcement, report


def _records(department, secretariat):
    """A record series, a record past retention and a pending disposal proposal of it."""
    from records import services as records
    from records.models import RecordSeries
    from tests.documents.factories import make_document

    document = make_document(department=department)
    make_revision(document, state="effective", records=[("Sổ theo dõi", "CV", "Phòng", "5 năm")])
    records.sync_series_for_document(document=document, actor=secretariat)
    series = RecordSeries.objects.get(document=document, name="Sổ theo dõi")
    entry = records.log_record(
        series=series,
        actor=secretariat,
        period="Năm học 2010–2011",
        period_start=date(2010, 9, 1),
        period_end=date(2011, 8, 31),
        description="Sổ theo dõi",
    )
    proposal = records.propose_disposal(
        department=series.department,
        actor=secretariat,
        entries=[entry],
        method="Máy hủy",
        council="A – Chủ tịch\nB – Thư ký",
    )
    return series, entry, proposal


_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _urls(route: str, objects: dict) -> list[str]:
    """The route with each parameter filled in, once per candidate value."""
    urls = [""]
    position = 0
    for match in _PARAM.finditer(route):
        name = match.group(2)
        segment = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        value = objects.get(name) if name != "pk" else objects.get(segment)
        if value is None:
            raise AssertionError(f"no object for {name} in {route}: add one to the fixture")
        values = value if isinstance(value, list) else [value]
        literal = route[position : match.start()]
        urls = [u + literal + str(v) for u in urls for v in values]
        position = match.end()
    return ["/" + u + route[position:] for u in urls]


def _refused(response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and ("/login/" in location)


@pytest.mark.parametrize("wall", [True, False], ids=["with-middleware", "views-alone"])
def test_the_external_auditor_changes_nothing_anywhere(client, external, objects, settings, wall):
    """With ReadOnlyRolesMiddleware every write is refused; without it, the views' own
    rights checks still let no row change (a reading page may answer a POST with 200)."""
    if not wall:
        settings.MIDDLEWARE = [
            m for m in settings.MIDDLEWARE if m != "ims.middleware.ReadOnlyRolesMiddleware"
        ]
    payload = objects["payload"]
    before = _snapshot()
    client.force_login(external)
    answered, accepted = {}, []
    for route in _routes():
        if "^" in route or "(?P<" in route:
            continue  # regular-expression routes of the admin
        if route.startswith("admin/") and "<" in route:
            continue  # the admin refuses a non-staff person before it looks at an object
        if route == "logout/":
            continue  # would sign the person out for the rest of the sweep
        for url in _urls(route, objects):
            response = client.post(url, payload)
            answered[url] = response.status_code
            if route not in OWN_OR_PUBLIC and not _refused(response):
                accepted.append((url, response.status_code))
    after = _snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert changed == []
    if wall:
        assert accepted == []
    # The sweep reached real objects: most writes were refused as such, not as unknown.
    refused = [url for url, status in answered.items() if status == 403]
    assert len(refused) >= 50, sorted(answered.items())


def test_the_sweep_sees_a_write(client, staff, objects):
    """The snapshot notices a change request: the sweep above could see a write."""
    before = _snapshot()
    client.force_login(staff)
    response = client.post(f"/documents/{objects['code']}/change-requests/", objects["payload"])
    assert response.status_code == 302
    after = _snapshot()
    assert before["documents.changerequest"] != after["documents.changerequest"]


def test_the_external_auditor_reads_every_area(client, external, objects):
    client.force_login(external)
    code, (effective, draft) = objects["code"], objects["number"]
    for url in (
        "/",
        "/documents/",
        f"/documents/{code}/",
        f"/documents/{code}/{draft}/",
        f"/documents/{code}/{effective}/",
        "/objectives/",
        f"/objectives/{objects['objectives']}/",
        "/audits/",
        f"/audits/audit/{objects['audit']}/",
        f"/audits/actions/{objects['actions']}/",
        f"/audits/reviews/{objects['reviews']}/",
        "/surveys/",
        f"/surveys/campaigns/{objects['campaigns']}/results/",
        "/context/",
        f"/context/issues/{objects['issues']}/",
        "/context/parties/",
        f"/context/parties/{objects['parties']}/",
    ):
        assert client.get(url).status_code == 200, url


def test_the_external_auditor_may_check_a_pdfs_signature(client, external):
    """Verifying uploads a file but writes nothing: the read-only wall lets it through."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(external)
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    response = client.post("/documents/verify/", {"file": upload})
    assert response.status_code == 200
