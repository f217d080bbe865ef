from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from context.models import ContextSettings, Issue, IssueReview, Need, NeedLink, Party


@admin.register(Issue)
class IssueAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "origin", "effect", "pestle", "next_review_on", "closed_on"]
    list_filter = ["origin", "effect", "pestle"]
    search_fields = ["code", "title"]
    readonly_fields = ["code", "version"]


@admin.register(Party)
class PartyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "order"]
    list_filter = ["kind"]


admin.site.register(ContextSettings, SimpleHistoryAdmin)
admin.site.register(Need, SimpleHistoryAdmin)
admin.site.register(NeedLink, SimpleHistoryAdmin)
admin.site.register(IssueReview)
