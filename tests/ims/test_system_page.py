"""The registers of the management system share one menu entry and one page."""

import pytest
from django.urls import reverse

from ims import registry
from ims.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_registers(monkeypatch):
    monkeypatch.setattr(registry, "_NAV", list(registry._NAV))
    registry.register_nav(
        registry.NavItem(
            label="Sổ rủi ro",
            url_name="audits:clause_map",
            order=60,
            section=registry.SYSTEM,
            description="Rủi ro và cơ hội của từng phòng",
        )
    )
    registry.register_nav(
        registry.NavItem(
            label="Sổ bí mật",
            url_name="ims:departments",
            order=61,
            section=registry.SYSTEM,
            roles=frozenset({Role.ISO_SECRETARIAT}),
        )
    )


def test_registers_of_the_system_share_one_menu_entry_and_are_listed_on_its_page(
    two_registers, client_for, staff, secretariat
):
    page = client_for(staff).get(reverse("system"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Rủi ro và cơ hội của từng phòng" in html
    assert "Sổ bí mật" not in html  # only for the secretariat
    nav_labels = [str(n["label"]) for n in page.context["nav"]]
    assert "Hệ thống quản lý" in nav_labels and "Sổ rủi ro" not in nav_labels
    # placed before the entries of order 90 and more (Organisation), after the others
    assert nav_labels.index("Hệ thống quản lý") == len(nav_labels) - 1

    html = client_for(secretariat).get(reverse("system")).content.decode()
    assert "Sổ bí mật" in html and "Sổ rủi ro" in html
    labels = [str(n["label"]) for n in client_for(secretariat).get("/").context["nav"]]
    assert labels.index("Hệ thống quản lý") == labels.index("Tổ chức") - 1


def test_without_any_register_there_is_no_entry_and_no_page(monkeypatch, client_for, staff):
    # The apps' own registers taken away.
    monkeypatch.setattr(
        registry, "_NAV", [n for n in registry._NAV if n.section != registry.SYSTEM]
    )
    response = client_for(staff).get(reverse("system"))
    assert response.status_code == 404
    assert "Hệ thống quản lý" not in [str(n["label"]) for n in response.context["nav"]]
