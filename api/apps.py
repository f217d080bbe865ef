from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("REST API")

    def ready(self):
        from api import schema  # noqa: F401  (the token's OpenAPI description)
        from api.account import tokens_section
        from ims.registry import register_account_section, register_own_account_url

        # Making and revoking one's own tokens is one's own account, as a password is:
        # the certification body's auditor reads through the API too.
        register_own_account_url("api:token_create")
        register_own_account_url("api:token_revoke")
        register_own_account_url("api:token_created")
        register_account_section(tokens_section)
