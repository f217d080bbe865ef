"""Administration of surveys: for looking things up; the secretariat works in the app.

Answers are not listed here: an anonymous answer is nobody's business, one by one.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from surveys import answering
from surveys.models import Campaign, CampaignResult, Question, Section, Survey, Token


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Survey)
class SurveyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "version", "group", "instrument", "created_at"]
    list_filter = ["group", "instrument"]
    search_fields = ["title"]
    inlines = [SectionInline]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "survey", "kind", "dimension", "required"]
    list_filter = ["kind", "dimension"]
    search_fields = ["text", "key"]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "survey", "opens_on", "closes_on", "anonymous", "closed_at"]
    list_filter = ["anonymous"]
    search_fields = ["title"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The answer page reads a compiled copy of the campaign from the cache.
        answering.forget_campaign(obj, form.initial.get("public_key"))


@admin.register(Token)
class TokenAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "email", "used_at", "reminded_at"]
    search_fields = ["name", "email", "key"]
    readonly_fields = ["key", "used_at"]


@admin.register(CampaignResult)
class CampaignResultAdmin(admin.ModelAdmin):
    list_display = ["campaign", "responses", "computed_at", "took_ms"]
    readonly_fields = ["campaign", "figures", "responses", "computed_at", "took_ms"]
