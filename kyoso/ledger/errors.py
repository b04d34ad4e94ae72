"""The one exception the ledger's services raise for bad input or a refused posting."""

from __future__ import annotations

from typing import Any


class LedgerError(Exception):
    """``message`` is a user-facing text (a constant of :mod:`kyoso.ledger.messages`, already
    formatted); ``code`` a stable machine-readable name callers branch on."""

    def __init__(self, message: Any, code: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)
