from django.urls import path

from risks import views

app_name = "risks"

urlpatterns = [
    path("", views.risk_register, name="register"),
    path("new/", views.risk_create, name="create"),
    path("scale/", views.scale_edit, name="scale"),
    path("<int:pk>/", views.risk_detail, name="risk"),
    path("<int:pk>/edit/", views.risk_edit, name="edit"),
    path("<int:pk>/review/", views.risk_review, name="review"),
    path("<int:pk>/link/", views.risk_link, name="link"),
    path("<int:pk>/link/<int:link_pk>/remove/", views.risk_unlink, name="unlink"),
    path("<int:pk>/accept/", views.risk_accept, name="accept"),
]
