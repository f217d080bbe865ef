"""URL patterns of printed output, placed first in ``documents.urls``."""

from django.urls import path

from documents import views_pdf

urlpatterns = [
    path("<str:code>/<int:number>/pdf/", views_pdf.edition_pdf, name="edition_pdf"),
    path("<str:code>/<int:number>/docx/", views_pdf.edition_docx, name="edition_docx"),
    path("manual/builds/", views_pdf.builds, name="builds"),
    path("manual/builds/start/", views_pdf.start_build, name="build_start"),
    path("manual/builds/<int:pk>/cancel/", views_pdf.cancel_build, name="build_cancel"),
    path("manual/builds/<int:pk>/download/", views_pdf.build_download, name="build_download"),
    path("manual/latest/", views_pdf.latest_manual, name="manual_latest"),
    path("verify/", views_pdf.verify, name="verify"),
]
