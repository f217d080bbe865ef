from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from documents.models import (
    Acknowledgement,
    ApprovalRule,
    ChangeRequest,
    Document,
    RecordKept,
    ReviewRecord,
    Revision,
    SignOff,
    Step,
)


class NoDeleteMixin:
    """Editions and their records are never deleted (ISO 7.5.3: obsolete ones stay readable)."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["code", "title", "kind", "department", "current", "next_review_on"]
    list_filter = ["kind", "department", "is_obsolete"]
    search_fields = ["code", "title"]
    autocomplete_fields = ["clauses"]
    filter_horizontal = ["distribution", "distribution_units"]
    raw_id_fields = ["procedure", "position"]


class StepInline(admin.TabularInline):
    model = Step
    extra = 0


class RecordKeptInline(admin.TabularInline):
    model = RecordKept
    extra = 0


class SignOffInline(admin.TabularInline):
    model = SignOff
    extra = 0
    can_delete = False
    readonly_fields = ["step", "user", "name", "position", "role", "signed_at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Revision)
class RevisionAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["document", "number", "state", "effective_date", "updated_at"]
    list_filter = ["state", "document__kind"]
    search_fields = ["document__code", "document__title"]
    raw_id_fields = ["document", "created_by"]
    # State changes go through the lifecycle services, never the admin.
    readonly_fields = ["state", "version"]
    inlines = [StepInline, RecordKeptInline, SignOffInline]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["document", "proposed_by", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["document", "proposed_by", "decided_by", "revision"]


@admin.register(ReviewRecord)
class ReviewRecordAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["document", "reviewed_on", "outcome", "reviewed_by"]
    raw_id_fields = ["document", "revision", "reviewed_by"]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["revision", "user", "acknowledged_at"]
    raw_id_fields = ["revision", "user"]


@admin.register(ApprovalRule)
class ApprovalRuleAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "role"]
