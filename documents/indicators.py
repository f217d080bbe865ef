"""What document control brings to objectives and to the management review.

* the indicator source ``documents_reviewed_on_time``: the share of documents due
  for periodic review in a period that were reviewed by their due date;
* the management-review input ``documents``: changes to documented information
  in the period (ISO 9001 9.3.2 b and c): editions that took effect, documents
  withdrawn, periodic reviews and change requests.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from documents.models import ChangeRequest, Document, ReviewRecord, Revision, SignOff
from ims.registry import IndicatorSource, ReviewInput


def reviewed_on_time(
    start: date, end: date, department=None, parameter: str = ""
) -> Decimal | None:
    """Percentage of reviews falling due in [start, end] that were done by their due date.

    A review counts when it fell due in the period (up to today: a review due
    tomorrow is not late yet). Done reviews carry their due date
    (``ReviewRecord.due_on``); a document whose due date in the period has
    passed without a review counts as not on time. None when nothing fell due.
    """
    until = min(end, timezone.localdate())
    if until < start:
        return None
    done = ReviewRecord.objects.filter(due_on__gte=start, due_on__lte=until)
    pending = Document.objects.filter(
        is_obsolete=False, next_review_on__gte=start, next_review_on__lte=until
    )
    if department is not None:
        done = done.filter(document__department=department)
        pending = pending.filter(department=department)
    on_time = sum(1 for r in done.only("reviewed_on", "due_on") if r.on_time)
    total = done.count() + pending.count()
    if not total:
        return None
    return (Decimal(on_time) * 100 / Decimal(total)).quantize(Decimal("0.1"))


def changes_in_period(start: date, end: date) -> dict:
    """Changes to documented information between ``start`` and ``end``, for the review record."""
    took_effect = list(
        Revision.objects.filter(
            effective_date__gte=start,
            effective_date__lte=end,
            state__in=[Revision.State.EFFECTIVE, Revision.State.SUPERSEDED],
        )
        .select_related("document")
        .order_by("effective_date", "document__code")
    )
    withdrawn = list(
        SignOff.objects.filter(
            step=SignOff.Step.WITHDRAWN,
            signed_at__date__gte=start,
            signed_at__date__lte=end,
        )
        .select_related("revision__document")
        .order_by("signed_at")
    )
    reviews = ReviewRecord.objects.filter(reviewed_on__gte=start, reviewed_on__lte=end)
    reviews_on_time = sum(1 for r in reviews.only("reviewed_on", "due_on") if r.on_time)
    requests = ChangeRequest.objects.filter(
        Q(created_at__date__gte=start, created_at__date__lte=end)
        | Q(decided_at__date__gte=start, decided_at__date__lte=end)
    )
    new_documents = sum(1 for r in took_effect if r.number == 1)
    overdue = Document.objects.filter(
        is_obsolete=False, next_review_on__lt=min(end, timezone.localdate())
    ).count()
    summary = _(
        "%(editions)d editions took effect (%(new)d new documents); %(withdrawn)d documents "
        "withdrawn; %(reviews)d periodic reviews, %(on_time)d on time; %(requests)d change "
        "requests; %(overdue)d documents overdue for review at the end of the period."
    ) % {
        "editions": len(took_effect),
        "new": new_documents,
        "withdrawn": len(withdrawn),
        "reviews": reviews.count(),
        "on_time": reviews_on_time,
        "requests": requests.count(),
        "overdue": overdue,
    }
    rows = [
        [
            r.document.code,
            r.document.title,
            r.number,
            date_format(r.effective_date, "SHORT_DATE_FORMAT"),
            r.change_summary or (_("First edition") if r.number == 1 else ""),
        ]
        for r in took_effect
    ]
    rows += [
        [
            s.revision.document.code,
            s.revision.document.title,
            s.revision.number,
            date_format(timezone.localtime(s.signed_at).date(), "SHORT_DATE_FORMAT"),
            _("Withdrawn: %(reason)s") % {"reason": s.comment},
        ]
        for s in withdrawn
    ]
    return {
        "summary": summary,
        "columns": [
            _("Code"),
            pgettext("document", "Title"),
            _("Edition"),
            _("Date"),
            _("What changed"),
        ],
        "rows": rows,
    }


REVIEWED_ON_TIME = IndicatorSource(
    key="documents_reviewed_on_time",
    label=gettext_lazy("Documents reviewed on time"),
    unit="%",
    compute=reviewed_on_time,
)

DOCUMENT_CHANGES = ReviewInput(
    key="documents",
    label=gettext_lazy("Changes to documented information"),
    clause="9.3.2 b), c)",
    collect=changes_in_period,
    order=60,
)
