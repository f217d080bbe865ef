"""URL patterns of printed output, placed first in ``documents.urls``."""

from django.urls import path

from documents.printing import views

urlpatterns = [
    path("<str:code>/<int:number>/pdf/", views.edition_pdf, name="edition_pdf"),
    path("<str:code>/<int:number>/docx/", views.edition_docx, name="edition_docx"),
    path("manual/builds/", views.builds, name="builds"),
    path("manual/builds/start/", views.start_build, name="build_start"),
    path("manual/builds/<int:pk>/cancel/", views.cancel_build, name="build_cancel"),
    path("manual/builds/<int:pk>/download/", views.build_download, name="build_download"),
    path("manual/latest/", views.latest_manual, name="manual_latest"),
    path("verify/", views.verify, name="verify"),
]
