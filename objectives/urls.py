from django.urls import path

from objectives import views

app_name = "objectives"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("new/", views.objective_edit, name="objective_add"),
    path("<int:pk>/", views.objective_detail, name="objective"),
    path("<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("<int:pk>/actions/add/", views.action_add, name="action_add"),
    path("<int:pk>/indicators/add/", views.indicator_edit, name="indicator_add"),
    path(
        "<int:pk>/indicators/<int:indicator_pk>/edit/", views.indicator_edit, name="indicator_edit"
    ),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/measurements/", views.measurement_add, name="measurement_add"),
    path("indicators/<int:pk>/refresh/", views.indicator_refresh, name="indicator_refresh"),
    path("measurements/<int:pk>/edit/", views.measurement_edit, name="measurement_edit"),
]
