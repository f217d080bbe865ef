from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from competence.models import (
    ExperienceNote,
    Qualification,
    Requirement,
    Training,
    TrainingRecord,
    TrainingTopic,
)


@admin.register(TrainingTopic)
class TrainingTopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "validity_months"]
    search_fields = ["name"]


@admin.register(Requirement)
class RequirementAdmin(SimpleHistoryAdmin):
    list_display = ["position", "kind", "text"]
    list_filter = ["kind"]
    list_select_related = ["position"]


@admin.register(Qualification)
class QualificationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "degree", "field", "year"]
    list_select_related = ["person"]


@admin.register(ExperienceNote)
class ExperienceNoteAdmin(SimpleHistoryAdmin):
    list_display = ["person", "text", "years"]
    list_select_related = ["person"]


@admin.register(Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "evaluation_due_on", "effective"]
    list_filter = ["school_year"]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "date", "attended", "expires_on"]
    list_select_related = ["person"]
