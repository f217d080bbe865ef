from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from risks.models import ResidualAcceptance, Risk, RiskAction, RiskReview, RiskScale


class ActionInline(admin.TabularInline):
    model = RiskAction
    extra = 0
    raw_id_fields = ("plan_action", "corrective_action", "change_request", "added_by")


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ("number", "department", "kind", "likelihood", "impact", "owner", "review_due")
    list_filter = ("department", "kind", "treatment", "is_closed")
    search_fields = ("number", "description")
    raw_id_fields = ("owner", "created_by")
    inlines = [ActionInline]


@admin.register(RiskScale)
class RiskScaleAdmin(SimpleHistoryAdmin):
    pass


@admin.register(RiskReview)
class RiskReviewAdmin(admin.ModelAdmin):
    list_display = ("risk", "reviewed_on", "reviewed_by")
    raw_id_fields = ("risk", "reviewed_by")


@admin.register(ResidualAcceptance)
class ResidualAcceptanceAdmin(admin.ModelAdmin):
    list_display = ("risk", "signed_by", "signed_at", "auth_method")
    readonly_fields = [f.name for f in ResidualAcceptance._meta.fields]
