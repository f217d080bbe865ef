"""The clause library: the clauses of ISO 9001:2015 and ISO 21001:2018 that
documents, objectives and audit checklists refer to, with the English title and the
Vietnamese title of the national adoptions (TCVN ISO 9001:2015, TCVN ISO 21001:2019).

The clauses themselves are data, in ``ims/clauses.yaml``: a clause both standards
share (the common high-level structure) is written there once, so a new edition of
a standard is a reviewed change of one file. This module reads it and loads it into
:class:`ims.models.Clause` after every ``migrate``.
"""

from functools import cache
from pathlib import Path

import yaml

ISO_9001 = "iso9001"
ISO_21001 = "iso21001"
STANDARDS = (ISO_9001, ISO_21001)

DATA = Path(__file__).resolve().with_name("clauses.yaml")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _library() -> tuple[dict[str, str], dict[str, list[tuple[str, str, str]]], list]:
    """(editions, rows per standard, (21001 number, 9001 number) counterpart pairs)."""
    with open(DATA, encoding="utf-8") as f:
        raw = yaml.load(f, Loader=_Loader)
    editions = {standard: str(raw["editions"][standard]) for standard in STANDARDS}
    rows: dict[str, list[tuple[str, str, str]]] = {standard: [] for standard in STANDARDS}
    pairs: list[tuple[str, str]] = []
    for entry in raw["clauses"]:
        number = entry["number"]
        if not isinstance(number, str):
            raise ValueError(f"clauses.yaml: quote the clause number {number!r}")
        shared = "en" in entry or "vi" in entry
        for standard in STANDARDS:
            own = entry.get(standard)
            if own is None and not shared:
                continue
            own = own or {}
            title_en = own.get("en", entry.get("en"))
            title_vi = own.get("vi", entry.get("vi"))
            if not (title_en and title_vi):
                raise ValueError(f"clauses.yaml: {standard} {number} lacks a title")
            rows[standard].append((number, title_en, title_vi))
            if standard == ISO_21001:
                both = shared or ISO_9001 in entry
                others = [number] if both else [str(n) for n in own.get("counterparts", [])]
                pairs += [(number, other) for other in others]
    for standard, found in rows.items():
        numbers = [number for number, _en, _vi in found]
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"clauses.yaml: a clause number of {standard} is written twice")
        found.sort(key=lambda row: sort_key(row[0]))
    return editions, rows, pairs


def clauses(standard: str) -> list[tuple[str, str, str]]:
    """(number, English title, Vietnamese title) of a standard's clauses, in number order."""
    return _library()[1][standard]


def edition(standard: str) -> str:
    return _library()[0][standard]


def library() -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(standard, edition) -> its clauses."""
    return {(standard, edition(standard)): clauses(standard) for standard in STANDARDS}


def __getattr__(name: str):
    # The names this module had when the lists were Python literals.
    if name == "CLAUSES":
        return library()
    if name == "CLAUSES_9001":
        return clauses(ISO_9001)
    if name == "CLAUSES_21001":
        return clauses(ISO_21001)
    raise AttributeError(name)


def counterpart_pairs() -> list[tuple[str, str]]:
    """(ISO 21001 number, ISO 9001 number) pairs of the side-by-side map: a clause
    written once for both standards is its own counterpart; a clause of ISO 21001
    alone names its counterparts in ``counterparts``."""
    return list(_library()[2])


def sort_key(number: str) -> str:
    """'7.5.3' -> '007.005.003', so clauses sort as numbers do; an annex ('A', 'A.1')
    keeps its letter, which sorts after every numbered clause."""
    return ".".join(f"{int(part):03d}" if part.isdigit() else part for part in number.split("."))


def load_clauses(sender=None, using="default", apps=None, **kwargs) -> None:
    """``post_migrate`` receiver: add the clauses of the library that the table lacks.

    Runs after every ``migrate`` and every test-database flush; cheap when
    nothing is missing (one count query). Clauses edited in the admin are kept
    as edited; a clause added now is mapped to its counterparts in the other
    standard (:func:`counterpart_pairs`).
    """
    from django.apps import apps as global_apps
    from django.db.models import Q

    if getattr(sender, "label", None) != "ims":
        return
    try:
        Clause = (apps or global_apps).get_model("ims", "Clause")
    except LookupError:
        return
    clause_rows = Clause.objects.using(using)
    everything = library()
    expected = sum(len(rows) for rows in everything.values())
    if clause_rows.count() >= expected:
        return
    created = []
    for (standard, year), rows in everything.items():
        for number, title_en, title_vi in rows:
            clause, new = clause_rows.get_or_create(
                standard=standard,
                edition=year,
                number=number,
                defaults={"title_en": title_en, "title_vi": title_vi, "sort_key": sort_key(number)},
            )
            if new:
                created.append(clause)
    if not created:
        return
    created_ids = {c.pk for c in created}
    current = {
        (c.standard, c.number): c
        for c in clause_rows.filter(
            Q(standard=ISO_9001, edition=edition(ISO_9001))
            | Q(standard=ISO_21001, edition=edition(ISO_21001))
        )
    }
    for number_21001, number_9001 in counterpart_pairs():
        a = current.get((ISO_21001, number_21001))
        b = current.get((ISO_9001, number_9001))
        # Only pairs touching a clause added now: a mapping edited in the admin stays.
        if a and b and (a.pk in created_ids or b.pk in created_ids):
            a.counterparts.add(b)
