"""API plumbing shared by every app: domain errors become 400 and 409 responses with field errors."""

from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from boks.errors import Conflict


def exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            detail = {
                field if field != "__all__" else "non_field_errors": messages
                for field, messages in exc.message_dict.items()
            }
        else:
            detail = {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Conflict):
        return Response({"detail": exc.message, **exc.details}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)
