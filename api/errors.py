"""Every API error is JSON ``{"detail": …}`` (or field → messages for invalid input),
in the caller's language; never an HTML page, never a 500 for what a caller sent."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler


def handle(exc, context):
    if isinstance(exc, DjangoValidationError):
        # A service refused the input (keyed by field, or a message for the whole).
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        # Django's message names the model in English ("No Document matches…").
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    return exception_handler(exc, context)
