"""Template filters of the fund app."""

from __future__ import annotations

from typing import Any

from django import template

from kyoso.core.money import format_yen_ja

register = template.Library()


@register.filter
def yen(value: Any) -> str:
    """``1,234円`` for an integer amount ("" for None)."""
    if value is None or value == "":
        return ""
    return format_yen_ja(int(value))
