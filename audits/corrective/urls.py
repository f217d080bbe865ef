"""URLs of corrective actions and complaints, included by ``audits/urls.py`` under the
``audits`` namespace (``audits:actions``, ``audits:complaint``…)."""

from django.urls import path

from audits.corrective import views

urlpatterns = [
    path("actions/", views.actions, name="actions"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/answer/", views.action_answer, name="action_answer"),
    path("actions/<int:pk>/done/", views.action_implemented, name="action_implemented"),
    path("actions/<int:pk>/verify/", views.action_verify, name="action_verify"),
    path("complaints/", views.complaints, name="complaints"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint"),
]
