"""Helpers shared by the KPI views."""

from __future__ import annotations

from typing import Any

from django import forms

from kyoso.kpi import messages
from kyoso.kpi.validation import KpiError


def refuse(form: forms.Form, error: KpiError) -> None:
    """Put a service's refusal on the field it names (or on the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def invalid(form: forms.Form) -> Any:
    return messages.FORM_HAS_ERRORS


def communities() -> list[Any]:
    from kyoso.communities.selectors import community_list

    return list(community_list())
