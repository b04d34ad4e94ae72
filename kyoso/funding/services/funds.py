"""Funds: opening one (with its ledger accounts) and adding managers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from kyoso.audit.services import audit_record
from kyoso.funding import audit, messages
from kyoso.funding.models import NAME_MAX, TEXT_MAX, Fund, FundManager
from kyoso.funding.services.common import FundingError, clean_text, reindex_on_commit, require

#: The bank account (asset) grants are paid out of where the payments app is not installed.
BANK = "bank"
THEMES_MAX = 10


def accounts_open(fund: Fund, actor: Any = None) -> None:
    """The fund's ledger accounts (idempotent): money not yet promised, and money granted but
    not yet paid; both non-negative, so the ledger itself refuses a grant above what is left."""
    from kyoso.ledger.services import account_open

    account_open(
        key=fund.available_key,
        name=f"{fund.name}（使える額）",
        kind="liability",
        non_negative=True,
        owner_app="funding",
        owner_id=fund.pk,
        actor=actor,
    )
    account_open(
        key=fund.committed_key,
        name=f"{fund.name}（助成決定済み・未払い）",
        kind="liability",
        non_negative=True,
        owner_app="funding",
        owner_id=fund.pk,
        actor=actor,
    )
    from kyoso.funding import payments_link

    if not payments_link.available():
        account_open(key=BANK, name="銀行口座", kind="asset", actor=actor)


def fund_create(
    *,
    actor: Any,
    organization: Any,
    name: str,
    purpose: str,
    rules: str = "",
    themes: Iterable[str] = (),
) -> Fund:
    require("funding.add_fund", actor, organization)
    name = clean_text(name, required=messages.NAME_REQUIRED, limit=NAME_MAX, field="name")
    purpose = clean_text(
        purpose, required=messages.PURPOSE_REQUIRED, limit=TEXT_MAX, field="purpose"
    )
    rules = clean_text(rules, required=None, limit=TEXT_MAX, field="rules")
    theme_list = list(dict.fromkeys(t.strip() for t in themes if t and t.strip()))[:THEMES_MAX]
    with transaction.atomic():
        fund = Fund.objects.create(
            organization=organization,
            name=name,
            purpose=purpose,
            rules=rules,
            themes=theme_list,
            created_by=actor,
        )
        accounts_open(fund, actor)
        audit_record(actor=actor, action=audit.FUND_CREATED, target=fund, data={"name": name})
        reindex_on_commit(fund.pk)
    return fund


def fund_manager_add(*, actor: Any, fund: Fund, user: Any) -> FundManager:
    require("funding.manage_fund", actor, fund)
    try:
        with transaction.atomic():
            manager = FundManager.objects.create(fund=fund, user=user)
            audit_record(
                actor=actor, action=audit.MANAGER_ADDED, target=fund, data={"user": user.pk}
            )
    except IntegrityError:
        raise FundingError(messages.MANAGER_ALREADY, "manager_already") from None
    return manager
