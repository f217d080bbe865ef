"""URLs of document control.

Fixed words ("manual/", "export/", "import/", "new/") come before the patterns
that take a document code, so that none of them is ever read as a code.
"""

from django.urls import path

from documents import views
from documents.printing.urls import urlpatterns as printed_output
from documents.register.urls import urlpatterns as register

app_name = "documents"

documents = [
    path("new/", views.create_document, name="create"),
    path("<str:code>/", views.document_detail, name="detail"),
    path("<str:code>/settings/", views.document_settings, name="settings"),
    path("<str:code>/new-draft/", views.new_draft, name="new_draft"),
    path("<str:code>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:code>/compare/", views.compare, name="compare"),
    path("<str:code>/change-requests/", views.propose_change, name="propose_change"),
    path("<str:code>/change-requests/<int:pk>/decide/", views.decide_change, name="decide_change"),
    path("<str:code>/periodic-review/", views.periodic_review, name="periodic_review"),
    path("<str:code>/<int:number>/", views.revision_detail, name="revision"),
    path("<str:code>/<int:number>/edit/", views.edit, name="edit"),
    path("<str:code>/<int:number>/preview/", views.preview, name="preview"),
    path("<str:code>/<int:number>/history/", views.history, name="history"),
    path("<str:code>/<int:number>/images/", views.upload_image, name="image_upload"),
    path("<str:code>/<int:number>/images/<int:image>/", views.edition_image, name="image"),
    path("<str:code>/<int:number>/acknowledge/", views.acknowledge, name="acknowledge"),
    path(
        "<str:code>/<int:number>/not-acknowledged.csv",
        views.not_acknowledged_csv,
        name="not_acknowledged_csv",
    ),
    path("<str:code>/<int:number>/<str:action>/", views.transition, name="transition"),
]

# Printed output first: "manual/..." is no code, and "pdf" no lifecycle action.
urlpatterns = printed_output + register + documents
