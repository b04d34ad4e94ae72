"""What every write of the fund app shares: the refusal type, the rule check, amounts and the
fund's per-年度 counters."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F

from kyoso.core.policy import check
from kyoso.funding import messages
from kyoso.funding.models import YEN_MAX, Fund, FundYear


class FundingError(Exception):
    """A refusal with a message the person can act on (shown as is); ``code`` names it for the
    API's error format, ``field`` the form field it belongs to (if any)."""

    def __init__(self, message: Any, code: str = "refused", field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def clean_amount(value: Any, field: str = "amount") -> int:
    """A whole, positive, sane yen amount; anything else is a :class:`FundingError`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise FundingError(messages.AMOUNT_NOT_INTEGER, "amount_not_integer", field)
    if value <= 0:
        raise FundingError(messages.AMOUNT_NOT_POSITIVE, "amount_not_positive", field)
    if value > YEN_MAX:
        raise FundingError(messages.AMOUNT_ABSURD, "amount_absurd", field)
    return value


def clean_text(value: Any, *, required: Any, limit: int, field: str) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text and required is not None:
        raise FundingError(required, "required", field)
    if len(text) > limit:
        raise FundingError(messages.TOO_LONG % {"max": limit}, "too_long", field)
    return text


def figures_add(*, fund_id: int, fiscal_year: int, **deltas: int) -> None:
    """Move a fund's counters (``raised``, ``granted``, ``disbursed``) and its 年度 row's by
    ``deltas``, with ``F()`` updates inside the caller's transaction (race-safe: each is one
    ``UPDATE`` that the database serializes per row)."""
    year = FundYear.objects.filter(fund_id=fund_id, fiscal_year=fiscal_year).first()
    if year is None:
        try:
            with transaction.atomic():
                year = FundYear.objects.create(fund_id=fund_id, fiscal_year=fiscal_year)
        except IntegrityError:
            year = FundYear.objects.get(fund_id=fund_id, fiscal_year=fiscal_year)
    FundYear.objects.filter(pk=year.pk).update(
        **{name: F(name) + delta for name, delta in deltas.items()}
    )
    fund_deltas = {n: d for n, d in deltas.items() if n in ("raised", "granted", "disbursed")}
    if fund_deltas:
        Fund.objects.filter(pk=fund_id).update(
            **{name: F(name) + delta for name, delta in fund_deltas.items()}
        )


def reindex_on_commit(fund_id: int) -> None:
    from kyoso.funding.registry import search_queryset
    from kyoso.search.services import index_on_commit

    index_on_commit(search_queryset().filter(pk=fund_id))
