"""The six roles exist with their permissions on every database: fresh, upgraded or flushed."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from ims.roles import Role


def perms_of(role: str) -> set[str]:
    return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))


@pytest.mark.django_db
def test_every_role_exists_as_a_group_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@pytest.mark.django_db
def test_the_secretariat_manages_people_and_departments_while_staff_only_read():
    assert {"add_user", "change_department", "add_unit"} <= perms_of(Role.ISO_SECRETARIAT)
    assert "view_department" in perms_of(Role.STAFF)
    assert "change_department" not in perms_of(Role.STAFF)
    assert "change_organisation" in perms_of(Role.LEADERSHIP)


@pytest.mark.django_db(transaction=True)
def test_roles_and_their_permissions_come_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    assert "add_user" in perms_of(Role.ISO_SECRETARIAT)
    assert "view_unit" in perms_of(Role.UNIT_CONTACT)


@pytest.mark.django_db
def test_a_permission_given_by_hand_survives_a_new_migrate():
    from django.contrib.auth.models import Permission

    extra = Permission.objects.get(codename="delete_unit")
    Group.objects.get(name=Role.STAFF).permissions.add(extra)
    call_command("migrate", verbosity=0)
    assert "delete_unit" in perms_of(Role.STAFF)


@pytest.mark.django_db
def test_both_standards_clauses_are_loaded_in_number_order():
    from ims.models import Clause

    numbers = list(
        Clause.objects.filter(standard=Clause.Standard.ISO_9001).values_list("number", flat=True)
    )
    assert numbers.index("7.5.3") < numbers.index("10.1")
    assert numbers.index("9.3.2") < numbers.index("10")
    clause = Clause.objects.get(standard=Clause.Standard.ISO_21001, number="9.1.2")
    assert clause.counterparts.get().number == "9.1.2"
    assert "người học" in str(clause)


@pytest.mark.django_db(transaction=True)
def test_clauses_come_back_after_a_flush():
    from ims.models import Clause

    call_command("flush", interactive=False, verbosity=0)
    assert Clause.objects.filter(standard=Clause.Standard.ISO_9001, number="7.5.3").exists()
