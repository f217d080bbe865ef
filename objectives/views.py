from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ims.exports import xlsx_response
from ims.models import Department, Organisation, SchoolYear
from ims.pdf import pdf_response, render_pdf
from ims.permissions import department_of, is_secretariat
from ims.query import int_param
from ims.registry import dashboard_panels
from ims.uploads import serve_upload
from objectives import permissions, services, summary
from objectives.forms import (
    DashboardFilter,
    IndicatorForm,
    MeasurementEditForm,
    MeasurementForm,
    ObjectiveForm,
    PlanActionForm,
)
from objectives.models import Indicator, Objective


def _filters(request):
    """The dashboard's year, department and level from the query string."""
    current = SchoolYear.objects.current() or SchoolYear.objects.first()
    form = DashboardFilter(request.GET or None, initial={"year": current})
    year, department, level = current, None, ""
    if form.is_valid():
        year = form.cleaned_data["year"] or current
        department = form.cleaned_data["department"]
        level = form.cleaned_data["level"]
    return form, year, department, level


def dashboard(request):
    permissions.require_viewer(request.user)
    form, year, department, level = _filters(request)
    board = (
        summary.dashboard(
            school_year=year,
            department=department,
            level=level,
            page=request.GET.get("page", 1),
        )
        if year
        else None
    )
    context = {
        "form": form,
        "board": board,
        "can_add": permissions.can_add_objective(request.user),
        "panels": dashboard_panels(request),
    }
    if board is not None:
        context["chart"] = board.chart()
        context["sparklines"] = board.sparklines()
    template = (
        "objectives/_board.html"
        if request.headers.get("HX-Request")
        else "objectives/dashboard.html"
    )
    return render(request, template, context)


def objective_detail(request, pk):
    objective = permissions.get_objective_for_user(request.user, pk)
    row = summary.tree(objective)
    can_manage = permissions.can_manage_objective(request.user, objective)
    return render(
        request,
        "objectives/objective_detail.html",
        {
            "row": row,
            "objective": objective,
            "clauses": objective.clauses.all(),
            "actions": objective.actions.all(),
            "can_manage": can_manage,
            "sparklines": {
                str(i.indicator.pk): {
                    "labels": [label for label, _v in i.series],
                    "values": [float(v) for _l, v in i.series],
                    "target": float(i.indicator.target) if i.indicator.target is not None else None,
                }
                for i in row.indicators
            },
        },
    )


def _head_departments(user):
    if is_secretariat(user):
        return None
    own = department_of(user)
    ids = {d.pk for d in Department.objects.filter(head=user)} | ({own.pk} if own else set())
    return Department.objects.filter(pk__in=ids)


def objective_edit(request, pk=None):
    objective = permissions.get_rw_objective_for_user(request.user, pk) if pk else None
    if objective is None and not permissions.can_add_objective(request.user):
        raise PermissionDenied
    initial = {}
    if objective is None:
        initial = {"school_year": SchoolYear.objects.current(), "owner": request.user}
        if int_param(request, "parent") is not None:
            parent = Objective.objects.filter(pk=int_param(request, "parent")).first()
            if parent is not None:
                initial.update(
                    parent=parent,
                    school_year=parent.school_year,
                    level=Objective.Level.DEPARTMENT
                    if parent.level == Objective.Level.ORGANISATION
                    else Objective.Level.STAFF,
                    department=parent.department,
                )
    form = ObjectiveForm(
        request.POST or None,
        instance=objective,
        initial=initial,
        departments=_head_departments(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_objective(
                objective=form.instance, clauses=form.cleaned_data["clauses"], actor=request.user
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The objective is saved."))
            return redirect("objectives:objective", saved.pk)
    title = _("Edit objective") if objective else _("New objective")
    return render(
        request, "objectives/form.html", {"form": form, "title": title, "back": objective}
    )


def action_add(request, pk):
    objective = permissions.get_rw_objective_for_user(request.user, pk)
    form = PlanActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_plan_action(objective=objective, action=form.instance, actor=request.user)
        messages.success(request, _("The action is added to the plan."))
        return redirect("objectives:objective", objective.pk)
    return render(
        request,
        "objectives/form.html",
        {"form": form, "title": _("Add a planned action"), "back": objective},
    )


def indicator_edit(request, pk, indicator_pk=None):
    objective = permissions.get_rw_objective_for_user(request.user, pk)
    indicator = (
        get_object_or_404(Indicator, pk=indicator_pk, objective=objective) if indicator_pk else None
    )
    form = IndicatorForm(
        request.POST or None,
        instance=indicator,
        initial={} if indicator else {"owner": objective.owner},
    )
    if form.instance.objective_id is None:
        form.instance.objective = objective
    if request.method == "POST" and form.is_valid():
        saved = services.save_indicator(indicator=form.instance, actor=request.user)
        messages.success(request, _("The indicator is saved."))
        return redirect("objectives:indicator", saved.pk)
    title = _("Edit indicator") if indicator else _("New indicator")
    return render(
        request, "objectives/form.html", {"form": form, "title": title, "back": objective}
    )


def indicator_detail(request, pk):
    indicator = permissions.get_indicator_for_user(request.user, pk)
    year = indicator.objective.school_year
    measurements = {
        m.period_start: m
        for m in indicator.measurements.select_related("entered_by").prefetch_related("evidence")
    }
    today = timezone.localdate()
    final = today > year.end_date
    periods = [
        {
            "period": p,
            "measurement": measurements.get(p.start),
            "status": indicator.status_for(
                measurements[p.start].value if p.start in measurements else None, final=final
            ),
            "open": p.start <= today,
        }
        for p in indicator.periods(year)
    ]
    can_enter = (
        permissions.can_enter_measurements(request.user, indicator) and not indicator.is_computed
    )
    form = None
    if can_enter:
        open_periods = [p["period"] for p in periods if p["open"] and not p["measurement"]]
        form = MeasurementForm(periods=open_periods)
    from ims.registry import indicator_sources

    source = indicator_sources().get(indicator.source) if indicator.source else None
    measured = [p for p in periods if p["measurement"]]
    trend = {
        str(indicator.pk): {
            "labels": [p["period"].label for p in measured],
            "values": [float(p["measurement"].value) for p in measured],
            "target": float(indicator.target) if indicator.target is not None else None,
        }
    }
    return render(
        request,
        "objectives/indicator_detail.html",
        {
            "indicator": indicator,
            "objective": indicator.objective,
            "periods": periods,
            "form": form,
            "can_enter": can_enter,
            "source": source,
            "trend": trend if measured else None,
            "can_refresh": indicator.is_computed
            and permissions.can_enter_measurements(request.user, indicator),
        },
    )


@require_POST
def measurement_add(request, pk):
    indicator = permissions.get_rw_indicator_for_user(request.user, pk)
    year = indicator.objective.school_year
    today = timezone.localdate()
    taken = set(indicator.measurements.values_list("period_start", flat=True))
    open_periods = [p for p in indicator.periods(year) if p.start <= today and p.start not in taken]
    form = MeasurementForm(request.POST, request.FILES, periods=indicator.periods(year))
    if form.is_valid():
        try:
            services.record_measurement(
                indicator=indicator,
                period_start=form.cleaned_data["period"],
                value=form.cleaned_data["value"],
                comment=form.cleaned_data["comment"],
                files=form.cleaned_data["evidence"],
                actor=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The measurement is saved."))
            return redirect("objectives:indicator", indicator.pk)
    form.fields["period"].widget.choices = (
        MeasurementForm(periods=open_periods).fields["period"].widget.choices
    )
    return render(
        request,
        "objectives/measurement_form.html",
        {"form": form, "indicator": indicator, "title": _("Enter a measurement")},
        status=400,
    )


def measurement_edit(request, pk):
    measurement = permissions.get_rw_measurement_for_user(request.user, pk)
    form = MeasurementEditForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "value": measurement.value,
            "comment": measurement.comment,
            "version": measurement.version,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_measurement(
                    measurement=measurement,
                    value=form.cleaned_data["value"],
                    comment=form.cleaned_data["comment"],
                    version=form.cleaned_data["version"],
                    files=form.cleaned_data["evidence"],
                    actor=request.user,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("The measurement is saved."))
                return redirect("objectives:indicator", measurement.indicator_id)
        status = 400
    return render(
        request,
        "objectives/measurement_form.html",
        {
            "form": form,
            "indicator": measurement.indicator,
            "measurement": measurement,
            "title": _("Correct a measurement"),
        },
        status=status,
    )


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def evidence_download(request, pk):
    """Evidence is read by the people who see objectives, never from a public URL."""
    evidence = permissions.get_evidence_for_user(request.user, pk)
    return serve_upload(evidence.file, filename=evidence.name, kinds=services.EVIDENCE_KINDS)


@require_POST
def indicator_refresh(request, pk):
    indicator = permissions.get_rw_indicator_for_user(request.user, pk)
    services.refresh_computed_measurements(indicator_ids=[indicator.pk])
    messages.success(request, _("The values are computed again from the system's data."))
    return redirect("objectives:indicator", indicator.pk)


def _year_and_department(request):
    permissions.require_viewer(request.user)
    _form, year, department, _level = _filters(request)
    if year is None:
        raise PermissionDenied
    return year, department


def export_xlsx(request):
    year, department = _year_and_department(request)
    rows = summary.year_rows(year, department=department)
    headers = [
        _("Code"),
        _("Level"),
        _("Department"),
        _("Objective"),
        _("Serves"),
        _("Owner"),
        _("Indicator"),
        _("Target"),
        _("Baseline"),
        _("Latest value"),
        _("Period"),
        _("Status"),
    ]

    def lines():
        for row in rows:
            o = row.objective
            base = [
                o.code,
                o.get_level_display(),
                o.department.code if o.department else "",
                o.statement,
                o.parent.code if o.parent else "",
                o.owner.get_full_name() or o.owner.username,
            ]
            if not row.indicators:
                yield [*base, "", "", "", "", "", row.status.label]
            for item in row.indicators:
                ind = item.indicator
                yield [
                    *base,
                    ind.name,
                    ind.target_display,
                    float(ind.baseline) if ind.baseline is not None else "",
                    float(item.value) if item.value is not None else "",
                    item.latest.period_start if item.latest else "",
                    item.status.label,
                ]

    return xlsx_response(
        f"muc-tieu-{year.name}.xlsx".replace("–", "-"),
        headers,
        lines(),
        title=_("Objectives %(year)s") % {"year": year.name},
    )


def report_pdf(request):
    year, department = _year_and_department(request)
    rows = summary.year_rows(year, department=department)
    # Every objective of the level in one report, not a page of them.
    board = summary.dashboard(school_year=year, department=department, page_size=10_000)
    data = render_pdf(
        "objectives/pdf/report.html",
        {
            "organisation": Organisation.current(),
            "year": year,
            "department": department,
            "rows": rows,
            "board": board,
            "today": timezone.localdate(),
            "previous_year": board.previous_year,
        },
    )
    return pdf_response(data, f"bao-cao-muc-tieu-{year.start_date.year}.pdf")
