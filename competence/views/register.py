"""The register of people and their gaps, the positions with their requirements,
the training matrix of a department, and the training topics."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from competence import gap, history, matrix, permissions, services
from competence.forms import RegisterFilter, RequirementForm, TopicForm
from competence.models import Requirement, TrainingTopic
from documents.models import Document
from ims.exports import xlsx_response
from ims.models import Department, Position
from ims.query import int_param

PAGE_SIZE = 50


def _departments(user):
    """The departments ``user`` may narrow the register to."""
    if permissions.reads_everything(user):
        return Department.objects.filter(is_active=True)
    department = permissions.headed_department(user)
    return Department.objects.filter(pk=department.pk if department else None)


def index(request):
    """The register: each person with how many of their position's requirements are
    met, expiring, expired or not met. Staff land on their own record."""
    user = request.user
    if not permissions.can_view_register(user):
        if permissions.can_view_plan(user) and hasattr(user, "profile"):
            return redirect("competence:person", user.pk)
        raise PermissionDenied
    departments = _departments(user)
    filters = RegisterFilter(request.GET or None, departments=departments)
    people = permissions.readable_people(user)
    only_gaps = False
    if filters.is_valid():
        if filters.cleaned_data["department"]:
            people = people.filter(profile__department=filters.cleaned_data["department"])
        only_gaps = filters.cleaned_data["gaps"]
    people = people.order_by("profile__department__order", "first_name", "username")
    # The gap of everybody listed (for the filter and the counts) from ids alone; rows
    # of people are built for the page shown (or the export) only.
    pairs = list(people.values_list("pk", "profile__position_id"))
    gaps = gap.gaps_by_id(pairs, timezone.localdate())
    ids = [pk for pk, _position in pairs]
    if only_gaps:
        ids = [pk for pk in ids if gap.PersonGap(None, gaps[pk]).has_gap]
    if request.GET.get("format") == "xlsx":
        return _export(ids, gaps)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = people.filter(pk__in=list(page)).select_related(
        "profile__department", "profile__position__department"
    )
    by_pk = {person.pk: person for person in shown}
    page.object_list = [gap.PersonGap(by_pk[pk], gaps[pk]) for pk in page if pk in by_pk]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "competence/index.html",
        {
            "filters": filters,
            "page_obj": page,
            "query": query.urlencode(),
            "total": len(ids),
        },
    )


def _export(ids, gaps):
    people = get_user_model().objects.filter(pk__in=ids)
    names = {
        pk: (first or username, department or "", position or "")
        for pk, first, username, department, position in people.values_list(
            "pk", "first_name", "username", "profile__department__name", "profile__position__name"
        )
    }
    statuses = list(gap.Status)
    return xlsx_response(
        "nang-luc.xlsx",
        [_("Person"), _("Department"), _("Position"), *[str(s.label) for s in statuses]],
        [[*names[pk], *[sum(1 for _r, st in gaps[pk] if st == s) for s in statuses]] for pk in ids],
        title=_("Competence"),
    )


def positions(request):
    if not permissions.can_view_register(request.user):
        raise PermissionDenied
    department_id = int_param(request, "department")
    rows = Position.objects.select_related("department").annotate(
        requirement_count=Count("competence_requirements")
    )
    if department_id:
        rows = rows.filter(department_id=department_id)
    rows = list(rows.order_by("department__order", "code"))
    descriptions = {}
    role_docs = Document.objects.filter(kind=Document.Kind.ROLE, position__in=rows).active()
    for document in role_docs.order_by("code"):
        descriptions.setdefault(document.position_id, []).append(document)
    for position in rows:
        position.descriptions = descriptions.get(position.pk, [])
    return render(
        request,
        "competence/positions.html",
        {
            "positions": rows,
            "departments": Department.objects.filter(is_active=True),
            "department_id": department_id,
        },
    )


def position(request, pk: int):
    position = permissions.get_position_for_user(request.user, pk)
    requirements = list(position.competence_requirements.select_related("topic", "document"))
    descriptions = Document.objects.filter(kind=Document.Kind.ROLE, position=position).active()
    entries = history.entries(
        Requirement.history.filter(position_id=position.pk), lambda row: row.text
    )
    return render(
        request,
        "competence/position.html",
        {
            "position": position,
            "requirements": requirements,
            "descriptions": descriptions.order_by("code"),
            "can_edit": permissions.can_edit_requirements(request.user, position),
            "entries": entries[:50],
        },
    )


def requirement_add(request, pk: int):
    position = permissions.get_rw_position_for_user(request.user, pk)
    return _requirement_form(request, Requirement(position=position))


def requirement_edit(request, pk: int):
    requirement = permissions.get_rw_requirement_for_user(request.user, pk)
    return _requirement_form(request, requirement)


def _requirement_form(request, requirement: Requirement):
    form = RequirementForm(request.POST or None, instance=requirement)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_requirement(
                requirement=form.instance,
                actor=request.user,
                seen_version=form.cleaned_data["seen_version"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("competence:position", requirement.position_id)
    title = _("Requirement of %(position)s") % {"position": requirement.position}
    return render(
        request,
        "competence/form.html",
        {"form": form, "title": title, "back": ("competence:position", requirement.position_id)},
    )


@require_POST
def requirement_remove(request, pk: int):
    requirement = permissions.get_rw_requirement_for_user(request.user, pk)
    services.remove_requirement(requirement=requirement, actor=request.user)
    return redirect("competence:position", requirement.position_id)


def matrix_page(request):
    user = request.user
    if not permissions.can_view_register(user):
        raise PermissionDenied
    departments = _departments(user)
    department_id = int_param(request, "department")
    if department_id:
        department = get_object_or_404(departments, pk=department_id)
    else:
        department = permissions.headed_department(user) or departments.first()
    if department is None:
        raise PermissionDenied
    built = matrix.build(department, timezone.localdate())
    if request.GET.get("format") == "xlsx":
        headers, rows = matrix.export_rows(built)
        return xlsx_response(
            f"ma-tran-dao-tao-{department.code}.xlsx", headers, rows, title=_("Training matrix")
        )
    return render(
        request,
        "competence/matrix.html",
        {"matrix": built, "department": department, "departments": departments},
    )


def topics(request):
    if not permissions.can_view_plan(request.user):
        raise PermissionDenied
    rows = TrainingTopic.objects.annotate(
        requirement_count=Count("requirements", distinct=True),
        training_count=Count("trainings", distinct=True),
    )
    return render(
        request,
        "competence/topics.html",
        {
            "topics": rows,
            "can_manage": permissions.can_manage_trainings(request.user),
            "can_register": permissions.can_view_register(request.user),
        },
    )


def topic_add(request):
    if not permissions.can_manage_trainings(request.user):
        raise PermissionDenied
    return _topic_form(request, TrainingTopic())


def topic_edit(request, pk: int):
    return _topic_form(request, permissions.get_rw_topic_for_user(request.user, pk))


def _topic_form(request, topic: TrainingTopic):
    form = TopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        services.save_topic(topic=form.instance, actor=request.user)
        return redirect("competence:topics")
    title = _("Training topic")
    return render(
        request,
        "competence/form.html",
        {"form": form, "title": title, "back": ("competence:topics", None)},
    )
