"""Every ``<input type="date">`` carries an ISO value (``2026-12-07``): a browser shows
``07/12/2026`` in such an input as empty and refuses to submit the form. Dates shown
as text stay ``dd/mm/yyyy``."""

import importlib
import inspect
import pkgutil
import re
from datetime import date, datetime

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import translation

from ims.forms import DateInput, DateTimeInput

DAY = date(2026, 12, 7)
MOMENT = datetime(2026, 12, 7, 8, 30)


def _form_modules(config):
    """The app's ``forms`` modules, its sub-packages' included (``audits.corrective.forms``)."""
    names = [f"{config.name}.{suffix}" for suffix in ("forms", "forms_register")]
    for info in pkgutil.walk_packages([config.path], prefix=f"{config.name}."):
        if info.ispkg and not info.name.split(".")[-1].startswith(("migrations", "locale")):
            names.append(f"{info.name}.forms")
    for name in names:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError:
            continue


def _form_classes():
    """Every form class defined in a ``forms`` module of the project's apps."""
    found = []
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)) or ".venv" in config.path:
            continue
        for module in _form_modules(config):
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    found.append(cls)
    return found


def _date_fields():
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            if isinstance(field, (forms.DateField, forms.DateTimeField)):
                yield pytest.param(cls, name, field, id=f"{cls.__module__}.{cls.__name__}.{name}")


DATE_FIELDS = list(_date_fields())


def test_the_project_has_date_fields_to_check():
    # the discovery itself must find the known ones, or the test below proves nothing
    ids = {p.id for p in DATE_FIELDS}
    assert "documents.forms.ApproveForm.effective_date" in ids
    assert "surveys.forms.CampaignForm.opens_on" in ids
    assert "audits.forms.FindingForm.due_date" in ids
    assert "audits.corrective.forms.CorrectiveActionForm.due_date" in ids
    assert "audits.review.forms.ReviewForm.meeting_date" in ids
    assert len(ids) >= 15


@pytest.mark.parametrize("cls,name,field", DATE_FIELDS)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_date_field_renders_a_native_picker_with_an_iso_value(cls, name, field, language):
    with translation.override(language):
        if isinstance(field, forms.DateTimeField):
            assert isinstance(field.widget, DateTimeInput)
            html = field.widget.render(name, field.prepare_value(MOMENT))
            assert 'type="datetime-local"' in html and 'value="2026-12-07T08:30"' in html
        else:
            assert isinstance(field.widget, DateInput), f"{cls.__name__}.{name}: {field.widget!r}"
            html = field.widget.render(name, field.prepare_value(DAY))
            assert 'type="date"' in html
            assert re.search(r'value="2026-12-07"', html), html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_date_typed_either_way_is_accepted(language):
    with translation.override(language):
        field = forms.DateField(widget=DateInput())
        assert field.clean("2026-12-07") == DAY
        assert field.clean("07/12/2026") == DAY


@pytest.mark.django_db
def test_the_approval_form_on_the_edition_page_holds_an_iso_date(
    client_for, leadership, staff, head, department
):
    from documents import services
    from tests.documents.factories import make_document, make_revision

    document = make_document(department=department)
    draft = make_revision(document)
    services.submit_for_review(revision=draft, actor=staff)
    services.review(revision=draft, actor=head)
    response = client_for(leadership).get(draft.get_absolute_url())
    html = response.content.decode()
    value = re.search(r'<input type="date" name="effective_date" value="([^"]*)"', html)
    assert value, html
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.group(1))
