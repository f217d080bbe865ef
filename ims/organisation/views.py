"""The secretariat's pages of the organisation: lists with a search box, their
create and edit forms, a person's account and roles, the organisation's name and logo."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import CreateView, ListView, UpdateView

from ims import services
from ims.forms import (
    DepartmentForm,
    OrganisationForm,
    PersonForm,
    PositionForm,
    UnitForm,
)
from ims.models import Department, Organisation, Position, Unit
from ims.permissions import (
    role_labels,
    role_required,
)
from ims.query import text_param
from ims.roles import Role
from ims.uploads import serve_upload

User = get_user_model()
secretariat_only = method_decorator(role_required(Role.ISO_SECRETARIAT), name="dispatch")


class _ManagedList(ListView):
    """A list page of the secretariat's, with a search box over ``search_fields``."""

    search_fields: tuple[str, ...] = ()
    paginate_by = 50
    template_name = "ims/manage_list.html"
    columns: tuple[tuple[str, str], ...] = ()
    create_url = ""
    edit_url = ""
    title = ""

    def get_queryset(self):
        queryset = super().get_queryset()
        query = text_param(self.request, "q")
        if query:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": query})
            queryset = queryset.filter(condition)
        return queryset

    def paginate_queryset(self, queryset, page_size):
        # As on every other list: a page that is not a number shows the first page, one
        # past the end the last (Paginator.get_page), where ListView would answer 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            query=text_param(self.request, "q"),
            columns=[label for _field, label in self.columns],
            rows=[
                (obj, [_display(obj, field) for field, _label in self.columns])
                for obj in context["object_list"]
            ],
            create_url=reverse(self.create_url),
            edit_url=self.edit_url,
        )
        return context


def _display(obj, field: str):
    if field == "role_names":
        return ", ".join(role_labels(group.name for group in obj.groups.all()))
    value = obj
    for part in field.split("."):
        getter = getattr(value, f"get_{part}_display", None)
        value = getter() if getter else getattr(value, part, None)
        if value is None:
            return ""
    return value


class _ManagedEdit:
    """Create or update through a form; a duplicate or empty field re-displays it."""

    template_name = "ims/manage_form.html"
    list_url = ""
    saved_message = gettext_lazy("Saved.")

    def get_success_url(self):
        return reverse(self.list_url)

    def form_valid(self, form):
        # The form has put its values on the instance; the service saves it.
        self.object = services.save_reference_row(actor=self.request.user, row=form.instance)
        messages.success(self.request, self.saved_message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_url"] = reverse(self.list_url)
        return context


@secretariat_only
class DepartmentList(_ManagedList):
    model = Department
    queryset = Department.objects.select_related("head")
    search_fields = ("code", "name")
    columns = (
        ("code", pgettext_lazy("department, unit or position", "Code")),
        ("name", gettext_lazy("Name")),
        ("head", gettext_lazy("Head")),
        ("is_active", gettext_lazy("Active")),
    )
    title = gettext_lazy("Departments")
    create_url = "ims:department_create"
    edit_url = "ims:department_edit"


@secretariat_only
class DepartmentCreate(_ManagedEdit, CreateView):
    model = Department
    form_class = DepartmentForm
    list_url = "ims:departments"
    extra_context = {"title": gettext_lazy("New department")}


@secretariat_only
class DepartmentEdit(_ManagedEdit, UpdateView):
    model = Department
    form_class = DepartmentForm
    list_url = "ims:departments"
    extra_context = {"title": gettext_lazy("Edit department")}


@secretariat_only
class UnitList(_ManagedList):
    model = Unit
    search_fields = ("code", "name", "commune")
    columns = (
        ("code", pgettext_lazy("department, unit or position", "Code")),
        ("name", gettext_lazy("Name")),
        ("kind", gettext_lazy("Kind")),
        ("commune", gettext_lazy("Commune / ward")),
        ("contact_name", gettext_lazy("Contact person")),
    )
    title = gettext_lazy("Units and schools")
    create_url = "ims:unit_create"
    edit_url = "ims:unit_edit"


@secretariat_only
class UnitCreate(_ManagedEdit, CreateView):
    model = Unit
    form_class = UnitForm
    list_url = "ims:units"
    extra_context = {"title": gettext_lazy("New unit")}


@secretariat_only
class UnitEdit(_ManagedEdit, UpdateView):
    model = Unit
    form_class = UnitForm
    list_url = "ims:units"
    extra_context = {"title": gettext_lazy("Edit unit")}


@secretariat_only
class PositionList(_ManagedList):
    model = Position
    queryset = Position.objects.select_related("department")
    search_fields = ("code", "name", "department__code")
    columns = (
        ("code", pgettext_lazy("department, unit or position", "Code")),
        ("name", gettext_lazy("Name")),
        ("department.name", gettext_lazy("Department")),
    )
    title = gettext_lazy("Positions")
    create_url = "ims:position_create"
    edit_url = "ims:position_edit"


@secretariat_only
class PositionCreate(_ManagedEdit, CreateView):
    model = Position
    form_class = PositionForm
    list_url = "ims:positions"
    extra_context = {"title": gettext_lazy("New position")}


@secretariat_only
class PositionEdit(_ManagedEdit, UpdateView):
    model = Position
    form_class = PositionForm
    list_url = "ims:positions"
    extra_context = {"title": gettext_lazy("Edit position")}


@secretariat_only
class PeopleList(_ManagedList):
    model = User
    queryset = (
        User.objects.select_related("profile__department", "profile__position", "profile__unit")
        .prefetch_related("groups")
        .order_by("first_name", "username")
    )
    search_fields = ("username", "first_name", "email", "profile__department__code")
    columns = (
        ("username", gettext_lazy("Login name")),
        ("get_full_name", gettext_lazy("Full name")),
        ("profile.department.code", gettext_lazy("Department")),
        ("profile.position.name", gettext_lazy("Position")),
        ("profile.unit.name", gettext_lazy("Unit")),
        ("role_names", gettext_lazy("Roles")),
    )
    title = gettext_lazy("People")
    create_url = "ims:person_create"
    edit_url = "ims:person_edit"


@role_required(Role.ISO_SECRETARIAT)
def person_edit(request, pk=None):
    person = get_object_or_404(User, pk=pk) if pk else None
    initial = PersonForm.initial_for(person) if person else None
    form = PersonForm(request.POST or None, user=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_person(
            actor=request.user, data=form.cleaned_data, user=person, request=request
        )
        messages.success(request, _("Saved."))
        return redirect("ims:people")
    title = _("Edit person") if person else _("New person")
    return render(
        request,
        "ims/manage_form.html",
        {"form": form, "title": title, "list_url": reverse("ims:people")},
    )


@role_required(Role.ISO_SECRETARIAT)
def organisation_edit(request):
    organisation = Organisation.current() or Organisation(name="")
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.save_organisation(
            actor=request.user,
            organisation=form.instance,
            change_reason=form.cleaned_data.get("change_reason") or "",
        )
        messages.success(request, _("Saved."))
        return redirect("ims:organisation")
    history = organisation.history.select_related("history_user")[:50] if organisation.pk else []
    return render(request, "ims/organisation_form.html", {"form": form, "history": history})


def organisation_logo(request):
    organisation = Organisation.current()
    if organisation is None or not organisation.logo:
        raise Http404
    # An image shown in pages (inline), with the type its content was checked as.
    return serve_upload(
        organisation.logo,
        filename=Path(organisation.logo.name).name,
        kinds={"png", "jpeg"},
        as_attachment=False,
    )


DepartmentList = DepartmentList.as_view()
DepartmentCreate = DepartmentCreate.as_view()
DepartmentEdit = DepartmentEdit.as_view()
UnitList = UnitList.as_view()
UnitCreate = UnitCreate.as_view()
UnitEdit = UnitEdit.as_view()
PositionList = PositionList.as_view()
PositionCreate = PositionCreate.as_view()
PositionEdit = PositionEdit.as_view()
PeopleList = PeopleList.as_view()
