"""URLs of management review, included by ``audits/urls.py`` under the ``audits``
namespace (``audits:reviews``, ``audits:decision_done``…)."""

from django.urls import path

from audits.review import views

urlpatterns = [
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("reviews/<int:pk>/decisions/", views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/action/", views.decision_to_action, name="decision_to_action"),
    path("decisions/<int:pk>/done/", views.decision_done, name="decision_done"),
    path("reviews/<int:pk>/record.pdf", views.review_pdf, name="review_pdf"),
]
