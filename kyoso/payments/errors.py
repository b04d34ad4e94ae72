"""The one exception the payments services raise for bad input or a refused change."""

from __future__ import annotations

from typing import Any


class PaymentError(Exception):
    """``message``: a user-facing text (a constant of :mod:`kyoso.payments.messages`, already
    formatted); ``code``: a stable name callers branch on."""

    def __init__(self, message: Any, code: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)
