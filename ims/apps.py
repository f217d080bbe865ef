from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImsConfig(AppConfig):
    name = "ims"
    verbose_name = _("Organisation")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_migrate

        import ims.language  # noqa: F401  (the sign-in receiver)
        import ims.signing.checks  # noqa: F401  (registers the check)
        from ims.clauses import load_clauses
        from ims.permissions import check_required_roles
        from ims.registry import load_hooks
        from ims.roles import apply_role_grants

        post_migrate.connect(apply_role_grants, dispatch_uid="ims.apply_role_grants")
        post_migrate.connect(load_clauses, dispatch_uid="ims.load_clauses")
        check_required_roles(settings.MFA_REQUIRED_ROLES)
        # Every app's hooks.py (this one's too): navigation, panels, grants, beat, demo.
        load_hooks()
