from django.urls import path

from audits import views
from audits.corrective import urls as corrective_urls
from audits.review import urls as review_urls

app_name = "audits"

urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("mine/", views.my_audits, name="my_audits"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:programme_pk>/rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:round_pk>/audits/new/", views.audit_create, name="audit_create"),
    path("audit/<int:pk>/", views.audit_detail, name="audit"),
    path("audit/<int:pk>/edit/", views.audit_edit, name="audit_edit"),
    path("audit/<int:pk>/complete/", views.audit_complete, name="audit_complete"),
    path("audit/<int:pk>/plan.pdf", views.audit_plan_pdf, name="audit_plan_pdf"),
    path("audit/<int:pk>/report.pdf", views.audit_report_pdf, name="audit_report_pdf"),
    path("audit/<int:pk>/checklist/", views.checklist, name="checklist"),
    path("audit/<int:pk>/checklist/generate/", views.checklist_generate, name="checklist_generate"),
    path("checklist/<int:pk>/", views.checklist_item_save, name="checklist_item"),
    path("audit/<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
    path("clauses/", views.clause_map, name="clause_map"),
    # Corrective actions and management review keep their URLs and names under "audits:".
    *corrective_urls.urlpatterns,
    *review_urls.urlpatterns,
]
