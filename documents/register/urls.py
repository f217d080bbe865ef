"""URL patterns of the register and its imports, placed before the document pages
in ``documents.urls``."""

from django.urls import path

from documents.register import views

urlpatterns = [
    path("", views.register_page, name="register"),
    path("export/<str:fmt>/", views.register_export, name="register_export"),
    path("import/", views.import_master_list, name="import_master_list"),
    path("import/word/", views.import_body_pick, name="import_body_pick"),
    path("import/set/", views.import_word_set, name="import_word_set"),
    path("<str:code>/import/", views.import_body, name="import_body"),
]
