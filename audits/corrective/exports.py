"""The corrective-action log in .xlsx and PDF. Building the rows is a pure function
of the actions; ``ims.pdf.render_pdf`` turns the context into bytes."""

from django.utils import timezone
from django.utils.translation import gettext as _

from audits.corrective.models import CorrectiveAction
from audits.exports import print_context
from ims.exports import xlsx_response
from ims.pdf import pdf_response, render_pdf


def _action_columns():
    return [
        _("Number"),
        _("Source"),
        _("Department"),
        _("Clause"),
        _("Nonconformity"),
        _("Owner"),
        _("Raised on"),
        _("Due date"),
        _("State"),
        _("Age (days)"),
        _("Overdue"),
        _("Root cause"),
        _("Action plan"),
        _("Completed on"),
        _("Verified on"),
        _("Closed on"),
    ]


def _action_row(action: CorrectiveAction, today):
    return [
        action.number,
        action.get_source_display(),
        action.department.code,
        action.clause.short_label if action.clause else "",
        action.nonconformity,
        (action.owner.get_full_name() or action.owner.username) if action.owner else "",
        action.raised_on,
        action.due_date,
        action.get_state_display(),
        action.age_days(today),
        _("yes") if action.is_overdue(today) else "",
        action.root_cause,
        action.action_plan,
        action.implemented_on,
        action.verified_on,
        action.closed_on,
    ]


def actions_xlsx(actions):
    today = timezone.localdate()
    rows = (_action_row(a, today) for a in actions.iterator(chunk_size=500))
    return xlsx_response(
        f"so-theo-doi-hdkp-{today:%Y%m%d}.xlsx",
        _action_columns(),
        rows,
        title=_("Corrective actions"),
    )


def actions_pdf(actions, form=None):
    today = timezone.localdate()
    context = {
        **print_context(),
        "actions": [(a, a.age_days(today), a.is_overdue(today)) for a in actions],
        "filters": _filters(form),
    }
    data = render_pdf("audits/pdf/action_log.html", context)
    return pdf_response(data, f"so-theo-doi-hdkp-{today:%Y%m%d}.pdf")


def _filters(form) -> list[tuple[str, str]]:
    if form is None or not form.is_valid():
        return []
    shown = []
    for name in ("state", "source", "department", "q", "overdue"):
        value = form.cleaned_data.get(name)
        if not value:
            continue
        field = form.fields[name]
        if hasattr(field, "choices") and not hasattr(field, "queryset"):
            value = dict(field.choices).get(value, value)
        shown.append((str(field.label), _("yes") if value is True else str(value)))
    return shown
