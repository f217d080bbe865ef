from django.urls import path

from ims.sso import oidc

urlpatterns = [
    path("login/oidc/", oidc.SignInStart.as_view(), name="oidc_login"),
    path("login/oidc/callback/", oidc.SignInCallback.as_view(), name="oidc_callback"),
]
