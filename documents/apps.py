from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Document control")

    def ready(self):
        from documents import signals  # noqa: F401  (keeps object permissions in step)
        from ims.roles import Role, manage_perms, register_role_grants, view_perms

        readable = view_perms(
            "document", "revision", "step", "recordkept", "signoff",
            "acknowledgement", "changerequest", "reviewrecord",
        )  # fmt: skip
        # Model permissions say what a role may do at all; which document a
        # person may edit, review or approve is a guardian object permission.
        register_role_grants(
            "documents",
            {
                Role.STAFF: readable
                + ["add_revision", "change_revision", "add_acknowledgement", "add_changerequest"],
                Role.DEPARTMENT_HEAD: readable
                + [
                    "add_revision",
                    "change_revision",
                    "add_acknowledgement",
                    "add_changerequest",
                    "change_changerequest",
                    "add_reviewrecord",
                ],
                Role.ISO_SECRETARIAT: readable
                + manage_perms(
                    "document", "revision", "changerequest", "reviewrecord", "approvalrule"
                )
                + ["add_acknowledgement"],
                Role.LEADERSHIP: readable
                + ["add_acknowledgement", "add_changerequest", "change_revision"],
                Role.AUDITOR: readable,
                Role.UNIT_CONTACT: view_perms("document", "revision") + ["add_acknowledgement"],
            },
        )
