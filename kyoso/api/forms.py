"""Validate API input with the same Django forms the web pages use.

The pydantic schemas of the operations describe the shape of the input (and the OpenAPI
document); the content rules — normalization, lengths, kana readings, municipality codes —
live once, in the app's form, so that the API accepts exactly what the web form accepts.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from kyoso.api import messages
from kyoso.api.errors import ApiError


def form_data(values: dict[str, Any]) -> dict[str, str]:
    """JSON values as a form would receive them: ``None`` is an empty field."""
    return {key: "" if value is None else str(value) for key, value in values.items()}


def form_error_details(
    form: forms.Form, field_names: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Form errors as ``details``; ``field_names`` maps form fields to API field names."""
    names = field_names or {}
    details: list[dict[str, Any]] = []
    for field, errors in form.errors.as_data().items():
        for error in errors:
            details.extend(
                {
                    "field": "" if field == NON_FIELD_ERRORS else names.get(field, field),
                    "location": "body",
                    "code": error.code or "invalid",
                    "message": str(message),
                }
                for message in error.messages
            )
    return details


def cleaned_data_or_422(
    form: forms.Form, field_names: dict[str, str] | None = None
) -> dict[str, Any]:
    if not form.is_valid():
        raise ApiError(
            422,
            "validation_error",
            messages.VALIDATION_FAILED,
            details=form_error_details(form, field_names),
        )
    return form.cleaned_data
