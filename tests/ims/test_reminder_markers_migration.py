"""Upgrading an installation: the reminders each app had sent (its own marker table
until ims 0007) move into the one ``ims.SentReminder`` table with the app as their
source, so no reminder already sent goes a second time after the upgrade."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("audits", "0004_audit_events"),
    ("competence", "0001_initial"),
    ("context", "0001_initial"),
    ("records", "0001_initial"),
    ("risks", "0001_initial"),
    ("ims", "0007_sent_reminders"),
]
OLD_MODELS = {
    "audits": "SentReminder",
    "competence": "SentReminder",
    "context": "SentReminder",
    "records": "SentReminder",
    "risks": "RiskReminder",
}


@pytest.mark.django_db(transaction=True)
def test_the_reminders_already_sent_move_to_the_one_table_with_their_app(staff):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    for app, model in OLD_MODELS.items():
        old_apps.get_model(app, model).objects.create(
            key="occasion:1", recipient_id=staff.pk, subject=f"Nhắc việc {app}", url="/x/"
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    new_apps = executor.loader.project_state(latest).apps
    moved = new_apps.get_model("ims", "SentReminder").objects.order_by("source")
    assert [(r.source, r.key, r.recipient_id, r.subject) for r in moved] == [
        (app, "occasion:1", staff.pk, f"Nhắc việc {app}") for app in sorted(OLD_MODELS)
    ]
