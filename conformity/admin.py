from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from conformity.models import Announcement, YearlyReport


@admin.register(Announcement)
class AnnouncementAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "occasion", "signed_on", "sent_on", "posted_on"]
    list_filter = ["status", "occasion"]
    readonly_fields = ["scope", "issued_at", "issued_by"]


@admin.register(YearlyReport)
class YearlyReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "period_start", "period_end", "status"]
    list_filter = ["status"]
    readonly_fields = ["sections", "compiled_at", "frozen_at"]
