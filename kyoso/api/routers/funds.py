"""The local fund (issue 17): funds with their public figures, a fund's public ledger (the
movements of its accounts with the running balances they add up to), and one's own donations.

Balances are read from the ledger's maintained account balances and the fund's kept counters;
nothing is summed per request. Donors are never named here (the fund page shows only the names
donors chose to show), and ledger lines carry no memo (a payment's memo may name its payer).
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kyoso.api import auth
from kyoso.api.errors import ApiError
from kyoso.api.permissions import acting_user, rule
from kyoso.funding import selectors
from kyoso.funding.models import DonationStatus, Fund

router = Router(tags=["funds"])

LEDGER_PAGE = 50
LEDGER_PAGE_MAX = 200
ACCOUNTS = ("available", "committed")


class FundOut(Schema):
    id: int
    name: str
    organization: str
    organization_name: str
    purpose: str
    themes: list[str]
    raised: int
    granted: int
    disbursed: int
    url: str

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("funding:detail", args=[obj.pk])


class FundYearOut(Schema):
    fiscal_year: int
    raised: int
    granted: int
    disbursed: int


class FlowOut(Schema):
    project_id: int
    title: str
    fiscal_year: int
    granted: int
    disbursed: int


class FundDetailOut(FundOut):
    rules: str
    available: int
    committed: int
    balance: int
    years: list[FundYearOut]
    flows: list[FlowOut]

    @staticmethod
    def resolve_available(obj) -> int:
        return obj.figures.available

    @staticmethod
    def resolve_committed(obj) -> int:
        return obj.figures.committed

    @staticmethod
    def resolve_balance(obj) -> int:
        return obj.figures.balance

    @staticmethod
    def resolve_years(obj) -> list[Any]:
        return obj.figures.years

    @staticmethod
    def resolve_flows(obj) -> list[Any]:
        return obj.figures.flows


class LedgerLineOut(Schema):
    entry: int
    transaction: int
    kind: str
    occurred_at: datetime
    fiscal_year: int
    #: The movement on the account's normal side (+ in, − out), in yen.
    amount: int
    #: The account's balance after this line (what the lines add up to).
    balance_after: int


class LedgerOut(Schema):
    account: str = Field(json_schema_extra={"enum": list(ACCOUNTS)})
    key: str
    balance: int
    lines: list[LedgerLineOut]
    #: Pass as ``before`` for the next (older) page; null on the last.
    next_before: int | None


class LedgerQuery(Schema):
    account: str = Field("available", json_schema_extra={"enum": list(ACCOUNTS)})
    before: int | None = None
    limit: int = Field(LEDGER_PAGE, ge=1, le=LEDGER_PAGE_MAX)


class DonationOut(Schema):
    id: int
    fund: int
    fund_name: str
    amount: int
    received: int
    refunded: int
    status: str = Field(json_schema_extra={"enum": list(DonationStatus.values)})
    designation: str
    theme: str
    public_name: str
    method: str
    created_at: datetime
    captured_at: datetime | None
    receipt: str | None
    receipt_url: str | None

    @staticmethod
    def resolve_fund(obj) -> int:
        return obj.fund_id

    @staticmethod
    def resolve_fund_name(obj) -> str:
        return obj.fund.name

    @staticmethod
    def resolve_receipt(obj) -> str | None:
        receipt = getattr(obj, "receipt", None)
        return receipt.label if receipt else None

    @staticmethod
    def resolve_receipt_url(obj) -> str | None:
        from django.urls import reverse

        if getattr(obj, "receipt", None) is None:
            return None
        return reverse("funding:receipt", args=[obj.pk])


def _fund(request: HttpRequest, fund_id: int, **kwargs: Any) -> Fund:
    fund = selectors.fund_get(fund_id)
    if fund is None:
        raise ApiError(404, "not_found", "基金が見つかりません。")
    return fund


@router.get(
    "/funds",
    response=list[FundOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Funds, newest first, with their raised, granted and disbursed totals",
)
@paginate
@rule("core.public")
def fund_list(request: HttpRequest):
    return selectors.fund_list()


@router.get(
    "/funds/{fund_id}",
    response=FundDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One fund with its transparency figures (per 年度 and per project)",
)
@rule("funding.view_fund", get_object=_fund)
def fund_detail(request: HttpRequest, fund_id: int, obj: Fund):
    figures = selectors.transparency(obj)
    obj.figures = figures  # type: ignore[attr-defined]
    return obj


@router.get(
    "/funds/{fund_id}/ledger",
    response=LedgerOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="The public ledger of one of the fund's accounts, newest first",
)
@rule("funding.view_fund", get_object=_fund)
def fund_ledger(request: HttpRequest, fund_id: int, query: Query[LedgerQuery], obj: Fund):
    """``account``: ``available`` (money not yet promised; donations in, grants committed out)
    or ``committed`` (granted, not yet paid; tranches out). Each line's ``balance_after`` is the
    running balance, so the lines add up to ``balance``. Keyset pages: ``before`` is the
    previous page's ``next_before`` (entry id), ``limit`` 1–200 (default 50)."""
    from kyoso.ledger.selectors import account_by_key, entries_of

    if query.account not in ACCOUNTS:
        raise ApiError(422, "invalid_account", "account は available か committed です。")
    key = obj.available_key if query.account == "available" else obj.committed_key
    account = account_by_key(key)
    if account is None:
        return {
            "account": query.account,
            "key": key,
            "balance": 0,
            "lines": [],
            "next_before": None,
        }
    page = entries_of(account, before=query.before, limit=query.limit)
    sign = 1 if account.kind in ("asset", "expense") else -1
    return {
        "account": query.account,
        "key": key,
        "balance": account.balance,
        "lines": [
            {
                "entry": e.pk,
                "transaction": e.transaction_id,
                "kind": e.transaction.kind,
                "occurred_at": e.transaction.occurred_at,
                "fiscal_year": e.transaction.fiscal_year,
                "amount": sign * e.amount,
                "balance_after": e.balance_after,
            }
            for e in page.entries
        ],
        "next_before": page.next_before,
    }


@router.get("/me/donations", response=list[DonationOut], summary="Your donations, newest first")
@paginate
@rule("core.authenticated")
def my_donations(request: HttpRequest):
    return selectors.donations_of_user(acting_user(request))
