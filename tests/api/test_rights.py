"""The API gives each persona exactly the rights the pages give: for every persona of
the demo roles and every endpoint, the expected status (a token signs each call in)."""

import pytest

from tests.api.conftest import PERSONAS

pytestmark = pytest.mark.django_db

ALL = set(PERSONAS)
READ_DRAFTS_OF_TCCB = {"staff", "head", "secretariat", "leadership", "auditor", "external"}
OBJECTIVE_READERS = ALL - {"unit_contact"}
RESULT_READERS = {"head", "secretariat", "leadership", "auditor", "external"}
# Audits and corrective actions of TCCB: those who read every audit, TCCB's people,
# and the lead auditor.
TCCB_AUDIT_READERS = {"staff", "head", "secretariat", "leadership", "auditor", "external"}

# (name, url maker, the personas answered 200; everyone else 403)
READS = [
    ("register", lambda w: "/api/documents/", ALL),
    ("document", lambda w: "/api/documents/QT.01-TCCB/", ALL),
    ("effective edition", lambda w: "/api/documents/QT.01-TCCB/editions/1/", ALL),
    (
        "draft edition",
        lambda w: f"/api/documents/QT.01-TCCB/editions/{w['draft'].number}/",
        READ_DRAFTS_OF_TCCB,
    ),
    ("change requests", lambda w: "/api/documents/QT.01-TCCB/change-requests/", ALL),
    ("objectives", lambda w: "/api/objectives/", OBJECTIVE_READERS),
    ("objective", lambda w: f"/api/objectives/{w['objective'].pk}/", OBJECTIVE_READERS),
    ("indicator", lambda w: f"/api/indicators/{w['indicator'].pk}/", OBJECTIVE_READERS),
    (
        "measurements",
        lambda w: f"/api/indicators/{w['indicator'].pk}/measurements/",
        OBJECTIVE_READERS,
    ),
    ("audits", lambda w: "/api/audits/", ALL),
    ("audit", lambda w: f"/api/audits/{w['audit'].pk}/", TCCB_AUDIT_READERS),
    ("corrective actions", lambda w: "/api/actions/", ALL),
    ("corrective action", lambda w: f"/api/actions/{w['action'].pk}/", TCCB_AUDIT_READERS),
    ("campaigns", lambda w: "/api/campaigns/", RESULT_READERS),
    ("survey results", lambda w: f"/api/campaigns/{w['campaign'].pk}/results/", RESULT_READERS),
    ("schema", lambda w: "/api/schema/", ALL),
]

# (name, url maker, payload maker, the personas answered 201; everyone else 403)
WRITES = [
    (
        "acknowledge",
        lambda w: "/api/documents/QT.01-TCCB/editions/1/acknowledgement/",
        lambda w: {},
        # recipients: the owning department's people and the unit it is distributed to
        {"staff", "head", "unit_contact"},
    ),
    (
        "propose a change",
        lambda w: "/api/documents/QT.01-TCCB/change-requests/",
        lambda w: {"reason": "Bước 2 thiếu thời hạn"},
        ALL - {"external"},
    ),
    (
        "enter a measurement",
        lambda w: f"/api/indicators/{w['indicator'].pk}/measurements/",
        lambda w: {"period_start": w["year"].start_date.isoformat(), "value": "97.5"},
        # the indicator's owner (the head of TCCB) and the secretariat
        {"head", "secretariat"},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name,url,allowed", READS, ids=[r[0] for r in READS])
def test_each_persona_reads_what_the_pages_let_them_read(
    request, world, api_for, persona, name, url, allowed
):
    user = request.getfixturevalue(persona)
    response = api_for(user).get(url(world))
    expected = 200 if persona in allowed else 403
    assert response.status_code == expected, (persona, name, response.content[:300])
    assert response["Content-Type"].startswith(
        "application/json" if name != "schema" else "application/vnd.oai.openapi"
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name,url,payload,allowed", WRITES, ids=[w[0] for w in WRITES])
def test_each_persona_writes_what_the_pages_let_them_write(
    request, world, api_for, persona, name, url, payload, allowed
):
    user = request.getfixturevalue(persona)
    response = api_for(user).post(url(world), payload(world), format="json")
    expected = 201 if persona in allowed else 403
    assert response.status_code == expected, (persona, name, response.content[:300])
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("name,url,allowed", READS, ids=[r[0] for r in READS])
def test_a_caller_without_credentials_gets_401(world, api_for, name, url, allowed):
    response = api_for(None).get(url(world))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    if name != "schema":  # the schema answers in its own format (YAML), errors too
        assert response.json()["detail"]


def test_the_register_lists_only_what_filters_keep(world, api_for, staff, department):
    from tests.documents.factories import make_effective_document

    make_effective_document("HD.01-TCCB", department=department, kind="HD")
    api = api_for(staff)
    codes = [row["code"] for row in api.get("/api/documents/").json()["results"]]
    assert set(codes) == {"QT.01-TCCB", "HD.01-TCCB"}
    rows = api.get("/api/documents/", {"kind": "HD"}).json()["results"]
    assert [row["code"] for row in rows] == ["HD.01-TCCB"]
    assert rows[0]["status"] == "effective"
