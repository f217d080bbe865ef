"""An edition's PDF: rendered once per edition and template version, cached while
nothing it shows has changed, and signed with the organisation's certificate
before it is handed out."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.utils import translation
from django.utils.translation import gettext as _

from documents.models import EditionPdf, Revision
from documents.printing import pdf
from ims import signing
from ims.models import Organisation

SIGNED_DIR = "documents/pdf-cache/signed"

# --- one edition, cached ----------------------------------------------------------


def _signoff_ids(revision) -> str:
    return ",".join(str(s.pk) for s in revision.signoffs.all())


def edition_fingerprint(revision: Revision, organisation) -> str:
    """Everything an edition's PDF shows that can change without a new edition.

    Effective editions do not change, but their state does (superseded, obsolete:
    a watermark), sign-offs may be added, and the organisation may change its
    name or logo. A cached PDF is re-used only while this is the same.
    """
    parts = [
        str(revision.pk),
        revision.state,
        str(revision.version),
        revision.updated_at.isoformat() if revision.updated_at else "",
        _signoff_ids(revision),
        pdf.organisation_fingerprint(organisation),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def with_content(revisions):
    return revisions.select_related("document", "document__department").prefetch_related(
        "signoffs", "steps", "records", "images"
    )


def _is_current(cached: EditionPdf | None, fingerprint: str) -> bool:
    return (
        cached is not None
        and cached.fingerprint == fingerprint
        and cached.file.storage.exists(cached.file.name)
    )


def current_pdfs(revisions, *, organisation) -> dict[int, EditionPdf]:
    """The cached PDFs still valid for ``revisions`` (fetched with their sign-offs), by id."""
    rows = EditionPdf.objects.filter(
        revision__in=[r.pk for r in revisions], template_version=pdf.template_version()
    )
    by_revision = {row.revision_id: row for row in rows}
    return {
        r.pk: by_revision[r.pk]
        for r in revisions
        if _is_current(by_revision.get(r.pk), edition_fingerprint(r, organisation))
    }


def cached_edition_pdf(revision: Revision, *, organisation=None) -> EditionPdf:
    """The edition's PDF for the current template version, rendered if missing or stale.

    Only this edition's cache row is touched. Raises :class:`documents.printing.pdf.RenderError`.
    """
    if organisation is None:
        organisation = Organisation.current()
    version = pdf.template_version()
    fingerprint = edition_fingerprint(revision, organisation)
    cached = EditionPdf.objects.filter(revision=revision, template_version=version).first()
    if _is_current(cached, fingerprint):
        return cached
    data, page_count = pdf.render_edition_counted(revision, organisation=organisation)
    digest = hashlib.sha256(data).hexdigest()
    name = f"{revision.document.code}-{revision.number}-{version}-{digest[:12]}.pdf"
    if cached is None:
        cached = EditionPdf(revision=revision, template_version=version)
    old_name = cached.file.name if cached.pk else ""
    old_signed = cached.signed_file.name if cached.pk else ""
    cached.signed_file = ""
    cached.signed_with = ""
    cached.fingerprint = fingerprint
    cached.page_count = page_count
    cached.sha256 = digest
    cached.file.save(name, ContentFile(data), save=False)
    try:
        cached.save()
    except IntegrityError:
        # Two renders of one edition raced; the other one's row stands.
        cached.file.delete(save=False)
        return EditionPdf.objects.get(revision=revision, template_version=version)
    if old_name and old_name != cached.file.name:
        cached.file.storage.delete(old_name)
    if old_signed:
        cached.signed_file.storage.delete(old_signed)
    return cached


def signing_reason(revision: Revision) -> str:
    """What the organisation's signature on an edition says (in the organisation's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Issued: %(code)s, edition %(number)02d") % {
            "code": revision.document.code,
            "number": revision.number,
        }


def signed_edition_pdf(cached: EditionPdf, revision: Revision, *, organisation=None) -> bytes:
    """The cached PDF of an effective edition, signed once per certificate.

    The first request after a render (or after the certificate changed) signs the
    cached PDF and keeps the signed copy; later ones hand that copy out. Without a
    configured certificate, the unsigned PDF.
    """
    identity = signing.signing_identity()
    storage = cached.signed_file.storage
    if identity and cached.signed_with == identity and cached.signed_file:
        if storage.exists(cached.signed_file.name):
            with cached.signed_file.open("rb") as handle:
                return handle.read()
    with cached.file.open("rb") as handle:
        data = handle.read()
    if not identity:
        return data
    if organisation is None:
        organisation = Organisation.current()
    signed = signing.sign_pdf(
        data,
        reason=signing_reason(revision),
        keyword=signing.edition_keyword(revision.document.code, revision.number),
        organisation=organisation.name if organisation else "",
    )
    name = storage.save(f"{SIGNED_DIR}/{cached.file.name.rsplit('/', 1)[-1]}", ContentFile(signed))
    # Only while the row still holds the render that was signed (a re-render clears it).
    kept = EditionPdf.objects.filter(pk=cached.pk, sha256=cached.sha256).update(
        signed_file=name, signed_with=identity
    )
    old = cached.signed_file.name
    if not kept:
        storage.delete(name)
    elif old and old != name:
        storage.delete(old)
    return signed


def edition_pdf_bytes(revision: Revision) -> bytes:
    """The PDF to hand out for one edition: cached and signed for an effective edition,
    rendered fresh (with its watermark, unsigned) otherwise."""
    revision = with_content(Revision.objects.filter(pk=revision.pk)).get()
    if revision.is_effective:
        return signed_edition_pdf(cached_edition_pdf(revision), revision)
    return pdf.render_edition(revision)
