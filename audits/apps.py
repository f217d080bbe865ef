from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Audits and corrective actions")

    def ready(self):
        from audits import tasks  # noqa: F401  (registered for run_schedule)
