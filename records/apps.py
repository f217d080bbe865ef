from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Records")

    def ready(self):
        from django.db.models.signals import post_save

        from documents.models import SignOff
        from records.signals import sync_after_publication

        # Plumbing only: a publication sign-off queues the document's sync after commit.
        post_save.connect(sync_after_publication, sender=SignOff, dispatch_uid="records-sync")
