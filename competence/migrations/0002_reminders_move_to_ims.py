"""The reminder markers of competence move to ``ims.SentReminder``, the one table every
app sends its reminders once through; the rows already there are kept (their source
is "competence")."""

from django.db import migrations

from ims.migrations._move_reminders import move_reminders


class Migration(migrations.Migration):
    dependencies = [
        ("competence", "0001_initial"),
        ("ims", "0007_sent_reminders"),
    ]

    operations = [
        move_reminders("competence", "SentReminder"),
        migrations.DeleteModel(name="SentReminder"),
    ]
