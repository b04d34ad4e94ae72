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


@register.filter
def fiscal_year_name(value: Any) -> str:
    """``令和8年度`` for 2026 (``kyoso.core.fiscal.fiscal_year_label``)."""
    from kyoso.core.fiscal import fiscal_year_label

    return fiscal_year_label(int(value))
