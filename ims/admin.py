from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from ims.models import (
    Clause,
    Department,
    DigestSent,
    ExternalIdentity,
    Organisation,
    Position,
    Profile,
    SchoolYear,
    SentReminder,
    Unit,
)

User = get_user_model()


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "email"]


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin, GuardedModelAdmin):
    list_display = ["code", "name", "head", "is_active"]
    search_fields = ["code", "name"]
    list_filter = ["is_active"]
    raw_id_fields = ["head"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "commune", "is_active"]
    search_fields = ["code", "name", "commune"]
    list_filter = ["kind", "is_active"]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "department", "is_manager"]
    search_fields = ["code", "name"]
    list_filter = ["department"]


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date", "is_current"]


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["standard", "number", "title_vi", "title_en"]
    list_filter = ["standard"]
    search_fields = ["number", "title_vi", "title_en"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = []


admin.site.unregister(User)


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Who signs in through which service. Deleting a row unties the identity: the next
    sign-in through the service is matched again by the rule (README, Single sign-on)."""

    list_display = ["user", "provider", "subject", "created_at", "last_used_at"]
    list_filter = ["provider"]
    search_fields = ["user__username", "user__email", "subject"]
    raw_id_fields = ["user"]
    readonly_fields = ["provider", "subject", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    """The summary e-mails sent (ims.notifications.digest): read to answer "did I get
    it?"; deleting a row lets that period's summary go again at the next run."""

    list_display = ["user", "period_key", "item_count", "sent_at"]
    search_fields = ["user__username", "user__email", "period_key"]
    readonly_fields = ["user", "period_key", "item_count", "sent_at"]

    def has_add_permission(self, request):
        return False


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    """The reminders sent once per occasion (ims.notifications.reminders): read to
    answer "was I reminded?"; deleting a row lets that occasion's reminder go again."""

    list_display = ["source", "key", "recipient", "sent_at"]
    list_filter = ["source"]
    list_select_related = ["recipient"]
    search_fields = ["key", "recipient__username", "recipient__email", "subject"]
    readonly_fields = ["source", "key", "recipient", "subject", "url", "sent_at"]

    def has_add_permission(self, request):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "email", "is_active", "is_staff"]
