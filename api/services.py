"""Writes of the api app: a person's tokens."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, hash_key, new_key

# last_used_at is written at most this often per token: not one write per call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def create_token(*, actor, name: str) -> tuple[ApiToken, str]:
    """A new token of ``actor``'s; returns it and its key, which is never shown again."""
    key = new_key()
    token = ApiToken.objects.create(
        user=actor, name=name.strip(), prefix=key[:10], key_hash=hash_key(key)
    )
    return token, key


@transaction.atomic
def revoke_token(*, actor, token: ApiToken) -> ApiToken:
    """Revoke one of ``actor``'s own tokens; calls with it are refused from now on."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The active token with ``key`` and its person, or None."""
    token = (
        ApiToken.objects.active()
        .select_related("user", "user__profile")
        .filter(key_hash=hash_key(key))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
