"""Rules of payments: the staff pages (payments, statement imports, reconciliation, refunds)
are for the secretariat, superusers and fund managers; a card payment's confirmation page and
its outcome are for the person who started it (``payments.pay_payment``). Who manages a fund
is the funding app's to say: it registers a check with :func:`register_manager_check` in its
``ready()`` (payments never imports another app). The Stripe webhook is public: it proves
itself with Stripe's signature, not a session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from kyoso.accounts.rules import is_secretariat_member
from kyoso.core.rules import is_superuser

_manager_checks: dict[str, Callable[[Any], bool]] = {}


def register_manager_check(name: str, check: Callable[[Any], bool]) -> None:
    """``check(user) -> bool``: this user manages money a payment may be for (e.g. the
    manager of any fund). Registered by name, so a second ``ready()`` replaces it."""
    _manager_checks[name] = check


@rules.predicate
def is_payments_manager(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return any(check(user) for check in _manager_checks.values())


@rules.predicate
def is_payer(user: Any, payment: Any) -> bool:
    """The person who started the payment (confirms a card payment, reads its outcome)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and payment is not None
        and payment.created_by_id is not None
        and payment.created_by_id == user.pk
    )


def register() -> None:
    rules.set_perm(
        "payments.manage_payments", is_secretariat_member | is_superuser | is_payments_manager
    )
    rules.set_perm("payments.pay_payment", is_payer)


def unregister_manager_check(name: str) -> None:
    """For tests."""
    _manager_checks.pop(name, None)
