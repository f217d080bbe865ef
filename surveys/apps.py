from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Satisfaction surveys")

    def ready(self):
        from ims.registry import (
            IndicatorSource,
            NavItem,
            ReviewInput,
            register_home_panel,
            register_indicator_source,
            register_nav,
            register_public_url,
            register_review_input,
        )
        from ims.roles import Role, manage_perms, register_role_grants, view_perms
        from surveys import integrations

        models = ("survey", "section", "question", "campaign", "token")
        readers = view_perms("survey", "section", "question", "campaign", "campaignresult")
        register_role_grants(
            "surveys",
            {
                Role.ISO_SECRETARIAT: [*manage_perms(*models), "view_campaignresult"],
                Role.LEADERSHIP: readers,
                Role.AUDITOR: readers,
                Role.EXTERNAL_AUDITOR: readers,
                Role.DEPARTMENT_HEAD: readers,
            },
        )
        for name in ("answer_public", "answer_token", "thanks"):
            register_public_url(f"surveys:{name}")
        register_nav(
            NavItem(
                label=_("Surveys"),
                url_name="surveys:index",
                order=50,
                roles=frozenset(
                    {
                        Role.ISO_SECRETARIAT,
                        Role.LEADERSHIP,
                        Role.AUDITOR,
                        Role.EXTERNAL_AUDITOR,
                        Role.DEPARTMENT_HEAD,
                    }
                ),
            )
        )
        register_home_panel(integrations.open_campaigns_panel)
        register_home_panel(integrations.unit_surveys_panel)
        register_indicator_source(
            IndicatorSource(
                key="surveys.satisfaction",
                label=_("Survey satisfaction index (share of answers satisfied or very satisfied)"),
                unit="%",
                compute=integrations.satisfaction_index,
                parameter_choices=integrations.campaign_choices,
            )
        )
        register_review_input(
            ReviewInput(
                key="surveys",
                label=_("Satisfaction of learners, other beneficiaries and staff"),
                clause="9.3.2 c) 1)",
                collect=integrations.review_input,
                order=30,
            )
        )
