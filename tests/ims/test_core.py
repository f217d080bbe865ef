import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from ims.models import Department, Organisation, Position, Profile, SchoolYear, Unit
from ims.services import ensure_school_year, set_current_school_year
from ims.uploads import check_upload

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def _counts():
    from django.contrib.auth import get_user_model

    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Department,
            Unit,
            Position,
            Profile,
            SchoolYear,
            get_user_model(),
        )
    } | {"history": Organisation.history.count()}


def test_load_demo_twice_gives_the_same_counts():
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    assert first["Department"] >= 7
    assert 35 <= first["Unit"] <= 45
    assert 55 <= first["User"] <= 75
    assert SchoolYear.objects.current() is not None


def test_load_demo_gives_one_login_per_role():
    from django.contrib.auth import get_user_model

    from ims.demo import DEMO_PASSWORD, ROLE_LOGINS

    call_command("load_demo", stdout=io.StringIO())
    for username, _name, _dept, _pos, roles in ROLE_LOGINS:
        user = get_user_model().objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert set(user.groups.values_list("name", flat=True)) == set(roles)


def test_the_quality_policy_keeps_its_history(client_for, secretariat):
    organisation = Organisation.objects.create(name="Sở GDĐT", quality_policy="Chính sách 2024")
    client = client_for(secretariat)
    response = client.post(
        reverse("ims:organisation"),
        {
            "name": "Sở GDĐT",
            "quality_policy": "Chính sách 2026",
            "change_reason": "Xem xét lãnh đạo",
        },
    )
    assert response.status_code == 302
    policies = list(organisation.history.values_list("quality_policy", flat=True))
    assert policies == ["Chính sách 2026", "Chính sách 2024"]
    latest = organisation.history.first()
    assert latest.history_user == secretariat
    assert latest.history_change_reason == "Xem xét lãnh đạo"
    page = client.get(reverse("ims:organisation")).content.decode()
    assert "Chính sách 2024" in page and "Xem xét lãnh đạo" in page


def test_a_logo_that_is_not_an_image_is_refused_with_a_reason(client_for, secretariat):
    Organisation.objects.create(name="Sở GDĐT")
    fake = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client_for(secretariat).post(
        reverse("ims:organisation"), {"name": "Sở GDĐT", "logo": fake}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]
    assert not Organisation.objects.get().logo


def test_a_real_png_logo_is_accepted_and_served(client_for, secretariat):
    Organisation.objects.create(name="Sở GDĐT")
    logo = SimpleUploadedFile("logo-final.png", _png(), content_type="application/octet-stream")
    client = client_for(secretariat)
    response = client.post(reverse("ims:organisation"), {"name": "Sở GDĐT", "logo": logo})
    assert response.status_code == 302, response.context["form"].errors
    assert b"".join(client.get(reverse("ims:logo")).streaming_content).startswith(b"\x89PNG")


def test_uploads_are_judged_by_content_and_size():
    assert check_upload(io.BytesIO(b"%PDF-1.7 ..."), kinds={"pdf"}) == "pdf"
    with pytest.raises(ValidationError):
        check_upload(io.BytesIO(b"MZ\x90\x00 not a pdf"), kinds={"pdf"})
    big = SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        check_upload(big, kinds={"pdf"}, max_mb=1)
    assert refused.value.code == "too_big"


def test_only_one_school_year_is_current():
    older = ensure_school_year(2024)
    newer = ensure_school_year(2025, current=True)
    set_current_school_year(year=older)
    newer.refresh_from_db()
    assert not newer.is_current
    assert SchoolYear.objects.current() == older
    newer.is_current = True
    with pytest.raises(IntegrityError), transaction.atomic():
        newer.save()


def test_a_school_year_runs_from_1_september_to_31_august():
    from datetime import date

    year = ensure_school_year(2025)
    assert (year.start_date, year.end_date) == (date(2025, 9, 1), date(2026, 8, 31))
    assert year.name == "2025–2026"
    assert SchoolYear.objects.containing(date(2026, 3, 15)) == year
    bad = SchoolYear(start_date=date(2025, 8, 15), end_date=date(2026, 8, 31))
    with pytest.raises(ValidationError):
        bad.full_clean()
