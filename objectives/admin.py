from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from objectives.models import Evidence, Indicator, LateReminder, Measurement, Objective, PlanAction


class PlanActionInline(admin.TabularInline):
    model = PlanAction
    extra = 0


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["code", "school_year", "level", "department", "owner"]
    list_filter = ["school_year", "level", "department"]
    search_fields = ["code", "statement"]
    raw_id_fields = ["parent", "owner"]
    filter_horizontal = ["clauses"]
    inlines = [IndicatorInline, PlanActionInline]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period_start", "period_end", "value", "entered_by"]
    list_filter = ["indicator__objective__school_year"]
    raw_id_fields = ["indicator", "entered_by"]
    inlines = [EvidenceInline]


@admin.register(LateReminder)
class LateReminderAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period_start", "recipient", "sent_at"]
