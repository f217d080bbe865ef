"""Benchmark of the competence register at ten times the demo.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ims_competence \
        .venv/bin/python bench/competence.py [--runs 15] [--reload]

Builds, once, in the ``_bench`` twin of DATABASE_URL (production settings): 8
departments with 3 positions each, 700 people (the largest department 140), 7
requirements a position (education, experience, trainings, a skill, three documents
to read), 40 effective documents with two in three of their readers' acknowledgements,
each person's degrees, experience and about 3 trainings, and 40 trainings of the plan
with their attendees. Then requests, signed in as the secretariat: the register (first
page and "only gaps"), the training matrix of the largest department and its .xlsx,
a person's record, the training plan and one training. Prints the median and p90 time,
the median CPU time of the Django process alone (the part a loaded machine inflates
least) and the number of queries of each, and the queries of the matrix and the register
again with a quarter of the people removed from the department (constant queries).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, ensure_database, loadavg, start_like_production  # noqa: E402

PEOPLE = 700
SIZES = [140, 100, 90, 80, 80, 75, 70, 65]  # people per department, 700 in all
DOCUMENTS = 40
TRAININGS = 40


def load() -> None:
    from dateutil.relativedelta import relativedelta
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from competence.models import (
        ExperienceNote,
        Level,
        Qualification,
        Requirement,
        Training,
        TrainingRecord,
        TrainingTopic,
    )
    from documents.models import Acknowledgement, Document, Revision
    from ims.models import Department, Position, Profile, SchoolYear
    from ims.roles import Role
    from ims.services import ensure_school_year

    User = get_user_model()
    if User.objects.filter(username="bench-sec").exists():
        return
    started = time.monotonic()
    today = timezone.localdate()
    year = ensure_school_year(SchoolYear.year_of(today), current=True)
    password = make_password("bench")
    with transaction.atomic():
        departments = [
            Department.objects.create(code=f"P{i}", name=f"Phòng thử nghiệm {i}", order=i)
            for i in range(len(SIZES))
        ]
        positions = {}
        for d in departments:
            for code, name, manager in (
                ("TP", "Trưởng phòng", True),
                ("PTP", "Phó Trưởng phòng", True),
                ("CV", "Chuyên viên", False),
            ):
                positions[(d.pk, code)] = Position.objects.create(
                    department=d, code=f"{code}-{d.code}", name=name, is_manager=manager
                )
        secretariat = User.objects.create(
            username="bench-sec", first_name="Tổ thư ký", password=password
        )
        Profile.objects.create(user=secretariat, department=departments[0])
        secretariat.groups.add(Group.objects.get(name=Role.ISO_SECRETARIAT))
        people = []
        for d, size in zip(departments, SIZES, strict=True):
            for n in range(size):
                code = "TP" if n == 0 else "PTP" if n == 1 else "CV"
                people.append(
                    (
                        User(
                            username=f"{d.code.lower()}-{n}",
                            first_name=f"Người {d.code}-{n:03d}",
                            password=password,
                        ),
                        d,
                        positions[(d.pk, code)],
                    )
                )
        User.objects.bulk_create([u for u, _d, _p in people], batch_size=1000)
        Profile.objects.bulk_create(
            [Profile(user=u, department=d, position=p) for u, d, p in people], batch_size=1000
        )
        topics = [
            TrainingTopic.objects.create(name=f"Nội dung đào tạo {i}", validity_months=24 * (i % 2))
            for i in range(8)
        ]
        documents = []
        for i in range(DOCUMENTS):
            d = departments[i % len(departments)]
            document = Document.objects.create(
                code=f"QT.{i:02d}-{d.code}",
                title=f"Quy trình thử nghiệm {i}",
                kind="QT",
                department=d,
            )
            revision = Revision.objects.create(
                document=document,
                number=1,
                state=Revision.State.EFFECTIVE,
                effective_date=today - timedelta(days=100),
            )
            Document.objects.filter(pk=document.pk).update(current=revision)
            document.current_id = revision.pk
            documents.append(document)
        requirements = []
        for (department_id, _code), position in positions.items():
            own = [doc for doc in documents if doc.department_id == department_id]
            requirements += [
                Requirement(
                    position=position, kind="education", text="Đại học", level=Level.BACHELOR
                ),
                Requirement(position=position, kind="experience", text="2 năm", years=2),
                Requirement(position=position, kind="training", text="Đào tạo A", topic=topics[0]),
                Requirement(position=position, kind="training", text="Đào tạo B", topic=topics[1]),
                Requirement(position=position, kind="skill", text="Tin học", topic=topics[2]),
                *[
                    Requirement(
                        position=position, kind="document", text=f"Đọc {doc.code}", document=doc
                    )
                    for doc in own[:3]
                ],
            ]
        Requirement.objects.bulk_create(requirements)
        qualifications, notes, records, acks = [], [], [], []
        for n, (user, d, _p) in enumerate(people):
            qualifications.append(
                Qualification(
                    person=user, level=Level.BACHELOR + (n % 3 == 0), degree="Cử nhân",
                    field="Luật", institution="Trường Đại học Tây Bắc", year=2000 + n % 20,
                )
            )  # fmt: skip
            notes.append(ExperienceNote(person=user, text="Công tác tại Sở", years=n % 12))
            for k in range(3):
                topic = topics[(n + k) % len(topics)]
                day = today - timedelta(days=30 * ((n + k) % 30))
                records.append(
                    TrainingRecord(
                        person=user, topic=topic, title=topic.name, date=day,
                        expires_on=(day + relativedelta(months=24)) if topic.validity_months
                        else None,
                    )
                )  # fmt: skip
            for m, doc in enumerate(d_docs for d_docs in documents if d_docs.department_id == d.pk):
                if (n + m) % 3:
                    acks.append(
                        Acknowledgement(
                            revision_id=doc.current_id, user=user, acknowledged_at=timezone.now()
                        )
                    )
        Qualification.objects.bulk_create(qualifications, batch_size=2000)
        ExperienceNote.objects.bulk_create(notes, batch_size=2000)
        TrainingRecord.objects.bulk_create(records, batch_size=2000)
        Acknowledgement.objects.bulk_create(acks, batch_size=2000)
        for i in range(TRAININGS):
            day = year.start_date + timedelta(days=5 * i)
            training = Training.objects.create(
                school_year=year, topic=topics[i % len(topics)], title=f"Khóa đào tạo {i}",
                date=day, evaluation_due_on=day + relativedelta(months=3),
            )  # fmt: skip
            d = departments[i % len(departments)]
            training.departments.add(d)
            TrainingRecord.objects.bulk_create(
                [
                    TrainingRecord(
                        person=u,
                        topic=training.topic,
                        training=training,
                        title=training.title,
                        date=day,
                        attended=bool(n % 4),
                    )  # fmt: skip
                    for n, (u, dep, _p) in enumerate(people)
                    if dep == d
                ]
            )
    with connection.cursor() as cursor:
        cursor.execute("analyze")
    print(f"loaded in {time.monotonic() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    env = bench_env("postgres://postgres@127.0.0.1:5432/ims_competence", REDIS_URL="")
    ensure_database(env, reload=args.reload)
    os.environ.update(env)

    start_like_production()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from competence.models import Requirement, Training, TrainingRecord
    from documents.models import Acknowledgement
    from ims.models import Department, Profile

    load()
    User = get_user_model()
    client = Client()
    client.force_login(User.objects.get(username="bench-sec"))
    largest = Department.objects.get(code="P0")
    person = User.objects.get(username="p0-5")
    training = Training.objects.order_by("pk").first()
    cases = {
        "register, first page of 50": ("/competence/", {}),
        "register, only gaps": ("/competence/", {"gaps": "on"}),
        "register, largest department": ("/competence/", {"department": largest.pk}),
        "register .xlsx (all people)": ("/competence/", {"format": "xlsx"}),
        "matrix, largest department (140 people)": (
            "/competence/matrix/",
            {"department": largest.pk},
        ),
        "matrix .xlsx, largest department": (
            "/competence/matrix/",
            {"department": largest.pk, "format": "xlsx"},
        ),
        "a person's record": (f"/competence/people/{person.pk}/", {}),
        "training plan": ("/competence/trainings/", {}),
        "a training with 140 attendees": (f"/competence/trainings/{training.pk}/", {}),
    }
    size = {
        "people": User.objects.count(),
        "requirements": Requirement.objects.count(),
        "training records": TrainingRecord.objects.count(),
        "trainings": Training.objects.count(),
        "acknowledgements": Acknowledgement.objects.count(),
    }
    print("dataset: " + ", ".join(f"{v:,} {k}" for k, v in size.items()))
    print(f"load average before: {loadavg()}")
    for label, (url, params) in cases.items():
        for _warm in range(2):
            assert client.get(url, params).status_code == 200
        timings, cpu = [], []
        for _run in range(args.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        timings.sort()
        p90 = timings[max(0, int(len(timings) * 0.9) - 1)]
        print(
            f"{label:<44} median {statistics.median(timings):6.1f} ms  p90 {p90:6.1f} ms  "
            f"(Django's own CPU {statistics.median(cpu):5.1f} ms)  queries {len(queries)}  "
            f"({len(response.content) // 1024} KB)"
        )
    # Constant queries: the same pages with a quarter of the department moved away.
    pages = [
        ("/competence/matrix/", {"department": largest.pk}),
        ("/competence/", {"department": largest.pk}),
    ]
    before = []
    for url, params in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        before.append(len(queries))
    moved = list(
        Profile.objects.filter(department=largest).values_list("pk", flat=True)[: SIZES[0] // 4]
    )
    other = Department.objects.get(code="P1")
    Profile.objects.filter(pk__in=moved).update(department=other)
    after = []
    for url, params in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        after.append(len(queries))
    Profile.objects.filter(pk__in=moved).update(department=largest)
    print(
        f"queries (matrix, register) with {SIZES[0]} people: {before}; "
        f"with {SIZES[0] - len(moved)}: {after}"
    )
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
