"""The API-tokens section of the person's account page."""

from django.utils.translation import gettext_lazy as _

from api.forms import TokenForm
from api.models import ApiToken
from ims.registry import HomePanel


def tokens_section(request) -> HomePanel:
    tokens = ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at")
    return HomePanel(
        title=_("API tokens"),
        template="api/_tokens.html",
        context={"tokens": list(tokens[:50]), "form": TokenForm()},
        order=50,
    )
