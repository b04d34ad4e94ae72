"""What every write of the screening app shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from kyoso.core.policy import check
from kyoso.screening import messages


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion as the poster sets it (the scale is always 1–5)."""

    name: str
    weight: int
    description: str = ""


class ScreeningError(Exception):
    """A refusal with a message the person can act on (shown as is); ``code`` names it for
    the API's error format; ``fields`` maps a field (e.g. a criterion id) to its message so a
    form shows each next to its input."""

    def __init__(
        self, message: Any, code: str = "refused", fields: dict[Any, Any] | None = None
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.fields = fields or {}


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def too_long(limit: int, text: str) -> str:
    return str(messages.TEXT_TOO_LONG % {"limit_value": limit, "show_value": len(text)})
