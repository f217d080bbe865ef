from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from records.models import DisposalProposal, DisposalSignOff, RecordEntry, RecordSeries


@admin.register(RecordSeries)
class RecordSeriesAdmin(SimpleHistoryAdmin):
    list_display = ("name", "document", "department", "medium", "retention", "dropped_in_edition")
    list_filter = ("department", "medium", "retention")
    search_fields = ("name", "document__code")
    raw_id_fields = ("document", "form")


@admin.register(RecordEntry)
class RecordEntryAdmin(SimpleHistoryAdmin):
    list_display = ("series", "period", "period_end", "retain_until", "disposal_done_at")
    raw_id_fields = ("series", "proposal", "logged_by")


class SignOffInline(admin.TabularInline):
    model = DisposalSignOff
    extra = 0
    readonly_fields = ("role", "user", "signed_at", "comment")
    can_delete = False


@admin.register(DisposalProposal)
class DisposalProposalAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "department", "status", "proposed_at", "disposed_at")
    list_filter = ("status",)
    inlines = [SignOffInline]
