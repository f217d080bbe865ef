from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    # Answering: public, no login (registered in SurveysConfig.ready).
    path("p/<str:key>/", views.answer_public, name="answer_public"),
    path("a/<str:key>/", views.answer_token, name="answer_token"),
    path("thanks/", views.thanks, name="thanks"),
    # Questionnaires and campaigns.
    path("", views.index, name="index"),
    path("overview/", views.overview, name="overview"),
    path("new/", views.survey_create, name="survey_create"),
    path("<int:pk>/", views.survey_detail, name="survey"),
    path("<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/sections/add/", views.section_add, name="section_add"),
    path("<int:pk>/questions/add/", views.question_edit, name="question_add"),
    path("<int:pk>/questions/<int:question_pk>/", views.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/copy/", views.survey_copy, name="survey_copy"),
    path("campaigns/new/", views.campaign_edit, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/links/<str:kind>/", views.campaign_tokens, name="campaign_tokens"),
    path("campaigns/<int:pk>/poster.pdf", views.campaign_poster, name="campaign_poster"),
    path("campaigns/<int:pk>/links.csv", views.campaign_links_export, name="campaign_links"),
    path("campaigns/<int:pk>/remind/", views.campaign_remind, name="campaign_remind"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/results/", views.results, name="results"),
    path("campaigns/<int:pk>/results.<str:fmt>", views.results_export, name="results_export"),
    path("campaigns/<int:pk>/texts/<int:question_pk>/", views.results_texts, name="results_texts"),
]
