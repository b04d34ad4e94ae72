"""What a payment pays for: other apps register a *purpose* (``"funding.donation"``,
``"campaigns.pledge"``) with a handler, in their ``AppConfig.ready()``::

    from kyoso.payments.purposes import PurposeInfo, register_purpose

    class DonationPurpose:
        def account_key(self, purpose_id: int) -> str:  # opened by the funding app
            return f"fund:{fund_of(purpose_id)}:available"
        def on_captured(self, payment) -> None: ...
        def on_refunded(self, payment, amount: int) -> None: ...
        def on_cancelled(self, payment) -> None: ...
        def describe(self, purpose_ids) -> dict[int, PurposeInfo]: ...

    register_purpose("funding.donation", DonationPurpose())

The handler's ``account_key`` names the ledger account (opened by the purpose's app) that is
credited on capture and debited on refund. ``on_captured``/``on_refunded``/``on_cancelled`` are
called inside the same database transaction as the payment's change (so an exception there
rolls the payment back too); they must not call payments' services themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kyoso.payments.models import Payment

PURPOSE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class PurposeInfo:
    """How a payment's purpose reads on receipts, statements and the staff pages."""

    #: e.g. "〇〇基金への寄附", "△△プロジェクトへの支援（リターン：A）"
    title: str
    #: A URL path to the purpose's page ("" when there is none).
    link: str = ""
    #: The fund's or campaign's name.
    owner_name: str = ""
    #: The payer's own page of what they paid for (their pledge, their donation), where the
    #: card confirmation page links back to ("" when there is none).
    payer_link: str = ""


class PurposeHandler(Protocol):
    def account_key(self, purpose_id: int) -> str: ...

    def on_captured(self, payment: Payment) -> None: ...

    def on_refunded(self, payment: Payment, amount: int) -> None: ...

    def on_cancelled(self, payment: Payment) -> None: ...

    def describe(self, purpose_ids: Iterable[int]) -> dict[int, PurposeInfo]: ...


_handlers: dict[str, PurposeHandler] = {}


def register_purpose(purpose: str, handler: PurposeHandler) -> None:
    """Register ``handler`` for ``purpose`` (``"<app>.<thing>"``). Registering the same purpose
    again replaces the handler (Django may call ``ready()`` twice in tests)."""
    if not PURPOSE_PATTERN.match(purpose) or len(purpose) > 40:
        raise ValueError(f"Purpose {purpose!r} must look like 'app.thing' (≤ 40 characters).")
    for method in ("account_key", "on_captured", "on_refunded", "on_cancelled", "describe"):
        if not callable(getattr(handler, method, None)):
            raise TypeError(f"The handler of {purpose!r} has no {method}().")
    _handlers[purpose] = handler


def unregister_purpose(purpose: str) -> None:
    """For tests."""
    _handlers.pop(purpose, None)


def handler_for(purpose: str) -> PurposeHandler | None:
    return _handlers.get(purpose)


def registered_purposes() -> list[str]:
    return sorted(_handlers)


def describe(purpose: str, purpose_ids: Iterable[int]) -> dict[int, PurposeInfo]:
    """``{purpose_id: PurposeInfo}``; a purpose no longer registered reads as its code."""
    ids = list(dict.fromkeys(purpose_ids))
    handler = _handlers.get(purpose)
    if handler is None:
        return {pk: PurposeInfo(title=f"{purpose} #{pk}") for pk in ids}
    found = handler.describe(ids)
    return {pk: found.get(pk) or PurposeInfo(title=f"{purpose} #{pk}") for pk in ids}
