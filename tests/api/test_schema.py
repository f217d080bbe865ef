"""The OpenAPI schema passes drf-spectacular's own validation, and the documentation
page serves its assets from this site."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_a_warning(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "/api/documents/{code}/editions/{number}/" in text
    assert "personalToken" in text


def test_the_docs_page_loads_only_local_assets(client_for, staff):
    client = client_for(staff)
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert all(s.startswith("/") for s in sources), sources
    assert "<script>" not in html  # no inline script: the CSP forbids it
    script = client.get("/api/docs/?script")
    assert script.status_code == 200
    assert b"SwaggerUIBundle" in script.content
    assert client.get("/api/schema/").status_code == 200
