from django.urls import path

from surveys.views import campaigns, public, questionnaires, results

app_name = "surveys"

urlpatterns = [
    # Answering: public, no login (registered in SurveysConfig.ready).
    path("p/<str:key>/", public.answer_public, name="answer_public"),
    path("a/<str:key>/", public.answer_token, name="answer_token"),
    path("thanks/", public.thanks, name="thanks"),
    # Questionnaires and campaigns.
    path("", questionnaires.index, name="index"),
    path("overview/", results.overview, name="overview"),
    path("new/", questionnaires.survey_create, name="survey_create"),
    path("<int:pk>/", questionnaires.survey_detail, name="survey"),
    path("<int:pk>/edit/", questionnaires.survey_edit, name="survey_edit"),
    path("<int:pk>/sections/add/", questionnaires.section_add, name="section_add"),
    path("<int:pk>/questions/add/", questionnaires.question_edit, name="question_add"),
    path(
        "<int:pk>/questions/<int:question_pk>/", questionnaires.question_edit, name="question_edit"
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        questionnaires.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/copy/", questionnaires.survey_copy, name="survey_copy"),
    path("campaigns/new/", campaigns.campaign_edit, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/links/<str:kind>/", campaigns.campaign_tokens, name="campaign_tokens"),
    path("campaigns/<int:pk>/poster.pdf", campaigns.campaign_poster, name="campaign_poster"),
    path("campaigns/<int:pk>/links.csv", campaigns.campaign_links_export, name="campaign_links"),
    path("campaigns/<int:pk>/remind/", campaigns.campaign_remind, name="campaign_remind"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/results/", results.results, name="results"),
    path("campaigns/<int:pk>/results.<str:fmt>", results.results_export, name="results_export"),
    path(
        "campaigns/<int:pk>/texts/<int:question_pk>/", results.results_texts, name="results_texts"
    ),
]
