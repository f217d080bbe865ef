from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
    path("", views.register, name="register"),
    path("sync/", views.sync, name="sync"),
    path("series/<int:pk>/", views.series, name="series"),
    path("series/<int:pk>/edit/", views.series_edit, name="series_edit"),
    path("series/<int:pk>/log/", views.log, name="log"),
    path("entries/<int:pk>/file/", views.entry_file, name="entry_file"),
    path("disposals/", views.proposals, name="proposals"),
    path("disposals/new/", views.proposal_create, name="proposal_create"),
    path("disposals/<int:pk>/", views.proposal, name="proposal"),
    path("disposals/<int:pk>/approve/", views.proposal_approve, name="proposal_approve"),
    path("disposals/<int:pk>/withdraw/", views.proposal_withdraw, name="proposal_withdraw"),
    path("disposals/<int:pk>/pdf/", views.proposal_pdf, name="proposal_pdf"),
]
