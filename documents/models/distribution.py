"""Distribution: who has read and understood an effective edition."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models.editions import Revision


class Acknowledgement(models.Model):
    """A person has read and understood one exact effective edition."""

    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "acknowledged_at"]
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "user"], name="acknowledgement_once_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.revision}"
