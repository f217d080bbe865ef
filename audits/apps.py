from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Audits and corrective actions")

    def ready(self):
        from audits import services, tasks  # noqa: F401  (tasks: registered for run_schedule)
        from audits.home import audits_panel
        from ims.registry import (
            IndicatorSource,
            NavItem,
            ReviewInput,
            register_home_panel,
            register_indicator_source,
            register_nav,
            register_review_input,
        )
        from ims.roles import Role, manage_perms, register_role_grants, view_perms

        models = (
            "auditprogramme",
            "auditround",
            "audit",
            "checklistitem",
            "finding",
            "complaint",
            "correctiveaction",
            "correctiveactionevent",
            "managementreview",
            "reviewdecision",
        )
        register_role_grants(
            "audits",
            {
                Role.ISO_SECRETARIAT: manage_perms(*models),
                Role.LEADERSHIP: view_perms(*models),
                Role.AUDITOR: view_perms(*models),
                Role.EXTERNAL_AUDITOR: view_perms(*models),
                Role.DEPARTMENT_HEAD: view_perms("correctiveaction", "finding"),
                Role.STAFF: view_perms("correctiveaction"),
            },
        )
        register_nav(
            NavItem(
                label=_("Audits"),
                url_name="audits:programmes",
                order=40,
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
        register_nav(NavItem(label=_("Corrective actions"), url_name="audits:actions", order=41))
        register_home_panel(audits_panel)
        register_indicator_source(
            IndicatorSource(
                key="audits.actions_closed_on_time",
                label=_("Corrective actions closed on time"),
                unit="%",
                compute=services.actions_closed_on_time,
            )
        )
        for review_input in (
            ReviewInput(
                key="audits.audit_results",
                label=_("Results of audits"),
                clause="9.3.2 c) 6)",
                collect=services.audit_results_input,
                order=30,
            ),
            ReviewInput(
                key="audits.corrective_actions",
                label=_("Nonconformities and corrective actions"),
                clause="9.3.2 c) 4)",
                collect=services.corrective_action_status_input,
                order=31,
            ),
            ReviewInput(
                key="audits.complaints",
                label=_("Complaints and appeals of learners and other beneficiaries"),
                clause="9.3.2 c) 1)",
                collect=services.complaints_input,
                order=32,
            ),
            ReviewInput(
                key="audits.previous_review",
                label=_("Status of actions from previous management reviews"),
                clause="9.3.2 a)",
                collect=services.previous_review_actions_input,
                order=1,
            ),
        ):
            register_review_input(review_input)
