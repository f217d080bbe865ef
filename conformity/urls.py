from django.urls import path

from conformity import views

app_name = "conformity"

urlpatterns = [
    path("", views.index, name="index"),
    path("scope.xlsx", views.scope_export, name="scope_export"),
    path("announcements/new/", views.announcement_create, name="announcement_create"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement"),
    path("announcements/<int:pk>/issue/", views.announcement_issue, name="announcement_issue"),
    path(
        "announcements/<int:pk>/publication/",
        views.announcement_publication,
        name="announcement_publication",
    ),
    path("announcements/<int:pk>/pdf/", views.announcement_pdf, name="announcement_pdf"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/freeze/", views.report_freeze, name="report_freeze"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
