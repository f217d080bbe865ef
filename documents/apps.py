from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Document control")

    def ready(self):
        from django.db.models.signals import post_migrate

        from documents import (
            signals,  # noqa: F401  (keeps object permissions in step)
            tasks,  # noqa: F401  (run_schedule finds them without a worker)
        )
        from documents.register.search import ensure_full_text_index

        post_migrate.connect(ensure_full_text_index, dispatch_uid="documents_search_index")
