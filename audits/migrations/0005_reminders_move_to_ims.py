"""The reminder markers of audits move to ``ims.SentReminder``, the one table every
app sends its reminders once through; the rows already there are kept (their source
is "audits")."""

from django.db import migrations

from ims.migrations._move_reminders import move_reminders


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0004_audit_events"),
        ("ims", "0007_sent_reminders"),
    ]

    operations = [
        move_reminders("audits", "SentReminder"),
        migrations.DeleteModel(name="SentReminder"),
    ]
