"""Importing an existing document set's master list.

The master list (.xlsx or CSV: code, title, type, department, edition,
effective date) becomes documents with their effective edition, all or
nothing. The body of an edition from a Word file: :mod:`documents.register.word_body`.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.history import acting_as
from documents.models import Document, Revision, SignOff
from documents.register.query import Status, export_headers
from documents.register.search import fold
from ims.exports import read_table
from ims.models import Clause, Department
from ims.uploads import check_upload

# --- the master list ----------------------------------------------------------------

FIELDS = [
    "code",
    "title",
    "kind",
    "department",
    "edition",
    "effective_date",
    "status",
    "next_review",
    "clauses",
    "review_interval",
    "tthc_code",
    "tthc_time_limit",
]
REQUIRED = {"code", "title", "department", "edition", "effective_date"}

# Column titles a master list may use, folded; the register's own export titles
# in every language are added by header_map().
_ALIASES = {
    "code": ["ma", "ma hieu", "ma tai lieu", "so hieu", "code"],
    "title": ["ten", "ten tai lieu", "title", "name"],
    "kind": ["loai", "loai tai lieu", "kind", "type"],
    "department": ["phong", "don vi", "phong chu tri", "don vi chu tri", "department", "owner"],
    "edition": ["lan ban hanh", "lan", "edition", "revision"],
    "effective_date": ["ngay hieu luc", "ngay ban hanh", "effective date", "effective"],
    "status": ["trang thai", "tinh trang", "status"],
    "next_review": ["xem xet tiep theo", "ngay xem xet", "next review"],
    "clauses": ["dieu khoan", "dieu khoan iso", "dieu khoan ap dung", "clauses", "clause"],
    "tthc_code": ["ma tthc", "ma thu tuc hanh chinh", "tthc"],
    "tthc_time_limit": ["thoi han giai quyet", "thoi han"],
    "review_interval": [
        "chu ky xem xet",
        "chu ky xem xet (thang)",
        "review interval",
        "review interval (months)",
    ],
}
# One clause as a master list writes it: "9001:2015 §7.5", "ISO 21001 8.1", "9001:7.5"
# or a bare "7.5", which names the clause of that number in both standards.
_CLAUSE = re.compile(
    r"(?:iso\s*)?(?:(9001|21001)(?::(\d{4}))?\s*[:§]?\s*)?§?\s*(\d+(?:\.\d+)*)", re.I
)
MAX_REVIEW_INTERVAL = 60  # months
_CODE_PREFIXES = {
    "QT": "QT",
    "HD": "HD",
    "QD": "QD",
    "MT": "MT",
    "BM": "BM",
    "ST": "ST",
    "TL": "TL",
}


@dataclass
class MasterRow:
    line: int
    raw: dict[str, str]
    code: str = ""
    title: str = ""
    kind: str = ""
    department: object = None
    edition: int | None = None
    effective_date: date | None = None
    obsolete: bool = False
    next_review: date | None = None
    clauses: list = field(default_factory=list)
    review_interval: int | None = None
    tthc_code: str = ""
    tthc_time_limit: str = ""
    errors: list[str] = field(default_factory=list)
    unchanged: bool = False

    @property
    def kind_label(self) -> str:
        return str(Document.Kind(self.kind).label) if self.kind else ""


def header_map(headers: list[str]) -> dict[str, str]:
    """Our field name for each column title of the file that we recognise."""
    from django.utils import translation

    known: dict[str, str] = {}
    for name, aliases in _ALIASES.items():
        for alias in aliases:
            known[alias] = name
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            for name, title in zip(FIELDS, export_headers(), strict=True):
                known[fold(title)] = name
    mapping = {}
    for header in headers:
        name = known.get(fold(header).strip(" :*"))
        if name and name not in mapping.values():
            mapping[header] = name
    return mapping


def read_master_list(fileobj) -> list[MasterRow]:
    """The rows of an uploaded master list (.xlsx or CSV), checked against the register.

    Raises ValidationError when the file itself is refused; row problems are in
    each row's ``errors``.
    """
    kind = check_upload(fileobj, kinds={"xlsx", "csv"})
    try:
        table = read_table(fileobj, kind)
    except ValidationError:
        raise  # refused by a cap: the message says which
    except Exception as exc:  # a damaged workbook, a CSV in another encoding…
        raise ValidationError(
            _("The file could not be read: %(reason)s"), params={"reason": exc}
        ) from exc
    if not table:
        raise ValidationError(_("The file has no rows below its header row."))
    mapping = header_map(list(table[0].keys()))
    missing = REQUIRED - set(mapping.values()) - {"department"}
    if missing:
        labels = dict(zip(FIELDS, export_headers_now(), strict=True))
        raise ValidationError(
            _("The file has no column for: %(columns)s."),
            params={"columns": ", ".join(labels[m] for m in FIELDS if m in missing)},
        )
    raw_rows = [
        {name: cell_text(row.get(header, "")) for header, name in mapping.items()} for row in table
    ]
    # Row 1 is the header: the first data row is line 2, as the spreadsheet shows it.
    return check_rows(raw_rows)


def export_headers_now() -> list[str]:
    return export_headers()


def check_rows(raw_rows: list[dict]) -> list[MasterRow]:
    """Parse and check plain rows (field name -> text or date) against the register."""
    departments = {d.code.upper(): d for d in Department.objects.all()}
    by_name = {fold(d.name): d for d in departments.values()}
    codes = [str(r.get("code", "")).strip() for r in raw_rows]
    existing = {
        d.code: d
        for d in Document.objects.filter(code__in=[c for c in codes if c]).select_related(
            "current", "department"
        )
    }
    clauses = _clauses_by_number()
    seen: dict[str, int] = {}
    rows = []
    for index, raw in enumerate(raw_rows, start=2):
        row = MasterRow(line=index, raw={k: cell_text(v) for k, v in raw.items()})
        _parse(row, raw, departments, by_name)
        _parse_upkeep(row, raw, clauses)
        _read_administrative_procedure(row, raw)
        if row.code:
            if row.code in seen:
                row.errors.append(
                    _("The code %(code)s is also on line %(line)d.")
                    % {"code": row.code, "line": seen[row.code]}
                )
            seen.setdefault(row.code, row.line)
            if row.code in existing and not row.errors:
                _compare(row, existing[row.code])
        rows.append(row)
    return rows


def _parse(row: MasterRow, raw: dict, departments: dict, by_name: dict) -> None:
    row.code = cell_text(raw.get("code")).replace(" ", "")
    row.title = cell_text(raw.get("title"))
    if not row.code:
        row.errors.append(_("The code is missing."))
    elif len(row.code) > 40:
        row.errors.append(_("The code is longer than 40 characters."))
    if not row.title:
        row.errors.append(_("The title is missing."))
    elif len(row.title) > 300:
        row.errors.append(_("The title is longer than 300 characters."))

    row.kind = kind_of_value(cell_text(raw.get("kind")), row.code)
    if not row.kind:
        row.errors.append(
            _("The type “%(value)s” is not one we know (QT, HD, QĐ, MT, BM, ST, TL).")
            % {"value": cell_text(raw.get("kind"))}
        )

    department = cell_text(raw.get("department"))
    if not department and "-" in row.code:
        department = row.code.rsplit("-", 1)[1]
    row.department = departments.get(department.upper()) or by_name.get(fold(department))
    if row.department is None:
        row.errors.append(
            _("The department “%(value)s” is not in the organisation.") % {"value": department}
            if department
            else _("The department is missing.")
        )

    row.obsolete = fold(cell_text(raw.get("status"))) in _obsolete_words()
    edition = cell_text(raw.get("edition"))
    if row.obsolete and not edition and not cell_text(raw.get("effective_date")):
        return  # a withdrawn document listed without its last edition
    try:
        row.edition = int(float(edition.replace(",", ".")))
        if row.edition < 1 or row.edition != float(edition.replace(",", ".")):
            raise ValueError
    except ValueError:
        row.edition = None
        row.errors.append(
            _("The edition “%(value)s” is not a whole number from 1.") % {"value": edition}
            if edition
            else _("The edition is missing.")
        )

    row.effective_date = _date(raw.get("effective_date"))
    if row.effective_date is None:
        value = cell_text(raw.get("effective_date"))
        row.errors.append(
            _("The effective date “%(value)s” is not a date (dd/mm/yyyy).") % {"value": value}
            if value
            else _("The effective date is missing.")
        )

    next_review = raw.get("next_review")
    if cell_text(next_review):
        row.next_review = _date(next_review)
        if row.next_review is None:
            row.errors.append(
                _("The next review “%(value)s” is not a date (dd/mm/yyyy).")
                % {"value": cell_text(next_review)}
            )


def _clauses_by_number() -> dict[tuple[str, str], list[Clause]]:
    """Clauses by (standard "9001"/"21001"/"" for both, number), newest edition first."""
    found: dict[tuple[str, str], list[Clause]] = {}
    for clause in Clause.objects.order_by("-edition", "standard"):
        standard = "9001" if clause.standard == Clause.Standard.ISO_9001 else "21001"
        for key in ((standard, clause.number), ("", clause.number)):
            found.setdefault(key, []).append(clause)
    return found


def _parse_upkeep(row: MasterRow, raw: dict, clauses: dict) -> None:
    """The optional columns: the clauses a document addresses and its review interval."""
    for token in re.split(r"[;,\n]+", cell_text(raw.get("clauses"))):
        token = token.strip()
        if not token:
            continue
        match = _CLAUSE.fullmatch(token)
        standard, edition, number = match.groups() if match else ("", None, "")
        candidates = clauses.get((standard or "", number), [])
        if edition:
            candidates = [c for c in candidates if c.edition == edition]
        elif standard:
            candidates = candidates[:1]  # the newest edition of that standard
        else:
            newest = {c.standard: c for c in reversed(candidates)}  # one per standard
            candidates = list(newest.values())
        if not candidates:
            row.errors.append(
                _("The clause “%(value)s” is not a clause of ISO 9001 or ISO 21001.")
                % {"value": token}
            )
        for clause in candidates:
            if clause not in row.clauses:
                row.clauses.append(clause)
    interval = cell_text(raw.get("review_interval"))
    if interval:
        try:
            row.review_interval = int(float(interval.replace(",", ".")))
            if not 1 <= row.review_interval <= MAX_REVIEW_INTERVAL or row.review_interval != float(
                interval.replace(",", ".")
            ):
                raise ValueError
        except ValueError:
            row.review_interval = None
            row.errors.append(
                _("The review interval “%(value)s” is not a number of months from 1 to %(max)d.")
                % {"value": interval, "max": MAX_REVIEW_INTERVAL}
            )


_TTHC_CODE = re.compile(r"\d{1,2}\.\d{6}")


def _read_administrative_procedure(row: MasterRow, raw: dict) -> None:
    """The administrative procedure a procedure carries out (mã TTHC) and its time limit."""
    row.tthc_code = cell_text(raw.get("tthc_code"))
    row.tthc_time_limit = cell_text(raw.get("tthc_time_limit"))[:120]
    if not row.tthc_code:
        return
    if not _TTHC_CODE.fullmatch(row.tthc_code):
        row.errors.append(
            _("The administrative procedure code “%(value)s” is not of the shape 1.005097.")
            % {"value": row.tthc_code}
        )
    elif row.kind and row.kind != Document.Kind.PROCEDURE:
        row.errors.append(_("Only a procedure carries an administrative procedure code."))


def _compare(row: MasterRow, document: Document) -> None:
    """A code already in the register: the same document is skipped, another is refused."""
    current = document.current
    same = (
        document.title == row.title
        and document.kind == row.kind
        and document.department_id == row.department.pk
        and current is not None
        and current.number == row.edition
        and current.effective_date == row.effective_date
        and (not row.clauses or set(row.clauses) == set(document.clauses.all()))
        and row.review_interval in (None, document.review_interval_months)
        and row.tthc_code in ("", document.tthc_code)
    )
    if same or (
        document.is_obsolete
        and row.obsolete
        and document.title == row.title
        and row.edition is None
    ):
        row.unchanged = True
    else:
        row.errors.append(
            _(
                "%(code)s is already in the register with other details; change it there, "
                "not by importing."
            )
            % {"code": row.code}
        )


# Names of the kinds as Vietnamese master lists write them, folded.
_KIND_ALIASES = {
    "quy trinh": "QT",
    "thu tuc": "QT",
    "huong dan": "HD",
    "huong dan cong viec": "HD",
    "quy dinh": "QD",
    "quy che": "QD",
    "mo ta cong viec": "MT",
    "bieu mau": "BM",
    "so tay": "ST",
    "chinh sach": "ST",
    "tai lieu ben ngoai": "TL",
    "tai lieu co nguon goc ben ngoai": "TL",
    "tl-bn": "TL",
}


def kind_of_value(value: str, code: str) -> str:
    """The kind from the type column (code, name in any language), else from the code."""
    from django.utils import translation

    folded = fold(value).strip()
    if not folded:
        return _CODE_PREFIXES.get(fold(code).split(".")[0].split("-")[0].upper(), "")
    names = dict(_KIND_ALIASES)
    for kind in Document.Kind:
        names[fold(kind.value)] = kind.value
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                names[fold(str(kind.label))] = kind.value
    if folded in names:
        return names[folded]
    return _CODE_PREFIXES.get(folded.split(".")[0].split("-")[0].upper(), "")


def _obsolete_words() -> set[str]:
    from django.utils import translation

    words = {"obsolete", "het hieu luc", "bai bo", "loai bo", "thu hoi"}
    labels = dict(Status.choices)
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            words.add(fold(str(labels[Status.OBSOLETE])))
    return words


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def import_master_list(*, actor, rows: list[MasterRow]) -> int:
    """Create the documents of ``rows`` with their effective edition, all or nothing.

    Rows already in the register unchanged are skipped. Raises ValueError when
    any row has an error (the caller shows them); returns how many were created.
    """
    if any(row.errors for row in rows):
        raise ValueError("rows with errors")
    created = 0
    name = actor.get_full_name() or actor.get_username()
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        for row in rows:
            if row.unchanged:
                continue
            document = Document.objects.create(
                code=row.code,
                title=row.title,
                kind=row.kind,
                department=row.department,
                is_obsolete=row.obsolete,
                tthc_code=row.tthc_code,
                tthc_time_limit=row.tthc_time_limit,
                **({"review_interval_months": row.review_interval} if row.review_interval else {}),
            )
            document.clauses.set(row.clauses)
            created += 1
            if row.edition is None:
                continue
            state = Revision.State.OBSOLETE if row.obsolete else Revision.State.EFFECTIVE
            revision = Revision(
                document=document,
                number=row.edition,
                state=state,
                effective_date=row.effective_date,
                created_by=actor,
                change_summary=_("Imported from the master list"),
            )
            revision.search_text = revision.build_search_text()  # no content, no steps
            revision.save()
            SignOff.objects.create(
                revision=revision,
                step=SignOff.Step.PUBLISHED,
                user=actor,
                name=name,
                signed_at=now,
                comment=_("Imported from the master list; signed on paper."),
            )
            if not row.obsolete:
                document.current = revision
                document.next_review_on = row.next_review or document.review_due_after(
                    row.effective_date
                )
                document.save(update_fields=["current", "next_review_on"])
    return created
