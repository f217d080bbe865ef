"""Demo data for document control: the 115 documents of ``documents.demo_content``
taken through their real lifecycle by the people ``ims.demo`` creates.

Each document is created, drafted, submitted, reviewed, approved and published
with ``documents.services``; several have two or three editions, some have a
new edition in review or in draft, some are overdue for periodic review, others
were reviewed (on time or late), and the people reached have acknowledged the
effective editions in part. Dates are spread over the past three years (the
services stamp sign-offs "now"; the loader moves them back to when they would
have happened). Idempotent: a document whose code exists is left alone.
"""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from documents import services
from documents.demo_content import DocumentSpec, data, document_specs, page_estimate
from documents.history import acting_as
from documents.models import Acknowledgement, Document, Revision, SignOff
from ims.models import Clause, Department, Position, Unit

User = get_user_model()

CHANGES = [
    "Cập nhật căn cứ pháp lý theo văn bản mới ban hành.",
    "Rút ngắn thời hạn giải quyết, bổ sung bước kiểm soát hồ sơ.",
    "Điều chỉnh trách nhiệm sau sắp xếp tổ chức bộ máy năm 2025.",
    "Bổ sung yêu cầu bảo vệ dữ liệu cá nhân của người học (ISO 21001 điều 8.5.5).",
    "Sửa đổi theo kết quả đánh giá nội bộ đợt 1.",
    "Bổ sung tiếp nhận hồ sơ trực tuyến trên Cổng dịch vụ công.",
]


def load(stdout=None, *, today: date | None = None) -> None:
    today = today or timezone.localdate()
    people = _People()
    specs = document_specs()
    existing = set(Document.objects.values_list("code", flat=True))
    clauses = {(c.standard, c.number): c for c in Clause.objects.order_by("edition")}
    created = []
    for index, spec in enumerate(specs):
        if spec.code in existing:
            continue
        created.append(_load_document(index, spec, people, clauses, today))
    _acknowledge([d for d in created if d.current_id], people, today)
    _administrative_procedure_codes()
    _work_for_each_persona(people, today)
    if stdout:
        editions = Revision.objects.count()
        in_review = Revision.objects.filter(state=Revision.State.IN_REVIEW).count()
        overdue = Document.objects.filter(next_review_on__lt=today, is_obsolete=False).count()
        stdout.write(
            f"  documents: {Document.objects.count()} ({len(created)} new), {editions} editions, "
            f"{in_review} in review, {overdue} overdue for review, "
            f"{Acknowledgement.objects.count()} acknowledgements, "
            f"about {page_estimate(specs)} printed pages"
        )


def _administrative_procedure_codes() -> None:
    """The administrative procedures the demo's procedures carry out (mã TTHC), set on
    procedures that have none yet."""
    for row in data("tthc")["tthc"]:
        Document.objects.filter(
            kind=Document.Kind.PROCEDURE, title__iendswith=row["topic"], tthc_code=""
        ).update(tthc_code=row["code"], tthc_time_limit=row["limit"])


class _People:
    """Who prepares, reviews, approves and publishes in each department."""

    def __init__(self):
        users = {u.username: u for u in User.objects.select_related("profile")}
        self.secretariat = users.get("secretariat") or _first_superuser()
        self.leadership = users.get("leadership") or self.secretariat
        self.deputies = [users[n] for n in ("pgd1", "pgd2") if n in users] or [self.leadership]
        self.departments = {d.code: d for d in Department.objects.select_related("head")}
        self.staff: dict[str, list] = {}
        for user in users.values():
            profile = getattr(user, "profile", None)
            if profile and profile.department_id and user.is_active:
                code = next(
                    (c for c, d in self.departments.items() if d.pk == profile.department_id), None
                )
                self.staff.setdefault(code, []).append(user)
        for members in self.staff.values():
            members.sort(key=lambda u: u.username)

    def preparer(self, department: str, rng: random.Random):
        members = [
            u for u in self.staff.get(department, []) if u != self.departments[department].head
        ]
        return rng.choice(members) if members else self.secretariat

    def reviewer(self, department: str):
        return self.departments[department].head or self.secretariat

    def approver(self, spec: DocumentSpec, rng: random.Random):
        if spec.kind in ("ST", "QD"):
            return self.leadership
        return rng.choice(self.deputies)


PERSONA_WORK = "TCCB"  # the department of the demo's staff and head personas


def _work_for_each_persona(people: _People, today: date) -> None:
    """Give each sign-off persona something real in their inbox ("Việc của tôi"):
    ``staff`` a draft of their own to finish, ``head`` an edition to review,
    ``leadership`` one to approve, ``secretariat`` one to publish, each a new edition
    of one of the department's documents with no work in progress. Idempotent: a
    persona who already has such an edition gets no other."""
    users = {u.username: u for u in User.objects.filter(
        username__in=["staff", "head", "leadership", "secretariat"])}  # fmt: skip
    if len(users) < 4 or PERSONA_WORK not in people.departments:
        return
    staff, head, leadership = users["staff"], users["head"], users["leadership"]
    in_progress = Revision.objects.filter(
        document__department=people.departments[PERSONA_WORK],
        state__in=Revision.WORK_IN_PROGRESS,
    )
    free = (
        Document.objects.filter(
            department=people.departments[PERSONA_WORK], is_obsolete=False, current__isnull=False
        )
        .exclude(revisions__state__in=Revision.WORK_IN_PROGRESS)
        .order_by("code")
    )

    def new_edition(summary: str) -> Revision | None:
        document = free.first()
        if document is None:
            return None
        draft = services.create_draft(document=document, actor=staff)
        return services.save_draft(
            revision=draft, actor=staff, data={"change_summary": summary}, version=draft.version
        )

    if not in_progress.filter(state=Revision.State.DRAFT, created_by=staff).exists():
        new_edition("")  # staff's own draft: the change summary is still to write
    if not in_progress.filter(state=Revision.State.APPROVED).exists():
        if revision := new_edition("Cập nhật căn cứ pháp lý theo văn bản mới."):
            services.submit_for_review(revision=revision, actor=staff)
            services.review(revision=revision, actor=head)
            services.approve(revision=revision, actor=leadership, effective_date=today)
    to_approve = [r for r in in_progress.filter(state=Revision.State.IN_REVIEW) if r.is_reviewed]
    if not to_approve and (revision := new_edition("Rút ngắn thời hạn giải quyết hồ sơ.")):
        services.submit_for_review(revision=revision, actor=staff)
        services.review(revision=revision, actor=head)
    to_review = [r for r in in_progress.filter(state=Revision.State.IN_REVIEW) if not r.is_reviewed]
    if not to_review and (revision := new_edition("Bổ sung biểu mẫu tiếp nhận hồ sơ.")):
        services.submit_for_review(revision=revision, actor=staff)


def _first_superuser():
    return User.objects.filter(is_superuser=True).first() or User.objects.order_by("pk").first()


def _load_document(index, spec, people, clauses, today) -> Document:
    rng = random.Random(f"demo-{spec.code}")
    department = people.departments[spec.department]
    extra = {"review_interval_months": spec.review_interval_months}
    if spec.position:
        extra["position"] = Position.objects.filter(code=spec.position).first()
    if spec.procedure:
        extra["procedure"] = Document.objects.filter(code=spec.procedure).first()
    if spec.issuer:
        extra.update(issuer=spec.issuer, external_reference=spec.external_reference)
    distribution = []
    if spec.kind in ("ST", "QD", "TL") or spec.department == "QLCL":
        distribution = [d for c, d in people.departments.items() if c != spec.department]
    preparer = people.preparer(spec.department, rng)
    document = services.create_document(
        actor=preparer,
        code=spec.code,
        title=spec.title,
        kind=spec.kind,
        department=department,
        clauses=_clauses(spec, clauses),
        distribution=distribution,
        **extra,
    )
    if spec.kind in ("QT", "HD") and spec.department in ("GDTrH", "GDTX", "QLCL"):
        document.distribution_units.set(Unit.objects.order_by("code")[:6])

    # The plan of this document's life, drawn from its own seed.
    roll = index % 20
    editions = 3 if roll in (1, 9) else 2 if roll in (2, 5, 12, 15, 18) else 1
    overdue = roll == 7 or (roll == 13 and index % 3 == 0)
    reviewed = roll in (4, 10, 16)
    if overdue or reviewed:
        last_date = today - timedelta(days=rng.randint(380, 520))
    else:
        last_date = today - timedelta(days=rng.randint(20, 330))
    dates = sorted(
        last_date - timedelta(days=365 * n + rng.randint(0, 90)) for n in range(editions)
    )

    revision = document.revisions.get(number=1)
    for number, effective in enumerate(dates, start=1):
        final = number == editions
        if number > 1:
            revision = services.create_draft(document=document, actor=preparer)
        content = _content(spec, number, editions)
        if number > 1:
            content["change_summary"] = rng.choice(CHANGES)
        revision = services.save_draft(
            revision=revision, actor=preparer, data=content, version=revision.version
        )
        _through_lifecycle(revision, spec, people, rng, effective)
        if not final:
            document.refresh_from_db()

    document.refresh_from_db()
    if reviewed:
        due = document.next_review_on
        late = index % 2 == 0
        if late:
            on = min(today, due + timedelta(days=rng.randint(5, 30)))
        else:
            on = due - timedelta(days=rng.randint(1, 20))
        services.confirm_review(
            document=document,
            actor=people.reviewer(spec.department),
            note="Rà soát định kỳ: nội dung còn phù hợp, không cần sửa đổi.",
            today=on,
        )
    # Work in progress: a new edition in review, or a draft being written.
    if roll in (3, 6, 11, 17, 19):
        draft = services.create_draft(document=document, actor=preparer)
        draft = services.save_draft(
            revision=draft,
            actor=preparer,
            data={"change_summary": rng.choice(CHANGES)},
            version=draft.version,
        )
        if roll not in (6, 19):
            services.submit_for_review(revision=draft, actor=preparer)
    document.refresh_from_db()
    return document


def _clauses(spec: DocumentSpec, library: dict) -> list:
    """The clauses a document addresses; a sub-clause the library lacks counts as its parent."""
    found = []
    for standard, number in spec.clauses:
        while number and (standard, number) not in library:
            number = number.rpartition(".")[0]
        clause = library.get((standard, number))
        if clause is not None and clause not in found:
            found.append(clause)
    return found


def _content(spec: DocumentSpec, number: int, editions: int) -> dict:
    """The text of edition ``number``; earlier editions lack the last step or section."""
    older = number < editions
    if spec.kind == "QT":
        steps = spec.steps[:-1] if older and len(spec.steps) > 6 else spec.steps
        return {
            "purpose": spec.purpose,
            "scope": spec.scope,
            "references": spec.references,
            "terms": spec.terms,
            "steps": [
                {
                    "name": s.name,
                    "responsible": s.responsible,
                    "action": s.action,
                    "time_limit": s.time_limit if not older else s.time_limit.replace("0,5", "1"),
                    "record": s.record[:300],
                }
                for s in steps
            ],
            "records": [
                {
                    "name": r.name[:300],
                    "keeper": r.keeper,
                    "place": r.place,
                    "retention": r.retention,
                    "medium": "Giấy và điện tử",
                }
                for r in spec.records
            ],  # fmt: skip
        }
    body = spec.body
    if older and "\n## " in body:
        body = body.rsplit("\n## ", 1)[0]
    return {"body": body}


def _through_lifecycle(revision, spec, people, rng, effective: date) -> None:
    """Submit, review, approve and publish, then date the events as they happened."""
    preparer = revision.created_by or people.preparer(spec.department, rng)
    reviewer = people.reviewer(spec.department)
    approver = people.approver(spec, rng)
    services.submit_for_review(revision=revision, actor=preparer)
    services.review(revision=revision, actor=reviewer)
    services.approve(revision=revision, actor=approver, effective_date=effective)
    services.publish(revision=revision, actor=people.secretariat, today=effective)
    offsets = {
        SignOff.Step.PREPARED: 12,
        SignOff.Step.REVIEWED: 8,
        SignOff.Step.APPROVED: 3,
        SignOff.Step.PUBLISHED: 0,
    }
    for signoff in revision.signoffs.all():
        at = _moment(effective - timedelta(days=offsets.get(signoff.step, 0)), rng)
        SignOff.objects.filter(pk=signoff.pk).update(signed_at=at)
    Revision.objects.filter(pk=revision.pk).update(
        created_at=_moment(effective - timedelta(days=20), rng)
    )


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59))))


def _acknowledge(documents: list[Document], people: _People, today: date) -> None:
    """About two in three of the people reached have acknowledged each effective edition."""
    rows = []
    for document in documents:
        revision = document.current
        rng = random.Random(f"ack-{document.code}")
        reach = Q(profile__department_id=document.department_id)
        others = list(document.distribution.values_list("pk", flat=True))
        if others:
            reach |= Q(profile__department_id__in=others)
        units = list(document.distribution_units.values_list("pk", flat=True))
        if units:
            reach |= Q(profile__unit_id__in=units)
        readers = list(User.objects.filter(reach, is_active=True).order_by("pk"))
        share = 0.4 if revision.effective_date > today - timedelta(days=60) else 0.75
        for reader in readers:
            if rng.random() < share:
                days = rng.randint(1, max(1, min(60, (today - revision.effective_date).days)))
                rows.append(
                    Acknowledgement(
                        revision=revision,
                        user=reader,
                        acknowledged_at=_moment(
                            revision.effective_date + timedelta(days=days), rng
                        ),
                    )
                )
    with acting_as(people.secretariat):
        Acknowledgement.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
