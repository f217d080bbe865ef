from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audits.models import (
    Audit,
    AuditProgramme,
    AuditRound,
    ChecklistItem,
    Complaint,
    CorrectiveAction,
    Finding,
    ManagementReview,
    ReviewDecision,
)


@admin.register(AuditProgramme)
class AuditProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["school_year"]


@admin.register(AuditRound)
class AuditRoundAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "kind", "start_date", "end_date"]


@admin.register(Audit)
class AuditAdmin(SimpleHistoryAdmin):
    list_display = ["round", "department", "process", "date", "lead_auditor", "status"]
    list_filter = ["status", "round__kind"]
    filter_horizontal = ["clauses", "team"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SimpleHistoryAdmin):
    list_display = ["audit", "clause", "result"]


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ["audit", "grade", "clause", "department"]
    list_filter = ["grade"]


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ["received_on", "kind", "party", "subject", "status"]


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "source", "department", "due_date", "state"]
    list_filter = ["state", "source"]
    # The state moves only through the services (verification closes).
    readonly_fields = ["state", "verified_on", "verified_by", "closed_on", "times_reopened"]


@admin.register(ManagementReview)
class ManagementReviewAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting_date"]
    readonly_fields = ["inputs", "prepared_at"]


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["review", "kind", "status"]
