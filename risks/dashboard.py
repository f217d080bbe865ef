"""The heat map panel of the leadership dashboard (``ims.registry.register_dashboard_panel``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ims.permissions import has_role
from ims.registry import HomePanel
from risks import register
from risks.models import RiskScale
from risks.permissions import READ_ALL_ROLES, visible_risks


def heat_map_panel(request) -> HomePanel | None:
    """Leadership, the secretariat and the auditors see the heat maps of open rows."""
    if not has_role(request.user, *READ_ALL_ROLES):
        return None
    scale = RiskScale.current()
    url = reverse("risks:register")
    rows = visible_risks(request.user).filter(is_closed=False)
    return HomePanel(
        title=_("Risks and opportunities: heat map"),
        template="risks/_dashboard_panel.html",
        context={
            "maps": register.heat_maps(rows, scale, None, url),
            "legend": register.legend(scale),
            "url": url,
        },
        order=50,
    )
