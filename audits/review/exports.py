"""The management review's record (PDF)."""

from audits.exports import print_context
from audits.review.models import ManagementReview
from ims.pdf import pdf_response, render_pdf


def review_context(review: ManagementReview) -> dict:
    return {
        **print_context(),
        "review": review,
        "decisions": review.decisions.select_related("department", "owner", "corrective_action"),
    }


def review_pdf(review: ManagementReview):
    data = render_pdf("audits/pdf/review.html", review_context(review))
    return pdf_response(data, f"bien-ban-xem-xet-lanh-dao-{review.pk}.pdf")
