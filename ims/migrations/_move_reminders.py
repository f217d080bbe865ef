"""The data step of moving an app's own reminder markers into ``ims.SentReminder``
(one table for every app since ims 0007): the rows are copied with the app as their
source before the app's model is deleted, so no reminder already sent goes twice."""

from django.db import migrations


def move_reminders(app_label: str, model_name: str) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        old = apps.get_model(app_label, model_name)
        new = apps.get_model("ims", "SentReminder")
        new.objects.bulk_create(
            [
                new(
                    source=app_label,
                    key=row.key,
                    recipient_id=row.recipient_id,
                    subject=row.subject,
                    url=row.url,
                    sent_at=row.sent_at,
                )
                for row in old.objects.iterator()
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )

    def backwards(apps, schema_editor):
        old = apps.get_model(app_label, model_name)
        new = apps.get_model("ims", "SentReminder")
        old.objects.bulk_create(
            [
                old(
                    key=row.key,
                    recipient_id=row.recipient_id,
                    subject=row.subject,
                    url=row.url,
                    sent_at=row.sent_at,
                )
                for row in new.objects.filter(source=app_label).iterator()
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )

    return migrations.RunPython(forwards, backwards)
