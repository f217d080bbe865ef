from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImsConfig(AppConfig):
    name = "ims"
    verbose_name = _("Organisation")

    def ready(self):
        from ims.home import background_work_panel
        from ims.registry import NavItem, register_home_panel, register_nav, register_public_url
        from ims.roles import Role

        register_home_panel(background_work_panel)
        register_public_url("ims:logo")

        register_nav(NavItem(label=_("Home"), url_name="home", order=0))
        register_nav(
            NavItem(
                label=_("Organisation"),
                url_name="ims:departments",
                order=90,
                roles=frozenset({Role.ISO_SECRETARIAT}),
            )
        )
