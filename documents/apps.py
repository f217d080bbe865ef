from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Document control")

    def ready(self):
        from documents import (
            signals,  # noqa: F401  (keeps object permissions in step)
            tasks,  # noqa: F401  (run_schedule finds them without a worker)
        )
        from documents.home import documents_panel
        from ims.registry import register_home_panel

        register_home_panel(documents_panel)
        from ims.registry import NavItem, register_nav
        from ims.roles import Role

        register_nav(
            NavItem(
                label=_("New document"),
                url_name="documents:create",
                order=21,
                roles=frozenset({Role.ISO_SECRETARIAT}),
            )
        )
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
                Role.EXTERNAL_AUDITOR: readable,
                Role.UNIT_CONTACT: view_perms("document", "revision") + ["add_acknowledgement"],
            },
        )

        # The register, its imports and what documents bring to objectives and reviews.
        from documents.indicators import DOCUMENT_CHANGES, REVIEWED_ON_TIME
        from ims.registry import (
            NavItem,
            register_indicator_source,
            register_nav,
            register_review_input,
        )

        register_nav(NavItem(label=_("Documents"), url_name="documents:register", order=20))
        # Checking a PDF's signature uploads it but writes nothing: the external
        # auditor, who writes nothing, verifies documents too.
        from ims.registry import register_reading_post

        register_reading_post("documents:verify")
        register_indicator_source(REVIEWED_ON_TIME)
        register_review_input(DOCUMENT_CHANGES)
        from django.db.models.signals import post_migrate

        from documents.search import ensure_full_text_index

        post_migrate.connect(ensure_full_text_index, dispatch_uid="documents_search_index")

        from documents.urls_pdf import register_navigation  # printed output (issue 5)

        register_navigation()
