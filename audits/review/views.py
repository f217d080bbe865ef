"""Pages of management review. Thin: fetch with a rights helper (403 when refused),
bind the form, call one service, redirect."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.errors import AuditRuleError
from audits.pages import form_page
from audits.review import exports, permissions, services
from audits.review.forms import DecisionForm, ReviewForm, ReviewRecordForm
from audits.review.models import ManagementReview


def reviews(request):
    permissions.require_review_reader(request.user)
    rows = (
        ManagementReview.objects.select_related("school_year")
        .annotate(decision_count=Count("decisions"))
        .order_by("-meeting_date", "-pk")
    )
    return render(
        request,
        "audits/reviews.html",
        {"reviews": rows, "can_manage": permissions.can_manage(request.user)},
    )


def review_create(request):
    permissions.require_manager(request.user)
    form = ReviewForm(request.POST or None)
    if form.is_valid():
        review = services.prepare_review(actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("The review is prepared: its inputs are compiled and frozen."))
        return redirect(review)
    return form_page(
        request,
        form,
        _("Prepare a management review"),
        "audits:reviews",
        intro=_(
            "The inputs are compiled from the system's data for the period when you save, "
            "and kept as they are then."
        ),
    )


def _review_page(request, review, decision_form, *, status=200):
    return render(
        request,
        "audits/review.html",
        {
            "review": review,
            "decisions": review.decisions.select_related(
                "department", "owner", "corrective_action"
            ),
            "can_manage": permissions.can_manage(request.user),
            "decision_form": decision_form,
        },
        status=status,
    )


def review_detail(request, pk):
    review = permissions.get_review_for_user(request.user, pk)
    manage = permissions.can_manage(request.user)
    return _review_page(request, review, DecisionForm() if manage else None)


def review_edit(request, pk):
    review = permissions.get_rw_review_for_user(request.user, pk)
    form = ReviewRecordForm(request.POST or None, instance=review)
    if form.is_valid():
        services.record_review(review=review, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(review)
    return form_page(request, form, str(review), review.get_absolute_url())


@require_POST
def decision_create(request, pk):
    review = permissions.get_rw_review_for_user(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        services.record_decision(review=review, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("Decision recorded."))
        return redirect(review)
    return _review_page(request, review, form, status=422)


def decision_edit(request, pk):
    """Correct a recorded decision; its history keeps what was written before."""
    decision = permissions.get_decision_for_user(request.user, pk)
    form = DecisionForm(request.POST or None, instance=decision)
    if form.is_valid():
        services.update_decision(decision=decision, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("Decision saved."))
        return redirect(decision.review)
    return form_page(request, form, _("Edit a decision"), decision.review.get_absolute_url())


@require_POST
def decision_to_action(request, pk):
    decision = permissions.get_decision_for_user(request.user, pk)
    try:
        action = services.decision_to_corrective_action(decision=decision, actor=request.user)
    except AuditRuleError as error:
        messages.error(request, str(error))
        return redirect(decision.review)
    messages.success(request, _("Corrective action %(number)s opened.") % {"number": action.number})
    return redirect(action)


@require_POST
def decision_done(request, pk):
    decision = permissions.get_decision_for_user(request.user, pk)
    services.mark_decision_done(decision=decision, actor=request.user)
    messages.success(request, _("Saved."))
    return redirect(decision.review)


def review_pdf(request, pk):
    review = permissions.get_review_for_user(request.user, pk)
    return exports.review_pdf(review)
