"""A department's training matrix: its people × the trainings and documents their
positions require. A document counts as done when its effective edition was
acknowledged as read and understood (awareness, 7.3). Six queries, whatever the
size of the department."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from competence.gap import Status, holdings_for, requirements_by_position, status_of
from competence.models import Requirement

MATRIX_KINDS = (Requirement.Kind.TRAINING, Requirement.Kind.SKILL, Requirement.Kind.DOCUMENT)


@dataclass
class Column:
    key: tuple[str, int]
    label: str
    title: str
    is_document: bool
    done: int = 0
    required: int = 0


@dataclass
class Row:
    person: object
    cells: list[Status | None] = field(default_factory=list)


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[Row]


def _key(requirement: Requirement) -> tuple[str, int]:
    if requirement.kind == Requirement.Kind.DOCUMENT:
        return ("document", requirement.document_id)
    return ("topic", requirement.topic_id)


def build(department, today: date) -> Matrix:
    people = list(
        get_user_model()
        .objects.filter(is_active=True, profile__department=department)
        .select_related("profile__position__department")
        .order_by("first_name", "username")
    )
    position_ids = {p.profile.position_id for p in people if p.profile.position_id}
    by_position = requirements_by_position(position_ids)
    columns: dict[tuple[str, int], Column] = {}
    required: dict[int, dict[tuple[str, int], Requirement]] = {}
    revisions = set()
    for position_id, requirements in by_position.items():
        for requirement in requirements:
            if requirement.kind not in MATRIX_KINDS:
                continue
            key = _key(requirement)
            required.setdefault(position_id, {})[key] = requirement
            if key in columns:
                continue
            if key[0] == "document":
                document = requirement.document
                if document.current_id:
                    revisions.add(document.current_id)
                columns[key] = Column(key, document.code, document.title, True)
            else:
                columns[key] = Column(key, requirement.topic.name, requirement.topic.name, False)
    ordered = sorted(columns.values(), key=lambda c: (c.is_document, c.label))
    holdings = holdings_for([p.pk for p in people], revisions) if people else {}
    rows = []
    for person in people:
        needs = required.get(person.profile.position_id, {})
        held = holdings.get(person.pk)
        row = Row(person)
        for column in ordered:
            requirement = needs.get(column.key)
            status = None
            if requirement is not None and held is not None:
                status = status_of(requirement, held, today)
            elif requirement is not None:
                status = Status.MISSING
            if status is not None:
                column.required += 1
                column.done += status in (Status.MET, Status.EXPIRING)
            row.cells.append(status)
        rows.append(row)
    return Matrix(ordered, rows)


def export_rows(matrix: Matrix):
    headers = [_("Person"), _("Position"), *[c.label for c in matrix.columns]]
    rows = [
        [
            row.person.get_full_name() or row.person.username,
            str(row.person.profile.position or ""),
            *[str(cell.label) if cell else "—" for cell in row.cells],
        ]
        for row in matrix.rows
    ]
    rows.append(
        ["", pgettext("matrix", "Done"), *[f"{c.done}/{c.required}" for c in matrix.columns]]
    )
    return headers, rows
