"""The training plan of a school year, a training with its attendees, and the
evaluation of its effectiveness."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from competence import history, permissions, services
from competence.forms import AttendanceForm, EvaluationForm, TrainingForm
from competence.models import Training
from ims.exports import xlsx_response
from ims.models import SchoolYear
from ims.query import int_param


def trainings(request):
    if not permissions.can_view_plan(request.user):
        raise PermissionDenied
    years = list(SchoolYear.objects.order_by("-start_date"))
    year_id = int_param(request, "year")
    year = next((y for y in years if y.pk == year_id), None)
    if year is None:
        year = next((y for y in years if y.is_current), years[0] if years else None)
    rows = (
        Training.objects.filter(school_year=year)
        .select_related("topic")
        .annotate(
            invited=Count("records"),
            attended=Count("records", filter=Q(records__attended=True)),
        )
        .order_by("date", "pk")
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "ke-hoach-dao-tao.xlsx",
            [
                _("Date"),
                _("Training"),
                _("Topic"),
                _("Place"),
                _("Trainer"),
                _("Attended"),
                _("Invited"),
                _("Evaluation due"),
                pgettext("training", "Effective"),
            ],
            [
                [
                    t.date,
                    t.title,
                    t.topic.name,
                    t.place,
                    t.trainer,
                    t.attended,
                    t.invited,
                    t.evaluation_due_on,
                    "" if t.effective is None else (_("yes") if t.effective else _("no")),
                ]
                for t in rows
            ],
            title=_("Trainings"),
        )
    return render(
        request,
        "competence/trainings.html",
        {
            "trainings": rows,
            "years": years,
            "year": year,
            "can_manage": permissions.can_manage_trainings(request.user),
            "today": timezone.localdate(),
            "can_register": permissions.can_view_register(request.user),
        },
    )


def training(request, pk: int):
    training = permissions.get_training_for_user(request.user, pk)
    user = request.user
    records = list(
        training.records.select_related(
            "person__profile__department", "person__profile__position"
        ).order_by("person__profile__department__order", "person__first_name")
    )
    # Plain inputs rather than a form per row: a training of a whole department has
    # a hundred and more attendees. ``attendance`` binds them to AttendanceForm.
    for record in records:
        record.editable = permissions.can_keep_record(user, record.person)
    today = timezone.localdate()
    can_evaluate = permissions.can_evaluate(user, training) and training.date <= today
    entries = history.entries(Training.history.filter(id=training.pk), lambda row: row.title)
    return render(
        request,
        "competence/training.html",
        {
            "training": training,
            "records": records,
            "departments": training.departments.all(),
            "positions": training.positions.select_related("department"),
            "can_manage": permissions.can_manage_trainings(user),
            "evaluation_form": EvaluationForm(instance=training) if can_evaluate else None,
            "entries": entries,
            "today": today,
            "can_register": permissions.can_view_register(user),
        },
    )


def training_add(request):
    if not permissions.can_manage_trainings(request.user):
        raise PermissionDenied
    return _training_form(request, Training())


def training_edit(request, pk: int):
    return _training_form(request, permissions.get_rw_training_for_user(request.user, pk))


def _training_form(request, training: Training):
    form = TrainingForm(request.POST or None, instance=training)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_training(
                training=form.instance,
                departments=form.cleaned_data["departments"],
                positions=form.cleaned_data["positions"],
                actor=request.user,
                seen_version=form.cleaned_data["seen_version"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("competence:training", form.instance.pk)
    back = ("competence:training", training.pk) if training.pk else ("competence:trainings", None)
    return render(
        request, "competence/form.html", {"form": form, "title": _("Training"), "back": back}
    )


@require_POST
def attendance(request, pk: int):
    record = permissions.get_rw_record_for_user(request.user, pk)
    if record.training_id is None:
        raise PermissionDenied
    form = AttendanceForm(request.POST, instance=record, prefix=f"r{record.pk}")
    if form.is_valid():
        try:
            services.mark_attendance(
                record=form.instance,
                attended=form.cleaned_data["attended"],
                result=form.cleaned_data["result"],
                actor=request.user,
                seen_version=form.cleaned_data["seen_version"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect(f"{record.training.get_absolute_url()}#r{record.pk}")


def evaluate(request, pk: int):
    training = permissions.get_evaluable_training_for_user(request.user, pk)
    form = EvaluationForm(request.POST or None, instance=training)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluate_training(
                training=form.instance,
                evaluation=form.cleaned_data["evaluation"],
                effective=form.cleaned_data["effective"],
                actor=request.user,
                seen_version=form.cleaned_data["seen_version"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(training.get_absolute_url())
    return render(
        request,
        "competence/form.html",
        {
            "form": form,
            "title": _("Evaluation of effectiveness – %(title)s") % {"title": training.title},
            "back": ("competence:training", training.pk),
        },
    )
