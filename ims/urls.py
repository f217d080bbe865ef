from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ims import system, views
from ims.language import set_language
from ims.notifications import views as notification_views
from ims.organisation import urls as organisation_urls

handler400 = "ims.errors.bad_request"
handler403 = "ims.errors.permission_denied"
handler404 = "ims.errors.page_not_found"
handler500 = "ims.errors.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("inbox/counts/", views.inbox_counts, name="inbox_counts"),
    path("system/", system.system, name="system"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("login/code/", views.signin_code, name="login_code"),
    path("", include("ims.sso.urls")),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", views.LimitedPasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/security/", views.security, name="security"),
    path("account/notifications/", notification_views.notifications_save, name="notifications"),
    path("account/security/setup/", views.security_setup, name="security_setup"),
    path("account/security/disable/", views.security_disable, name="security_disable"),
    path("account/security/new-codes/", views.security_new_codes, name="security_new_codes"),
    path("account/security/codes/", views.security_codes, name="security_codes"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("org/", include(organisation_urls)),
    # Each working app under its own name: /documents/, /audits/, /risks/…
    *(path(f"{app}/", include(f"{app}.urls")) for app in settings.WORKING_APPS),
    path("", include("api.urls")),
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
