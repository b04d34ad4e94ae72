"""The ledger's staff pages (secretariat only): the accounts with their balances, and one
account's entries with their running balances."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kyoso.core.money import format_yen
from kyoso.core.policy import rule_required
from kyoso.ledger import selectors

PAGE_SIZE = 100
PREFIX_MAX = 100


@rule_required("ledger.view_ledger")
def account_list(request: HttpRequest) -> HttpResponse:
    prefix = request.GET.get("q", "").strip()[:PREFIX_MAX]
    page = Paginator(selectors.account_list(prefix=prefix), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(account, format_yen(account.balance)) for account in page]
    return render(
        request, "ledger/account_list.html", {"page": page, "rows": rows, "prefix": prefix}
    )


@rule_required("ledger.view_ledger")
def account_detail(request: HttpRequest, key: str) -> HttpResponse:
    account = selectors.account_by_key(key)
    if account is None:
        raise Http404
    before_text = request.GET.get("before", "")
    # A cursor that is not a positive number (typed or cut short) shows the first page.
    before = int(before_text) if before_text.isdigit() and len(before_text) < 19 else None
    page = selectors.entries_of(account, before=before)
    rows = [
        (entry, format_yen(entry.amount), format_yen(entry.balance_after)) for entry in page.entries
    ]
    return render(
        request,
        "ledger/account_detail.html",
        {
            "account": account,
            "balance": format_yen(account.balance),
            "rows": rows,
            "next_before": page.next_before,
            "paged": before is not None,
        },
    )
