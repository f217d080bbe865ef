from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImsConfig(AppConfig):
    name = "ims"
    verbose_name = _("Organisation")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_migrate

        import ims.signing.checks  # noqa: F401  (registers the check)
        from ims.clauses import load_clauses
        from ims.home import background_work_panel
        from ims.permissions import check_required_roles
        from ims.registry import NavItem, register_home_panel, register_nav, register_public_url
        from ims.roles import (
            Role,
            apply_role_grants,
            manage_perms,
            register_role_grants,
            view_perms,
        )

        core = ("department", "unit", "position", "schoolyear", "profile", "organisation")
        register_role_grants(
            "ims",
            {
                Role.STAFF: view_perms(*core),
                Role.DEPARTMENT_HEAD: view_perms(*core),
                Role.ISO_SECRETARIAT: manage_perms(*core),
                Role.LEADERSHIP: [*view_perms(*core), "change_organisation"],
                Role.AUDITOR: view_perms(*core),
                Role.EXTERNAL_AUDITOR: view_perms(*core),
                Role.UNIT_CONTACT: view_perms("organisation", "schoolyear", "unit"),
            },
        )
        register_role_grants(
            "auth", {Role.ISO_SECRETARIAT: ["add_user", "change_user", "view_user"]}
        )
        post_migrate.connect(apply_role_grants, dispatch_uid="ims.apply_role_grants")
        post_migrate.connect(load_clauses, dispatch_uid="ims.load_clauses")

        register_home_panel(background_work_panel)
        register_public_url("ims:logo")
        register_public_url("oidc_login")
        register_public_url("oidc_callback")
        check_required_roles(settings.MFA_REQUIRED_ROLES)

        register_nav(NavItem(label=_("Home"), url_name="home", order=0))
        register_nav(
            NavItem(
                label=_("Organisation"),
                url_name="ims:departments",
                order=90,
                roles=frozenset({Role.ISO_SECRETARIAT}),
            )
        )
