"""Reads of the campaigns app. Money figures come from the ledger's maintained balances
(``kyoso.ledger.selectors.balances``: one query), never summed per request."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from kyoso.campaigns.models import LIVE, Campaign, Pledge, State, Tier
from kyoso.ledger import selectors as ledger

SUPPORTERS_SHOWN = 20
CSV_PAGE = 500


def public_campaigns() -> QuerySet[Campaign]:
    """Open and ended campaigns (drafts are their project's business)."""
    return Campaign.objects.exclude(state=State.DRAFT)


def listed_campaigns() -> QuerySet[Campaign]:
    """The list: open campaigns first (soonest deadline first), then ended ones, newest
    first; with their project (one query a page)."""
    return public_campaigns().select_related("project").order_by("-opened_at", "-id")


def campaign_of_project(project_id: int) -> Campaign | None:
    """What the project's page shows (one query): its open campaign, or else the one that
    ended last; None when it has neither (drafts are the project's business)."""
    return (
        public_campaigns()
        .filter(project_id=project_id)
        .order_by(
            Case(When(state=State.OPEN, then=Value(0)), default=Value(1)),
            F("ended_at").desc(nulls_last=True),
            "-id",
        )
        .first()
    )


def campaign_by_pk(pk: int) -> Campaign:
    """The campaign with its project (one query); 404 if there is none."""
    campaign = Campaign.objects.select_related("project").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def tiers_of(campaign: Campaign) -> list[Tier]:
    return list(Tier.objects.filter(campaign=campaign))


def shown_supporters(campaign: Campaign) -> list[Pledge]:
    """The latest live pledges whose supporter chose to be named, with the supporter's name
    only (``public_name``: the page shows nothing else; a whole user row per supporter was a
    third of the page's queries' CPU time)."""
    return list(
        Pledge.objects.filter(campaign=campaign, status__in=list(LIVE), show_name=True)
        .exclude(supporter__isnull=True)
        .select_related("supporter")
        .only("supporter", "supporter__display_name", "supporter__deleted_at")
        .order_by("-created_at", "-id")[:SUPPORTERS_SHOWN]
    )


@dataclass(frozen=True)
class Figures:
    #: Everything that arrived in the escrow (captured card payments, received transfers).
    raised: int
    #: Given back to supporters.
    refunded: int
    #: Moved to the project (the campaign succeeded).
    collected: int
    #: Still held in the escrow.
    held: int

    @property
    def balanced(self) -> bool:
        return self.raised - self.refunded - self.collected == self.held


def figures_of(campaign: Campaign) -> Figures:
    """The campaign's money, from four maintained ledger balances (one query)."""
    found = ledger.balances(
        [campaign.raised_key, campaign.refunded_key, campaign.project_key, campaign.escrow_key]
    )
    return Figures(
        raised=found[campaign.raised_key],
        refunded=found[campaign.refunded_key],
        collected=found[campaign.project_key],
        held=found[campaign.escrow_key],
    )


def escrow_rows(campaign: Campaign) -> Iterator[list[Any]]:
    """Every movement of the campaign's escrow, oldest first, for the CSV: date (Japan), kind,
    memo, in (+) or out (−) in yen, balance after. One query per 500 entries."""
    account = ledger.account_by_key(campaign.escrow_key)
    if account is None:
        return
    pages = []
    before = None
    while True:
        page = ledger.entries_of(account, before=before, limit=CSV_PAGE)
        pages.append(page.entries)
        if page.next_before is None:
            break
        before = page.next_before
    for entries in reversed(pages):
        for entry in reversed(entries):
            yield [
                timezone.localtime(entry.transaction.occurred_at).strftime("%Y-%m-%d %H:%M"),
                entry.transaction.kind,
                entry.transaction.memo,
                -entry.amount,
                entry.balance_after,
            ]


def pledges_of(viewer: Any) -> QuerySet[Pledge]:
    """The viewer's pledges, newest first, with the campaign and tier."""
    return (
        Pledge.objects.filter(supporter_id=viewer.pk)
        .select_related("campaign", "tier")
        .order_by("-created_at", "-id")
    )


def pledge_of(viewer: Any, pk: int) -> Pledge:
    pledge = pledges_of(viewer).filter(pk=pk).first()
    if pledge is None:
        raise Http404
    return pledge


def collected_by_fiscal_year() -> dict[int, int]:
    """``{年度: yen}`` the campaigns moved to their projects (two queries)."""
    keys = [
        f"project:{project_id}:campaign:{pk}"
        for pk, project_id in public_campaigns().values_list("pk", "project_id")
    ]
    totals: dict[int, int] = defaultdict(int)
    for per_year in ledger.totals_by_fiscal_year(keys).values():
        for year, amount in per_year.items():
            totals[year] += amount
    return dict(totals)
