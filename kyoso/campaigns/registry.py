"""What the campaigns app plugs into core: rules, audit actions, navigation, search, personal
data, notification types, the dashboard block, the KPI source, the scheduled close and the
payments app's purpose. Each part is registered by the module that owns it."""

from __future__ import annotations

from typing import Any


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.audit.registry import register_actions
    from kyoso.campaigns import audit, home, personal_data, rules
    from kyoso.core import navigation
    from kyoso.core import personal_data as core_personal_data
    from kyoso.core.schedule import Every, register_job

    rules.register()
    register_actions(audit.ACTIONS)
    navigation.register(_("クラウドファンディング"), "campaigns:list", 38)
    register_search()
    core_personal_data.register("campaigns", export=personal_data.export, erase=personal_data.erase)
    register_notification_types()
    home.register()
    register_indicators()
    register_payment_purpose()
    register_job(
        "campaigns.close",
        command="close_funding_rounds",
        when=Every(15),
        description="End campaigns past their deadline; capture, collect, cancel or refund "
        "their pledges.",
    )


def register_payment_purpose() -> None:
    """The payments app pays pledges (``campaigns.pledge``); until it is installed there is
    nothing to register with."""
    try:
        from kyoso.payments.purposes import register_purpose
    except ImportError:
        return
    from kyoso.campaigns.handler import HANDLER
    from kyoso.campaigns.payments_bridge import PURPOSE

    register_purpose(PURPOSE, HANDLER)


# --- Search ----------------------------------------------------------------------------------


def search_document(campaign: Any) -> Any:
    """Open and ended campaigns: title, description and the project's title. Drafts have no
    document."""
    from kyoso.campaigns.models import State
    from kyoso.search.registry import Document

    if campaign.state == State.DRAFT:
        return None
    words = [campaign.description, campaign.project.title]
    words += [t.title for t in campaign.tiers.all()]
    return Document(title=campaign.title, body="\n".join(w for w in words if w))


def campaign_url(campaign: Any) -> str:
    from django.urls import reverse

    return reverse("campaigns:detail", args=[campaign.pk])


def visible_campaigns(viewer: Any) -> Any:
    from kyoso.campaigns.selectors import public_campaigns

    return public_campaigns()


def search_queryset() -> Any:
    from kyoso.campaigns.models import Campaign

    return Campaign.objects.select_related("project").prefetch_related("tiers")


def register_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.campaigns.models import Campaign
    from kyoso.search import registry as search_registry

    search_registry.register(
        "campaigns",
        label=_("クラウドファンディング"),
        model=Campaign,
        document=search_document,
        visible=visible_campaigns,
        url=campaign_url,
        order=39,
        queryset=search_queryset,
    )


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "campaigns.pledges",
        _("支援したクラウドファンディング"),
        kinds=["campaigns.ended"],
        order=55,
    )


# --- KPI ① ------------------------------------------------------------------------------------


def raised_in(fiscal_year: int, community_id: int | None) -> int:
    """Money the campaigns collected for their projects in the 年度, in 千円 (rounded down):
    what moved from the escrows to the projects' accounts; a failed all-or-nothing campaign
    collects nothing and so adds nothing. Two queries, from the ledger."""
    from kyoso.campaigns.selectors import collected_by_fiscal_year

    return collected_by_fiscal_year().get(fiscal_year, 0) // 1000


def register_indicators() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.core.indicators import register as register_source

    register_source(
        "campaigns.raised",
        label=_("クラウドファンディングで集めた資金"),
        unit="thousand_yen",
        compute=raised_in,
    )
