"""The demo document set: the size and variety the first user has. The loaded demo
is checked in tests/ims/test_demo.py, on one copy shared by every app's checks."""

import json
from pathlib import Path

from documents.demo_content import data, document_specs, page_estimate
from ims.clauses import library


def test_demo_content_is_115_documents_of_about_1000_pages():
    specs = document_specs()
    kinds = {}
    for spec in specs:
        kinds[spec.kind] = kinds.get(spec.kind, 0) + 1
    assert len(specs) == 115
    assert (kinds["QT"], kinds["HD"], kinds["QD"]) == (67, 15, 7)
    assert kinds["ST"] + kinds["MT"] + kinds["BM"] + kinds["TL"] == 26
    assert len({s.code for s in specs}) == 115
    assert 900 <= page_estimate(specs) <= 1100  # the first user printed about 1,000 pages
    for spec in specs:
        if spec.kind == "QT":
            assert 6 <= len(spec.steps) <= 12, spec.code
            assert spec.purpose and spec.scope and spec.references and spec.terms and spec.records


def test_demo_data_files_yield_the_documents_recorded_when_they_left_python():
    """documents/demo_data/*.yaml replaced 3,600 lines of Python literals; the set they
    yield is the one recorded from the Python module before it was deleted (the whole
    output was compared equal then; this keeps what each document is)."""
    expected = json.loads((Path(__file__).parent / "demo_documents.json").read_text("utf-8"))
    got = [
        {
            "code": s.code,
            "kind": s.kind,
            "department": s.department,
            "title": s.title,
            "clauses": [f"{standard} {number}" for standard, number in s.clauses],
            "review_interval_months": s.review_interval_months,
            "steps": len(s.steps),
            "records": len(s.records),
            "position": s.position,
            "procedure": s.procedure,
            "issuer": s.issuer,
            "external_reference": s.external_reference,
        }
        for s in document_specs()
    ]
    assert [d["code"] for d in got] == [d["code"] for d in expected]
    for want, have in zip(expected, got, strict=True):
        assert have == want, want["code"]


def test_demo_data_files_name_only_known_departments_clauses_and_steps():
    departments = data("organisation")["departments"]
    known = {(std, number) for (std, _edition), rows in library().items() for number, *_ in rows}
    procedures = data("procedures")
    for key in (k for keys in procedures["families"].values() for k in keys):
        assert key in procedures["steps"], key
    rows = [
        *procedures["procedures"],
        *data("instructions")["instructions"],
        *data("regulations")["regulations"],
        *data("system")["objectives"],
        *data("roles")["roles"],
        *data("external")["external"],
    ]
    for row in rows:
        assert row["department"] in departments, row
    # documents.demo counts a sub-clause the library lacks as its parent (QT.03-VP names
    # ISO 21001 8.2.1); the parent must exist.
    for spec in document_specs():
        for standard, number in spec.clauses:
            assert {(standard, number), (standard, number.rpartition(".")[0])} & known, (
                spec.code,
                number,
            )


def test_demo_documents_name_the_national_adoption_of_iso_21001():
    """TCVN ISO 21001:2019 adopts ISO 21001:2018; the Vietnamese text names the adoption."""
    text = " ".join(
        f"{s.title} {s.purpose} {s.scope} {s.references} {s.terms} {s.body}"
        for s in document_specs()
    )
    assert "TCVN ISO 21001:2019" in text
    assert "21001:2018" not in text
