from django.urls import path

from context import views

app_name = "context"

urlpatterns = [
    path("", views.issues, name="issues"),
    path("grouping/", views.grouping, name="grouping"),
    path("issues/new/", views.issue_create, name="issue_create"),
    path("issues/<int:pk>/", views.issue, name="issue"),
    path("issues/<int:pk>/edit/", views.issue_edit, name="issue_edit"),
    path("issues/<int:pk>/review/", views.issue_review, name="issue_review"),
    path("issues/<int:pk>/close/", views.issue_close, name="issue_close"),
    path("parties/", views.parties, name="parties"),
    path("parties/new/", views.party_create, name="party_create"),
    path("parties/<int:pk>/", views.party, name="party"),
    path("parties/<int:pk>/edit/", views.party_edit, name="party_edit"),
    path("parties/<int:pk>/retire/", views.party_retire, name="party_retire"),
    path("parties/<int:pk>/reinstate/", views.party_reinstate, name="party_reinstate"),
    path("parties/<int:pk>/needs/", views.need_create, name="need_create"),
    path("needs/<int:pk>/", views.need_edit, name="need_edit"),
    path("needs/<int:pk>/retire/", views.need_retire, name="need_retire"),
    path("needs/<int:pk>/reinstate/", views.need_reinstate, name="need_reinstate"),
    path("parties/<int:pk>/links/", views.link_create, name="link_create"),
    path("links/<int:pk>/remove/", views.link_remove, name="link_remove"),
    path("pdf/", views.print_pdf, name="print"),
]
