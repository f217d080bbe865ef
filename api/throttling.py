from django.conf import settings
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle

from ims.middleware import client_ip


class ReadWriteThrottle(SimpleRateThrottle):
    """Calls per person (per address when not signed in), counted apart for reads
    (``api_read``) and writes (``api_write``); the rates come from settings."""

    def allow_request(self, request, view):
        self.scope = "api_read" if request.method in SAFE_METHODS else "api_write"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def __init__(self):  # the rate depends on the request: read in allow_request
        pass

    def get_rate(self):
        # Read from settings at each call (DRF reads its rates once, at import).
        return settings.API_WRITE_RATE if self.scope == "api_write" else settings.API_READ_RATE

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            ident = request.user.pk
        else:  # the client's address as the sign-in limits see it (behind a proxy too)
            ident = client_ip(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
