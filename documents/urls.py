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
