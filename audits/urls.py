from django.urls import path

from audits import views

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
    path("actions/", views.actions, name="actions"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/answer/", views.action_answer, name="action_answer"),
    path("actions/<int:pk>/done/", views.action_implemented, name="action_implemented"),
    path("actions/<int:pk>/verify/", views.action_verify, name="action_verify"),
    path("complaints/", views.complaints, name="complaints"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("reviews/<int:pk>/decisions/", views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/action/", views.decision_to_action, name="decision_to_action"),
    path("decisions/<int:pk>/done/", views.decision_done, name="decision_done"),
    path("reviews/<int:pk>/record.pdf", views.review_pdf, name="review_pdf"),
    path("clauses/", views.clause_map, name="clause_map"),
]
