"""The documents' publication reaches the records register without documents naming it:
the publication (or withdrawal) sign-off row queues a sync of that document's series
after commit."""

from django.db import transaction

from documents.models import SignOff
from records.tasks import sync_document_series

STEPS = (SignOff.Step.PUBLISHED, SignOff.Step.WITHDRAWN)


def sync_after_publication(sender, instance, created, **kwargs):
    if not created or instance.step not in STEPS:
        return
    document_id = instance.revision.document_id
    transaction.on_commit(lambda: sync_document_series.delay(document_id))
