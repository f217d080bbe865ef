app_name = "documents"

urlpatterns: list = []

# The register, its exports and the imports (documents.views_register). Placed
# first so that "import/" and "export/" are never read as a document code.
from django.urls import path  # noqa: E402

from documents import views_register  # noqa: E402

register_urlpatterns = [
    path("", views_register.register_page, name="register"),
    path("export/<str:fmt>/", views_register.register_export, name="register_export"),
    path("import/", views_register.import_master_list, name="import_master_list"),
    path("<str:code>/import/", views_register.import_body, name="import_body"),
]
urlpatterns = register_urlpatterns + urlpatterns

# Document pages, the editor and the lifecycle (documents.views).
from documents import views  # noqa: E402

urlpatterns += [
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
    path("<str:code>/<int:number>/acknowledge/", views.acknowledge, name="acknowledge"),
    path(
        "<str:code>/<int:number>/not-acknowledged.csv",
        views.not_acknowledged_csv,
        name="not_acknowledged_csv",
    ),
    path("<str:code>/<int:number>/<str:action>/", views.transition, name="transition"),
]
