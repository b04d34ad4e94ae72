"""Reads of the fund app. Money figures come from maintained rows (the ledger's account
balances, the fund's and its 年度 rows' counters, each grant's ``disbursed``), never from
summing entries per request."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, Sum

from kyoso.funding.models import (
    Application,
    Donation,
    DonationStatus,
    Fund,
    FundYear,
    Grant,
    GrantRound,
    Receipt,
    Report,
    Tranche,
)

PUBLIC_DONATIONS = 20


def fund_list() -> QuerySet[Fund]:
    return Fund.objects.select_related("organization").order_by("-created_at", "-id")


def fund_get(pk: Any) -> Fund | None:
    try:
        return fund_list().filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


@dataclass
class ProjectFlow:
    project_id: int
    title: str
    granted: int
    disbursed: int
    fiscal_year: int


@dataclass
class Transparency:
    fund: Fund
    raised: int
    granted: int
    disbursed: int
    #: Money not yet promised (the ledger account ``fund:<id>:available``).
    available: int
    #: Granted, not yet paid (``fund:<id>:committed``).
    committed: int
    years: list[FundYear]
    flows: list[ProjectFlow] = field(default_factory=list)

    @property
    def balance(self) -> int:
        """What the fund holds: available plus committed (= raised − disbursed)."""
        return self.available + self.committed


def transparency(fund: Fund) -> Transparency:
    """The public figures of a fund (3 queries: the two ledger balances, the 年度 rows and the
    grants with their projects)."""
    from kyoso.ledger.selectors import balances

    found = balances([fund.available_key, fund.committed_key])
    years = list(FundYear.objects.filter(fund=fund).order_by("fiscal_year"))
    # Plain tuples: a model instance per grant and per project cost more than the query.
    flows = [
        ProjectFlow(*row)
        for row in Grant.objects.filter(fund=fund)
        .order_by("fiscal_year", "id")
        .values_list("project_id", "project__title", "amount", "disbursed", "fiscal_year")
    ]
    return Transparency(
        fund=fund,
        raised=fund.raised,
        granted=fund.granted,
        disbursed=fund.disbursed,
        available=found[fund.available_key],
        committed=found[fund.committed_key],
        years=years,
        flows=flows,
    )


def public_donations(fund: Fund, limit: int = PUBLIC_DONATIONS) -> list[Donation]:
    """Recent counted donations as the fund page shows them (names only when public)."""
    return list(
        Donation.objects.filter(
            fund=fund, status__in=(DonationStatus.CAPTURED, DonationStatus.REFUNDED)
        )
        .only("public_name", "received", "refunded", "message", "captured_at", "designation")
        .order_by("-captured_at", "-id")[:limit]
    )


def rounds_of(fund: Fund) -> list[GrantRound]:
    return list(GrantRound.objects.filter(fund=fund).order_by("-deadline", "-id"))


def round_get(pk: Any) -> GrantRound | None:
    try:
        return GrantRound.objects.select_related("fund__organization").filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def applications_of(grant_round: GrantRound) -> list[Application]:
    return list(
        Application.objects.filter(round=grant_round)
        .select_related("project", "grant")
        .order_by("created_at", "id")
    )


def application_get(pk: Any) -> Application | None:
    try:
        return (
            Application.objects.select_related("round__fund__organization", "project", "applicant")
            .filter(pk=int(pk))
            .first()
        )
    except (TypeError, ValueError):
        return None


def grant_of(application: Application) -> Grant | None:
    return Grant.objects.select_related("fund", "project").filter(application=application).first()


def tranches_of(grant: Grant) -> list[Tranche]:
    return list(Tranche.objects.filter(grant=grant).order_by("number"))


def reports_of(grant: Grant) -> list[Report]:
    return list(Report.objects.filter(grant=grant).order_by("tranche_number"))


def tranche_get(pk: Any) -> Tranche | None:
    try:
        return (
            Tranche.objects.select_related("grant__fund__organization", "grant__project")
            .filter(pk=int(pk))
            .first()
        )
    except (TypeError, ValueError):
        return None


def donations_of_user(user: Any) -> QuerySet[Donation]:
    """One's own donations, newest first, with the fund and the receipt."""
    return (
        Donation.objects.filter(donor_id=user.pk)
        .select_related("fund", "receipt")
        .order_by("-created_at", "-id")
    )


def donation_get(pk: Any) -> Donation | None:
    try:
        return (
            Donation.objects.select_related("fund__organization", "receipt", "donor_organization")
            .filter(pk=int(pk))
            .first()
        )
    except (TypeError, ValueError):
        return None


def receipt_of(donation: Donation) -> Receipt | None:
    return Receipt.objects.filter(donation=donation).first()


def money_figures_by_fiscal_year() -> dict[int, dict[str, int]]:
    """Money raised (by source: people, organizations) and granted per 年度 over every fund,
    in yen, for KPI ① of seed 001 (one query over the kept 年度 rows)."""
    rows = (
        FundYear.objects.values("fiscal_year")
        .annotate(
            raised=Sum("raised"),
            people=Sum("raised_people"),
            organizations=Sum("raised_organizations"),
            granted=Sum("granted"),
            disbursed=Sum("disbursed"),
        )
        .order_by("fiscal_year")
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        result[row["fiscal_year"]] = {
            "raised": int(row["raised"] or 0),
            "raised_people": int(row["people"] or 0),
            "raised_organizations": int(row["organizations"] or 0),
            "granted": int(row["granted"] or 0),
            "disbursed": int(row["disbursed"] or 0),
        }
    return dict(result)


def raised_thousand_yen(fiscal_year: int, community_id: int | None = None) -> int:
    return money_figures_by_fiscal_year().get(fiscal_year, {}).get("raised", 0) // 1000


def granted_thousand_yen(fiscal_year: int, community_id: int | None = None) -> int:
    return money_figures_by_fiscal_year().get(fiscal_year, {}).get("granted", 0) // 1000


def projects_led_by(user: Any) -> list[Any]:
    """The visible projects ``user`` actively leads (what they may apply with). One query."""
    from kyoso.projects.selectors import visible_projects

    return list(
        visible_projects(user)
        .filter(
            memberships__user_id=user.pk,
            memberships__role="lead",
            memberships__status="active",
        )
        .order_by("title", "id")
    )


def granted_projects(fund: Fund) -> list[Any]:
    """Projects this fund granted to (what a donation may be designated to). One query."""
    from kyoso.projects.selectors import visible_projects

    return list(
        visible_projects(None)
        .filter(pk__in=Grant.objects.filter(fund=fund).values("project_id"))
        .order_by("title", "id")
    )


def users_by_emails(emails: list[str]) -> list[Any]:
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    if not emails:
        return []
    query = Q()
    for email in emails:
        query |= Q(email__iexact=email)
    return list(get_user_model().objects.filter(query, is_active=True))
