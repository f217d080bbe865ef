"""Home-page panel: what of audits and corrective actions needs the person now."""

from django.utils.translation import gettext_lazy as _

from audits.services import home_items
from ims.registry import HomePanel


def audits_panel(request):
    items = home_items(request.user)
    if not (items["audits"] or items["actions"] or items["checks"]):
        return None
    return HomePanel(
        title=_("Audits and corrective actions"),
        template="audits/_home_panel.html",
        context=items,
        order=20,
    )
