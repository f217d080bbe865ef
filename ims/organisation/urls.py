from django.urls import path

from ims.organisation import views

app_name = "ims"

urlpatterns = [
    path("", views.organisation_edit, name="organisation"),
    path("logo/", views.organisation_logo, name="logo"),
    path("departments/", views.DepartmentList, name="departments"),
    path("departments/new/", views.DepartmentCreate, name="department_create"),
    path("departments/<int:pk>/", views.DepartmentEdit, name="department_edit"),
    path("units/", views.UnitList, name="units"),
    path("units/new/", views.UnitCreate, name="unit_create"),
    path("units/<int:pk>/", views.UnitEdit, name="unit_edit"),
    path("positions/", views.PositionList, name="positions"),
    path("positions/new/", views.PositionCreate, name="position_create"),
    path("positions/<int:pk>/", views.PositionEdit, name="position_edit"),
    path("people/", views.PeopleList, name="people"),
    path("people/new/", views.person_edit, name="person_create"),
    path("people/<int:pk>/", views.person_edit, name="person_edit"),
]
