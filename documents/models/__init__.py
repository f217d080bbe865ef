"""The models of document control, one module per area, re-exported here
(as ``wagtail/models/__init__.py`` does) so ``from documents.models import X``
finds every one of them.

- ``documents``: the controlled document and who approves each kind;
- ``editions``: an edition (``Revision``), its steps, records kept, sign-offs and images;
- ``distribution``: acknowledgements of an effective edition;
- ``changes``: change requests and periodic reviews;
- ``printing``: cached edition PDFs and recorded manual and report builds.
"""

from documents.models.changes import ChangeRequest, ReviewRecord
from documents.models.distribution import Acknowledgement
from documents.models.documents import (
    APPROVING_ROLE_CHOICES,
    ApprovalRule,
    Document,
    DocumentQuerySet,
)
from documents.models.editions import (
    EDITION_IMAGES_DIR,
    EditionImage,
    RecordKept,
    Revision,
    SignOff,
    Step,
    edition_image_path,
)
from documents.models.printing import EditionPdf, ManualBuild

__all__ = [
    "APPROVING_ROLE_CHOICES",
    "EDITION_IMAGES_DIR",
    "Acknowledgement",
    "ApprovalRule",
    "ChangeRequest",
    "Document",
    "DocumentQuerySet",
    "EditionImage",
    "EditionPdf",
    "ManualBuild",
    "RecordKept",
    "Revision",
    "ReviewRecord",
    "SignOff",
    "Step",
    "edition_image_path",
]
