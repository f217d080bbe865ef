"""Demo context and interested parties for the demo Sở GDĐT (``demo_data.yaml``).

Idempotent: an issue or a party whose title / name exists is left alone. Issues are
dated months back so that the register shows reviews done, due and overdue; one is
closed. Links go to the demo's documents, organisation objectives (current school
year), their indicators and surveys; one need of the employers is left unmet."""

from datetime import date
from pathlib import Path

import yaml
from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.utils import timezone

from context import services
from context.models import ContextSettings, Grouping, Issue, LinkRole, Party
from documents.models import Document
from ims.models import Department
from objectives.models import Objective
from surveys.models import Survey

DATA = Path(__file__).with_name("demo_data.yaml")


def _secretariat():
    return get_user_model().objects.filter(username="secretariat").first()


def _issues(actor, spec, today: date, stdout) -> None:
    existing = set(Issue.objects.values_list("title", flat=True))
    departments = {d.code: d for d in Department.objects.all()}
    documents = {d.code: d for d in Document.objects.filter(kind=Document.Kind.PROCEDURE)}
    added = 0
    for row in spec:
        if row["title"] in existing:
            continue
        identified = today - relativedelta(months=row["identified"])
        issue = services.add_issue(
            actor=actor,
            fields={
                "title": row["title"],
                "origin": row["origin"],
                "effect": row["effect"],
                "pestle": row["pestle"],
                "impact": row["impact"],
                "department": departments.get(row["department"]),
                "identified_on": identified,
            },
            departments=[departments[c] for c in row["departments"] if c in departments],
            procedures=[documents[c] for c in row["procedures"] if c in documents],
        )
        if row.get("reviewed") is not None:
            services.review_issue(
                actor=actor,
                issue=issue,
                note="Vấn đề vẫn còn tác động; tiếp tục theo dõi, chưa cần điều chỉnh quy trình.",
                today=today - relativedelta(months=row["reviewed"]),
            )
        if row.get("closed"):
            issue.refresh_from_db()
            services.close_issue(
                actor=actor, issue=issue, note=row["closed"], version=issue.version
            )
        added += 1
    if stdout:
        stdout.write(f"  context: {added} issues")


def _target(reference: str, objectives, surveys, documents):
    if reference.startswith("obj:"):
        return "objective", objectives.get(reference[4:])
    if reference.startswith("ind:"):
        objective = objectives.get(reference[4:])
        return "indicator", objective.indicators.first() if objective else None
    if reference.startswith("survey:"):
        return "survey", surveys.get(reference[7:])
    return "document", documents.get(reference)


def _parties(actor, spec, stdout) -> None:
    existing = set(Party.objects.values_list("name", flat=True))
    documents = {d.code: d for d in Document.objects.all()}
    objectives = {}
    for objective in Objective.objects.filter(level=Objective.Level.ORGANISATION).order_by(
        "school_year__start_date"
    ):
        objectives[objective.code] = objective  # the latest school year's wins
    surveys = {s.title: s for s in Survey.objects.filter(version=1)}
    added = 0
    for order, row in enumerate(spec, start=1):
        if row["name"] in existing:
            continue
        party = services.add_party(
            actor=actor,
            fields={
                "name": row["name"],
                "kind": row["kind"],
                "description": row["description"],
                "order": order,
            },
        )
        for need_row in row["needs"]:
            need = services.add_need(actor=actor, party=party, text=need_row["text"])
            for role, references in (
                (LinkRole.MET_BY, need_row["met"]),
                (LinkRole.MONITORED_BY, need_row["monitored"]),
            ):
                for reference in references:
                    target, obj = _target(reference, objectives, surveys, documents)
                    if obj is not None:
                        services.link_need(
                            actor=actor, need=need, role=role, target=target, obj=obj
                        )
        added += 1
    if stdout:
        stdout.write(f"  context: {added} interested parties")


def load(stdout=None) -> None:
    actor = _secretariat()
    if actor is None:
        return
    spec = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    today = timezone.localdate()
    if not ContextSettings.objects.exists():
        ContextSettings.objects.create(grouping=Grouping.SWOT)
    _issues(actor, spec["issues"], today, stdout)
    _parties(actor, spec["parties"], stdout)
