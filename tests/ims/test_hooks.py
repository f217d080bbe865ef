"""Each app's hooks.py is found when the apps are ready, and what it registers is used."""

import sys
import types

from django.apps import apps
from django.conf import settings

from ims import registry


def test_every_working_app_has_a_hooks_module_that_was_imported():
    for label in ["ims", *settings.WORKING_APPS]:
        module = f"{apps.get_app_config(label).name}.hooks"
        assert module in sys.modules, f"{module} was not discovered"


def test_the_apps_navigation_entries_come_from_their_hooks():
    url_names = [item.url_name for item in registry.nav_items()]
    assert url_names[0] == "home"
    for name in (
        "documents:register",
        "documents:builds",
        "objectives:dashboard",
        "audits:programmes",
        "surveys:index",
        "ims:departments",
    ):
        assert name in url_names


def test_beat_entries_come_from_the_hooks_of_each_app():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule == registry.beat_entries()
    assert schedule["ims-worker-heartbeat"]["task"] == "ims.tasks.record_heartbeat"
    assert schedule["audits-reminders"]["task"] == "audits.tasks.send_reminders"
    assert schedule["documents-publish-due"]["task"] == "documents.tasks.publish_due_editions"
    assert schedule["surveys-refresh-open-campaigns"]["schedule"] == 900.0
    assert all(name.split("-")[0] in {"ims", *settings.WORKING_APPS} for name in schedule)


def test_the_celery_app_sees_the_beat_entries_of_the_hooks():
    from ims.celery import app

    assert set(app.conf.beat_schedule) == set(registry.beat_entries())


def test_demo_loaders_run_in_the_order_of_the_installed_apps():
    owners = [loader.__module__ for loader in registry.demo_loaders()]
    assert owners == [f"{label}.hooks" for label in ["ims", *settings.WORKING_APPS]]


def test_a_new_apps_hooks_module_is_found_and_registers(monkeypatch):
    """A tiny app: its hooks.py runs at discovery, and its entries reach the registry."""
    package = types.ModuleType("tinyapp")
    package.__path__ = []
    hooks_source = (
        "from ims.registry import NavItem, register_beat_entry, register_nav\n"
        "register_nav(NavItem(label='Tiny', url_name='tiny:index', order=99))\n"
        "register_beat_entry('tinyapp-tick', {'task': 'tinyapp.tasks.tick', 'schedule': 5.0})\n"
    )

    class Finder:
        """Serves ``tinyapp.hooks`` from the string above."""

        def find_spec(self, name, path=None, target=None):
            import importlib.util

            if name != "tinyapp.hooks":
                return None
            return importlib.util.spec_from_loader(name, loader=self)

        def create_module(self, spec):
            return None

        def exec_module(self, module):
            exec(hooks_source, module.__dict__)

    monkeypatch.setitem(sys.modules, "tinyapp", package)
    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    config = types.SimpleNamespace(name="tinyapp", module=package)
    monkeypatch.setattr(apps, "get_app_configs", lambda: [config])
    nav_before, beat_before = list(registry._NAV), dict(registry._BEAT)
    schedule_before = dict(settings.CELERY_BEAT_SCHEDULE)
    try:
        registry.load_hooks()
        assert "tiny:index" in [item.url_name for item in registry.nav_items()]
        assert settings.CELERY_BEAT_SCHEDULE["tinyapp-tick"]["task"] == "tinyapp.tasks.tick"
    finally:
        sys.modules.pop("tinyapp.hooks", None)
        registry._NAV[:] = nav_before
        registry._BEAT.clear()
        registry._BEAT.update(beat_before)
        settings.CELERY_BEAT_SCHEDULE.clear()
        settings.CELERY_BEAT_SCHEDULE.update(schedule_before)
