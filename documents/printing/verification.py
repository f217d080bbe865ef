"""Which IMS document a signed PDF is: the verdict of ``ims.signing.verify`` with the
edition or manual build it names, looked up in the register."""

from dataclasses import dataclass

from documents.models import ManualBuild, Revision
from ims.signing.verify import Verification, verify_pdf


@dataclass
class DocumentVerification:
    verification: Verification
    revision: Revision | None = None
    build: ManualBuild | None = None

    @property
    def names_unknown_document(self) -> bool:
        """Genuine, but the edition or manual it names is not in this register."""
        v = self.verification
        return v.is_genuine and self.revision is None and self.build is None


def verify_document_pdf(data: bytes) -> DocumentVerification:
    verification = verify_pdf(data)
    result = DocumentVerification(verification)
    if not verification.is_genuine:
        return result  # what an altered file claims to be is not worth looking up
    if verification.code:
        result.revision = (
            Revision.objects.select_related("document")
            .filter(document__code=verification.code, number=verification.number)
            .first()
        )
    elif verification.manual_edition is not None:
        result.build = (
            ManualBuild.objects.filter(
                kind=ManualBuild.Kind.MANUAL,
                state=ManualBuild.State.DONE,
                edition=verification.manual_edition,
            )
            .order_by("-finished_at")
            .first()
        )
    return result
