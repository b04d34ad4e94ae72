"""Project crowdfunding: the campaigns (list and one, with tiers and the ledger's figures)
and the caller's own pledges. The same rules and selectors as the pages; money is integer
yen."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kyoso.api import auth
from kyoso.api.permissions import acting_user, rule
from kyoso.campaigns import selectors
from kyoso.campaigns.models import Campaign, Mode, PledgeStatus, State

router = Router(tags=["campaigns"])


class CampaignOut(Schema):
    id: int
    title: str
    project: int = Field(alias="project_id")
    project_title: str
    mode: str = Field(json_schema_extra={"enum": list(Mode.values)})
    state: str = Field(json_schema_extra={"enum": list(State.values)})
    goal: int = Field(description="Yen")
    pledged_total: int = Field(description="Yen promised by the live pledges")
    pledge_count: int
    percent: int
    deadline: datetime
    opened_at: datetime | None
    url: str

    @staticmethod
    def resolve_project_title(obj) -> str:
        return obj.project.title

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("campaigns:detail", args=[obj.pk])


class TierOut(Schema):
    id: int
    title: str
    description: str
    min_amount: int
    quantity: int | None
    remaining: int | None


class FiguresOut(Schema):
    raised: int
    refunded: int
    collected: int
    held: int


class CampaignDetailOut(CampaignOut):
    description: str
    tiers: list[TierOut]
    figures: FiguresOut = Field(description="From the ledger's balances, in yen")

    @staticmethod
    def resolve_tiers(obj) -> list[Any]:
        return selectors.tiers_of(obj)

    @staticmethod
    def resolve_figures(obj) -> Any:
        return selectors.figures_of(obj)


class PledgeOut(Schema):
    id: int
    campaign: int = Field(alias="campaign_id")
    campaign_title: str
    amount: int
    tier: str | None
    show_name: bool
    method: str
    status: str = Field(json_schema_extra={"enum": list(PledgeStatus.values)})
    created_at: datetime

    @staticmethod
    def resolve_campaign_title(obj) -> str:
        return obj.campaign.title

    @staticmethod
    def resolve_tier(obj) -> str | None:
        return obj.tier.title if obj.tier_id else None


def _campaign(request: HttpRequest, campaign_id: int, **kwargs: Any) -> Campaign:
    return selectors.campaign_by_pk(campaign_id)


@router.get(
    "/campaigns",
    response=list[CampaignOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Crowdfunding campaigns",
)
@paginate
@rule("core.public")
def campaign_list(request: HttpRequest):
    """Open and ended campaigns, newest first (drafts are their project's)."""
    return selectors.listed_campaigns()


@router.get(
    "/campaigns/{campaign_id}",
    response=CampaignDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One campaign",
)
@rule("campaigns.view_campaign", get_object=_campaign)
def campaign_detail(request: HttpRequest, campaign_id: int, obj: Campaign):
    """With its tiers (remaining rewards) and its money from the ledger: ``raised`` (arrived
    in the escrow), ``refunded``, ``collected`` (moved to the project), ``held``."""
    return obj


@router.get("/me/pledges", response=list[PledgeOut], summary="Your pledges")
@paginate
@rule("campaigns.view_pledges")
def my_pledges(request: HttpRequest):
    """The caller's pledges, newest first, with their status."""
    return selectors.pledges_of(acting_user(request))
