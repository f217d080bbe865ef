"""The demo document set: the size and variety the first user has. The loaded demo
is checked in tests/ims/test_demo.py, on one copy shared by every app's checks."""


from documents.demo_content import document_specs, page_estimate


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
