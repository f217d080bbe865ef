from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import views

app_name = "api"

# Each endpoint signs its caller in itself (a token or the session) and answers an
# anonymous one 401: DRF marks its views ``login_not_required``, which
# ims.middleware.LoginRequiredMiddleware honours.
urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file (?script): no inline script,
    # which the Content-Security-Policy forbids.
    # The documentation page is a page: an anonymous visitor is sent to sign in.
    path(
        "api/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("api/documents/", views.RegisterView.as_view(), name="register"),
    path("api/documents/<str:code>/", views.DocumentView.as_view(), name="document"),
    path(
        "api/documents/<str:code>/editions/<int:number>/",
        views.EditionView.as_view(),
        name="edition",
    ),
    path(
        "api/documents/<str:code>/editions/<int:number>/acknowledgement/",
        views.AcknowledgementView.as_view(),
        name="acknowledgement",
    ),
    path(
        "api/documents/<str:code>/change-requests/",
        views.ChangeRequestsView.as_view(),
        name="change_requests",
    ),
    path("api/objectives/", views.ObjectivesView.as_view(), name="objectives"),
    path("api/objectives/<int:pk>/", views.ObjectiveView.as_view(), name="objective"),
    path("api/indicators/<int:pk>/", views.IndicatorView.as_view(), name="indicator"),
    path(
        "api/indicators/<int:pk>/measurements/",
        views.MeasurementsView.as_view(),
        name="measurements",
    ),
    path("api/audits/", views.AuditsView.as_view(), name="audits"),
    path("api/audits/<int:pk>/", views.AuditView.as_view(), name="audit"),
    path("api/actions/", views.CorrectiveActionsView.as_view(), name="actions"),
    path("api/actions/<int:pk>/", views.CorrectiveActionView.as_view(), name="action"),
    path("api/campaigns/", views.CampaignsView.as_view(), name="campaigns"),
    path(
        "api/campaigns/<int:pk>/results/",
        views.CampaignResultsView.as_view(),
        name="campaign_results",
    ),
    path("account/api-tokens/", views.token_create, name="token_create"),
    path("account/api-tokens/new/", views.token_created, name="token_created"),
    path("account/api-tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
