from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConformityConfig(AppConfig):
    name = "conformity"
    verbose_name = _("Conformity announcement")
    default_auto_field = "django.db.models.BigAutoField"
