"""Every write of the campaigns app: campaigns, tiers, pledges, the close at the deadline.

Concurrency (docs/campaigns.md):

- a pledge takes its tier's reward with one conditional ``UPDATE … SET remaining = remaining
  - 1 WHERE remaining > 0`` and refuses when no row changed; a CHECK keeps ``remaining`` at or
  above 0 as the last line. On PostgreSQL the campaign row is locked first (``SELECT … FOR
  UPDATE``), so a pledge and the close never interleave; on SQLite writers are serialized
  (IMMEDIATE transactions) and the same statements decide;
- the close claims the campaign with a conditional ``UPDATE … WHERE state = 'open'`` (a second
  run, or a second worker, changes nothing), then settles each pledge in its own transaction
  by its status (a second run finds nothing left to do).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.campaigns import audit, messages, payments_bridge
from kyoso.campaigns.errors import CampaignError
from kyoso.campaigns.models import (
    ENDED,
    GOAL_MAX,
    GOAL_MIN,
    LIVE,
    PERIOD_MAX_DAYS,
    PLEDGE_MAX,
    PLEDGE_MIN,
    QUANTITY_MAX,
    REASON_MAX,
    SECURED,
    TEXT_MAX,
    TIER_TEXT_MAX,
    TIER_TITLE_MAX,
    TIERS_MAX,
    TITLE_MAX,
    Campaign,
    Method,
    Mode,
    Pledge,
    PledgeStatus,
    State,
    StateChange,
    Tier,
)
from kyoso.core.policy import check
from kyoso.ledger import services as ledger
from kyoso.ledger.models import AccountKind

logger = logging.getLogger(__name__)

#: The ledger's memorandum counterpart of the campaigns' raised/refunded figures.
MEMO_KEY = "memo:campaigns"


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def _yen(value: Any) -> str:
    return f"{value:,}"


# --- Validation ------------------------------------------------------------------------------


def _whole_yen(value: Any, *, low: int, high: int, message: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CampaignError(message % {"min": _yen(low), "max": _yen(high)}, "amount_invalid")
    return value


def _clean_campaign(data: dict[str, Any], *, now: datetime) -> dict[str, Any]:
    title = str(data.get("title") or "").strip()
    if not title:
        raise CampaignError(messages.TITLE_REQUIRED, "title_required")
    if len(title) > TITLE_MAX:
        raise CampaignError(messages.TITLE_TOO_LONG % {"max": TITLE_MAX}, "too_long")
    description = str(data.get("description") or "").strip()
    if len(description) > TEXT_MAX:
        raise CampaignError(messages.TEXT_TOO_LONG % {"max": TEXT_MAX}, "too_long")
    goal = _whole_yen(data.get("goal"), low=GOAL_MIN, high=GOAL_MAX, message=messages.GOAL_INVALID)
    mode = data.get("mode")
    if mode not in Mode.values:
        raise CampaignError(messages.MODE_INVALID, "mode_invalid")
    deadline = data.get("deadline")
    if not isinstance(deadline, datetime):
        raise CampaignError(messages.DEADLINE_REQUIRED, "deadline_required")
    starts_at = data.get("starts_at")
    if starts_at is not None and not isinstance(starts_at, datetime):
        starts_at = None
    if deadline <= max(now, starts_at or now):
        raise CampaignError(messages.DEADLINE_PAST, "deadline_past")
    if deadline - max(now, starts_at or now) > timedelta(days=PERIOD_MAX_DAYS):
        raise CampaignError(messages.PERIOD_TOO_LONG % {"days": PERIOD_MAX_DAYS}, "period_long")
    return {
        "title": title,
        "description": description,
        "goal": goal,
        "mode": mode,
        "deadline": deadline,
        "starts_at": starts_at,
    }


# --- Campaigns -------------------------------------------------------------------------------


def _record_state(campaign: Campaign, from_state: str, to_state: str, actor: Any, reason: str):
    StateChange.objects.create(
        campaign=campaign,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason[:REASON_MAX],
    )


def _reindex(campaign_id: int) -> None:
    from kyoso.campaigns.registry import search_queryset
    from kyoso.search.services import index_on_commit

    index_on_commit(search_queryset().filter(pk=campaign_id))


def campaign_create(*, actor: Any, project: Any, data: dict[str, Any]) -> Campaign:
    """A draft campaign of ``project`` (its leads and the secretariat)."""
    require("campaigns.add_campaign", actor, project)
    cleaned = _clean_campaign(data, now=timezone.now())
    with transaction.atomic():
        campaign = Campaign.objects.create(project=project, created_by=actor, **cleaned)
        _record_state(campaign, "", State.DRAFT, actor, "")
        audit_record(
            actor=actor, action=audit.CREATED, target=campaign, data={"goal": campaign.goal}
        )
    return campaign


LOCKED_FIELDS = ("goal", "mode", "deadline")


def campaign_update(*, actor: Any, campaign: Campaign, data: dict[str, Any]) -> Campaign:
    """Edit a campaign. A draft changes freely; once open, only the title and description
    (goal, mode and deadline are locked: asking to change them is refused, not ignored)."""
    require("campaigns.change_campaign", actor, campaign)
    with transaction.atomic():
        current = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if current.state == State.DRAFT:
            cleaned = _clean_campaign(data, now=timezone.now())
        else:
            for field in LOCKED_FIELDS:
                if field in data and data[field] != getattr(current, field):
                    raise CampaignError(messages.LOCKED, "locked")
            merged = {f: getattr(current, f) for f in ("goal", "mode", "deadline", "starts_at")}
            merged.update(title=data.get("title"), description=data.get("description"))
            cleaned = _clean_campaign(
                merged, now=min(timezone.now(), current.deadline - timedelta(seconds=1))
            )
            cleaned = {"title": cleaned["title"], "description": cleaned["description"]}
        Campaign.objects.filter(pk=current.pk).update(**cleaned)
        audit_record(
            actor=actor, action=audit.UPDATED, target=current, data={"fields": sorted(cleaned)}
        )
        _reindex(current.pk)
    campaign.refresh_from_db()
    return campaign


def tier_add(*, actor: Any, campaign: Campaign, data: dict[str, Any]) -> Tier:
    """Add a reward tier (draft or open campaigns; at most TIERS_MAX)."""
    require("campaigns.change_campaign", actor, campaign)
    title = str(data.get("title") or "").strip()
    if not title or len(title) > TIER_TITLE_MAX:
        raise CampaignError(messages.TIER_TITLE_REQUIRED, "title_required")
    description = str(data.get("description") or "").strip()[:TIER_TEXT_MAX]
    min_amount = _whole_yen(
        data.get("min_amount"),
        low=PLEDGE_MIN,
        high=PLEDGE_MAX,
        message=messages.TIER_AMOUNT_INVALID,
    )
    quantity = data.get("quantity")
    if quantity is not None and (
        isinstance(quantity, bool)
        or not isinstance(quantity, int)
        or not 1 <= quantity <= QUANTITY_MAX
    ):
        raise CampaignError(
            messages.TIER_QUANTITY_INVALID % {"max": _yen(QUANTITY_MAX)}, "quantity_invalid"
        )
    with transaction.atomic():
        current = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if current.state in ENDED:
            raise CampaignError(messages.NO_TIERS_ALLOWED, "ended")
        count = Tier.objects.filter(campaign=current).count()
        if count >= TIERS_MAX:
            raise CampaignError(messages.TOO_MANY_TIERS % {"max": TIERS_MAX}, "too_many_tiers")
        tier = Tier.objects.create(
            campaign=current,
            title=title,
            description=description,
            min_amount=min_amount,
            quantity=quantity,
            remaining=quantity,
            position=count,
        )
        audit_record(actor=actor, action=audit.TIER_ADDED, target=current, data={"tier": tier.pk})
    return tier


def open_accounts(campaign: Campaign, actor: Any = None) -> None:
    """The campaign's ledger accounts (idempotent): escrow, the project's account for it, and
    the memorandum figures raised / refunded (docs/campaigns.md)."""
    common = {"actor": actor, "owner_app": "campaigns", "owner_id": campaign.pk}
    ledger.account_open(
        key=campaign.escrow_key,
        name=f"キャンペーン{campaign.pk} 預り金",
        kind=AccountKind.LIABILITY,
        non_negative=True,
        **common,
    )
    ledger.account_open(
        key=campaign.raised_key,
        name=f"キャンペーン{campaign.pk} 入金累計（備忘）",
        kind=AccountKind.LIABILITY,
        non_negative=True,
        **common,
    )
    ledger.account_open(
        key=campaign.refunded_key,
        name=f"キャンペーン{campaign.pk} 返金累計（備忘）",
        kind=AccountKind.LIABILITY,
        non_negative=True,
        **common,
    )
    ledger.account_open(
        key=campaign.project_key,
        name=f"プロジェクト{campaign.project_id} キャンペーン{campaign.pk} 実行済み",
        kind=AccountKind.LIABILITY,
        non_negative=True,
        actor=actor,
        owner_app="projects",
        owner_id=campaign.project_id,
    )
    ledger.account_open(
        key=MEMO_KEY, name="キャンペーン備忘（相手勘定）", kind=AccountKind.ASSET, actor=actor
    )


def campaign_open(*, actor: Any, campaign: Campaign) -> Campaign:
    """Start taking pledges: draft → open, once; opens the ledger accounts."""
    require("campaigns.open_campaign", actor, campaign)
    now = timezone.now()
    with transaction.atomic():
        current = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if current.state != State.DRAFT:
            raise CampaignError(messages.NOT_DRAFT, "not_draft")
        if current.deadline <= now:
            raise CampaignError(messages.DEADLINE_PAST, "deadline_past")
        if current.deadline - now > timedelta(days=PERIOD_MAX_DAYS):
            raise CampaignError(messages.PERIOD_TOO_LONG % {"days": PERIOD_MAX_DAYS}, "period_long")
        moved = Campaign.objects.filter(pk=current.pk, state=State.DRAFT).update(
            state=State.OPEN, opened_at=now, starts_at=current.starts_at or now
        )
        if not moved:
            raise CampaignError(messages.NOT_DRAFT, "not_draft")
        _record_state(current, State.DRAFT, State.OPEN, actor, "")
        open_accounts(current, actor)
        audit_record(actor=actor, action=audit.OPENED, target=current)
        _reindex(current.pk)
    campaign.refresh_from_db()
    return campaign


# --- Pledges ---------------------------------------------------------------------------------


def clean_amount(amount: Any) -> int:
    """A pledge's amount, or the message of what is wrong with it."""
    if amount is None or amount == "":
        raise CampaignError(messages.AMOUNT_REQUIRED, "amount_required")
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise CampaignError(messages.AMOUNT_NOT_INTEGER, "amount_not_integer")
    if amount <= 0:
        raise CampaignError(messages.AMOUNT_NOT_POSITIVE, "amount_not_positive")
    if amount < PLEDGE_MIN:
        raise CampaignError(messages.AMOUNT_TOO_SMALL % {"min": _yen(PLEDGE_MIN)}, "amount_small")
    if amount > PLEDGE_MAX:
        raise CampaignError(messages.AMOUNT_ABSURD % {"max": _yen(PLEDGE_MAX)}, "amount_absurd")
    return amount


def pledge_create(
    *,
    actor: Any,
    campaign: Campaign,
    amount: Any,
    tier_id: int | None = None,
    show_name: bool = True,
    method: str = Method.BANK_TRANSFER,
    payer_name: str = "",
    payer_kana: str = "",
    now: datetime | None = None,
) -> Pledge:
    """Pledge ``amount`` yen (with the reward of ``tier_id``, if any) and start its payment.

    Card pledges of an all-or-nothing campaign are authorized only (captured if the goal is
    reached); every other payment is captured as it arrives. Nothing is written when refused:
    the tier's reward, the pledge, the counters and the payment are one transaction."""
    require("campaigns.pledge_campaign", actor, campaign)
    amount = clean_amount(amount)
    if method not in Method.values:
        raise CampaignError(messages.METHOD_INVALID, "method_invalid")
    payer_name = str(payer_name or "").strip()[:100] or str(getattr(actor, "public_name", ""))
    if not payer_name:
        raise CampaignError(messages.PAYER_NAME_REQUIRED, "payer_name_required")
    now = now or timezone.now()
    with transaction.atomic():
        # PostgreSQL: pledges of one campaign queue behind its row, as does the close.
        current = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if current.state != State.OPEN:
            raise CampaignError(messages.NOT_OPEN, "not_open")
        if now >= current.deadline:
            raise CampaignError(messages.AFTER_DEADLINE, "after_deadline")
        tier = None
        if tier_id is not None:
            tier = Tier.objects.filter(pk=tier_id, campaign_id=current.pk).first()
            if tier is None:
                raise CampaignError(messages.TIER_UNKNOWN, "tier_unknown")
            if amount < tier.min_amount:
                raise CampaignError(
                    messages.AMOUNT_BELOW_TIER % {"min": _yen(tier.min_amount)}, "below_tier"
                )
            if tier.quantity is not None:
                taken = Tier.objects.filter(pk=tier.pk, remaining__gt=0).update(
                    remaining=F("remaining") - 1
                )
                if not taken:
                    raise CampaignError(messages.SOLD_OUT, "sold_out")
        pledge = Pledge.objects.create(
            campaign=current,
            tier=tier,
            supporter=actor,
            amount=amount,
            show_name=bool(show_name),
            payer_name=payer_name,
            method=method,
            status=PledgeStatus.PENDING,
        )
        Campaign.objects.filter(pk=current.pk).update(
            pledged_total=F("pledged_total") + amount, pledge_count=F("pledge_count") + 1
        )
        manual = current.mode == Mode.ALL_OR_NOTHING and method == Method.CARD
        payment = payments_bridge.start(
            actor=actor,
            pledge_id=pledge.pk,
            amount=amount,
            method=method,
            payer_name=payer_name,
            payer_kana=str(payer_kana or "").strip()[:100],
            capture="manual" if manual else "automatic",
        )
        Pledge.objects.filter(pk=pledge.pk).update(payment_id=payment.pk)
        audit_record(
            actor=actor,
            action=audit.PLEDGED,
            target=current,
            data={"pledge": pledge.pk, "amount": amount, "tier": tier_id, "method": method},
        )
    pledge.refresh_from_db()
    return pledge


def _release(pledge: Pledge) -> None:
    """While the campaign is open, a cancelled pledge gives its reward and progress back."""
    if pledge.tier_id is not None:
        Tier.objects.filter(pk=pledge.tier_id, remaining__isnull=False).filter(
            remaining__lt=F("quantity")
        ).update(remaining=F("remaining") + 1)
    Campaign.objects.filter(pk=pledge.campaign_id, state=State.OPEN).update(
        pledged_total=F("pledged_total") - pledge.amount, pledge_count=F("pledge_count") - 1
    )


def pledge_cancel(*, actor: Any, pledge: Pledge) -> Pledge:
    """The supporter withdraws a pledge while the campaign is open and the money has not moved
    (waiting for a transfer, or a card only authorized): the payment is cancelled."""
    require("campaigns.cancel_pledge", actor, pledge)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=pledge.campaign_id)
        current = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if campaign.state != State.OPEN or current.status not in (
            PledgeStatus.PENDING,
            PledgeStatus.AUTHORIZED,
        ):
            raise CampaignError(messages.CANNOT_CANCEL, "cannot_cancel")
        if current.payment_id is not None:
            payments_bridge.cancel(payment_id=current.payment_id, reason="支援者による取り消し")
        # The payment's hook normally did this; a payment already gone still ends the pledge.
        if _set_status(
            current, (PledgeStatus.PENDING, PledgeStatus.AUTHORIZED), PledgeStatus.CANCELLED
        ):
            _release(current)
        audit_record(
            actor=actor, action=audit.PLEDGE_CANCELLED, target=campaign, data={"pledge": current.pk}
        )
    pledge.refresh_from_db()
    return pledge


def _set_status(pledge: Pledge, from_statuses: Any, to_status: str) -> bool:
    """Move the pledge with a conditional UPDATE; whether it moved (a replay moves nothing)."""
    return bool(
        Pledge.objects.filter(pk=pledge.pk, status__in=list(from_statuses)).update(
            status=to_status, updated_at=timezone.now()
        )
    )


# --- The payments app's hooks (called inside the payment's transaction) ----------------------


def sync_authorizations(campaign_id: int) -> int:
    """Mark the campaign's pending card pledges whose payment the card holder authorized (the
    payments app has no hook for an authorization: it is read here, one query each way);
    returns how many moved."""
    waiting = list(
        Pledge.objects.filter(
            campaign_id=campaign_id, status=PledgeStatus.PENDING, method=Method.CARD
        ).values_list("pk", flat=True)
    )
    if not waiting:
        return 0
    statuses = payments_bridge.payment_statuses(waiting)
    authorized = [pk for pk in waiting if statuses.get(pk) == "authorized"]
    return Pledge.objects.filter(pk__in=authorized, status=PledgeStatus.PENDING).update(
        status=PledgeStatus.AUTHORIZED, updated_at=timezone.now()
    )


def payment_captured(*, pledge_id: int, amount: int) -> None:
    """The money is in the escrow: the pledge is paid, the raised figure grows. A transfer
    arriving for a pledge already cancelled (or a campaign already settled) is paid all the
    same and the campaign is settled again, so the next close refunds or collects it."""
    pledge = Pledge.objects.select_related("campaign").filter(pk=pledge_id).first()
    if pledge is None:
        return
    moved = _set_status(
        pledge,
        (PledgeStatus.PENDING, PledgeStatus.AUTHORIZED, PledgeStatus.CANCELLED),
        PledgeStatus.PAID,
    )
    if not moved:
        return
    campaign = pledge.campaign
    ledger.transaction_post(
        actor=None,
        kind="campaign.raised",
        entries=[(MEMO_KEY, amount), (campaign.raised_key, -amount)],
        idempotency_key=f"campaigns:pledge:{pledge.pk}:raised",
        memo=f"キャンペーン{campaign.pk} 支援{pledge.pk} 入金（備忘）",
    )
    if pledge.status == PledgeStatus.CANCELLED and campaign.state == State.OPEN:
        # Counted again: it was released when cancelled. Its reward is taken again if one is
        # left (one conditional UPDATE, as for a new pledge); if not, the money still counts
        # but the pledge has no reward: a tier is never oversold.
        if pledge.tier_id is not None:
            taken = Tier.objects.filter(
                pk=pledge.tier_id, remaining__isnull=False, remaining__gt=0
            ).update(remaining=F("remaining") - 1)
            unlimited = Tier.objects.filter(pk=pledge.tier_id, remaining__isnull=True).exists()
            if not taken and not unlimited:
                Pledge.objects.filter(pk=pledge.pk).update(tier=None)
        Campaign.objects.filter(pk=campaign.pk).update(
            pledged_total=F("pledged_total") + pledge.amount, pledge_count=F("pledge_count") + 1
        )
    if campaign.state in ENDED:
        Campaign.objects.filter(pk=campaign.pk).update(settled_at=None)


def payment_refunded(*, pledge_id: int, amount: int) -> None:
    pledge = Pledge.objects.select_related("campaign").filter(pk=pledge_id).first()
    if pledge is None:
        return
    ledger.transaction_post(
        actor=None,
        kind="campaign.refunded",
        entries=[(MEMO_KEY, amount), (pledge.campaign.refunded_key, -amount)],
        memo=f"キャンペーン{pledge.campaign_id} 支援{pledge.pk} 返金（備忘）",
    )
    if _set_status(pledge, (PledgeStatus.PAID,), PledgeStatus.REFUNDED) and (
        pledge.campaign.state == State.OPEN
    ):
        _release(pledge)


def payment_cancelled(*, pledge_id: int) -> None:
    pledge = Pledge.objects.select_related("campaign").filter(pk=pledge_id).first()
    if pledge is None:
        return
    if _set_status(
        pledge, (PledgeStatus.PENDING, PledgeStatus.AUTHORIZED), PledgeStatus.CANCELLED
    ) and (pledge.campaign.state == State.OPEN):
        _release(pledge)


# --- The close at the deadline ---------------------------------------------------------------


def secured_total(campaign: Campaign) -> int:
    """What the pledges whose money is secured (authorized, paid, collected) add up to."""
    total = Pledge.objects.filter(campaign=campaign, status__in=list(SECURED)).aggregate(
        total=Sum("amount")
    )["total"]
    return int(total or 0)


def _end(campaign_id: int, *, actor: Any, to_state: str | None, reason: str, now: datetime) -> bool:
    """Move an open campaign to its end state (``None``: decided by goal and mode); whether
    this call moved it (a second run, or a parallel worker, does not)."""
    with transaction.atomic():
        current = Campaign.objects.select_for_update().get(pk=campaign_id)
        if current.state != State.OPEN:
            return False
        sync_authorizations(current.pk)
        if to_state is None:
            reached = secured_total(current) >= current.goal
            to_state = (
                State.SUCCEEDED if current.mode == Mode.KEEP_IT_ALL or reached else State.FAILED
            )
        moved = Campaign.objects.filter(pk=current.pk, state=State.OPEN).update(
            state=to_state, ended_at=now, settled_at=None
        )
        if not moved:
            return False
        _record_state(current, State.OPEN, to_state, actor, reason)
        audit_record(
            actor=actor,
            action=audit.ENDED,
            target=current,
            data={"state": to_state, "secured": secured_total(current), "goal": current.goal},
        )
        current.state = to_state
        _tell_supporters(current, actor)
        if to_state == State.SUCCEEDED:
            _invite_supporters(current, actor)
        _reindex(current.pk)
    return True


def _tell_supporters(campaign: Campaign, actor: Any) -> None:
    """Notify every supporter of the end; they follow the project from now on."""
    from kyoso.notifications.services import notify
    from kyoso.projects.services.follows import follow_set

    supporter_ids = set(
        Pledge.objects.filter(campaign=campaign, supporter__isnull=False).values_list(
            "supporter_id", flat=True
        )
    )
    if not supporter_ids:
        return
    texts: dict[str, Any] = {
        State.SUCCEEDED.value: messages.NOTIFY_SUCCEEDED,
        State.FAILED.value: messages.NOTIFY_FAILED,
    }
    text = texts.get(campaign.state, messages.NOTIFY_STOPPED) % {"title": campaign.title}
    notify(
        recipients=supporter_ids,
        kind="campaigns.ended",
        actor=None,
        target=campaign,
        text=str(text),
        url=reverse("campaigns:detail", args=[campaign.pk]),
    )
    from kyoso.accounts.models import User

    project = campaign.project
    for supporter in User.objects.filter(pk__in=supporter_ids, is_active=True):
        try:
            follow_set(actor=supporter, project=project, on=True)
        except PermissionDenied:
            continue  # a hidden project: its supporters cannot follow it


def _invite_supporters(campaign: Campaign, actor: Any) -> None:
    """The money moves (a succeeded campaign, either mode): the supporters whose pledges are
    live are invited to the project's upcoming published events, through the events app's
    service (which leaves out whoever was invited already, and everyone while the project is
    hidden). In the close's transaction: a rolled-back close invites nobody."""
    from kyoso.events.services.invitations import SUPPORTED_CAMPAIGN, invite_to_project_events

    supporters = set(
        Pledge.objects.filter(
            campaign=campaign, supporter__isnull=False, status__in=list(LIVE)
        ).values_list("supporter_id", flat=True)
    )
    if supporters:
        invite_to_project_events(
            actor=actor,
            project_id=campaign.project_id,
            people=supporters,
            reason=SUPPORTED_CAMPAIGN,
        )


def campaign_stop(*, actor: Any, campaign: Campaign, reason: str) -> Campaign:
    """The project (or the secretariat) stops an open campaign: every pledge is cancelled or
    refunded, as for a failed all-or-nothing campaign."""
    require("campaigns.stop_campaign", actor, campaign)
    reason = str(reason or "").strip()
    if not reason:
        raise CampaignError(messages.REASON_REQUIRED, "reason_required")
    if not _end(campaign.pk, actor=actor, to_state=State.CLOSED, reason=reason, now=timezone.now()):
        raise CampaignError(messages.NOT_OPEN_TO_STOP, "not_open")
    campaign_settle(campaign_id=campaign.pk)
    campaign.refresh_from_db()
    return campaign


def _collect(pledge: Pledge, campaign: Campaign) -> None:
    with transaction.atomic():
        if not _set_status(pledge, (PledgeStatus.PAID,), PledgeStatus.COLLECTED):
            return
        ledger.transaction_post(
            actor=None,
            kind="campaign.collected",
            entries=[(campaign.escrow_key, pledge.amount), (campaign.project_key, -pledge.amount)],
            idempotency_key=f"campaigns:pledge:{pledge.pk}:collected",
            memo=f"キャンペーン{campaign.pk} 支援{pledge.pk} 実行（預り金からプロジェクトへ）",
        )


def _settle_one(pledge: Pledge, campaign: Campaign) -> None:
    """One pledge of an ended campaign, by its status; each step is idempotent."""
    status = pledge.status
    if campaign.state == State.SUCCEEDED:
        if status == PledgeStatus.AUTHORIZED and pledge.payment_id is not None:
            with transaction.atomic():
                payments_bridge.capture(payment_id=pledge.payment_id)
            pledge.refresh_from_db()
            status = pledge.status
        if status == PledgeStatus.PAID:
            _collect(pledge, campaign)
        elif status == PledgeStatus.PENDING and pledge.method == Method.CARD:
            # A card never confirmed by the deadline: released, so it cannot be charged later.
            with transaction.atomic():
                if pledge.payment_id is not None:
                    payments_bridge.cancel(payment_id=pledge.payment_id, reason=REFUND_REASON)
                _set_status(pledge, (status,), PledgeStatus.CANCELLED)
        return
    # Failed or stopped: nothing is collected, everything goes back.
    if status in (PledgeStatus.PENDING, PledgeStatus.AUTHORIZED):
        with transaction.atomic():
            if pledge.payment_id is not None:
                payments_bridge.cancel(payment_id=pledge.payment_id, reason=REFUND_REASON)
            _set_status(pledge, (status,), PledgeStatus.CANCELLED)
    elif status == PledgeStatus.PAID and pledge.payment_id is not None:
        with transaction.atomic():
            payments_bridge.refund(payment_id=pledge.payment_id, reason=REFUND_REASON)


#: The reason the payments app records for what a failed or stopped campaign gives back.
REFUND_REASON = "キャンペーン不成立・中止による取り消し・返金"

#: Pledges a settlement still has work for, by the campaign's end state.
TO_SETTLE: dict[str, tuple[str, ...]] = {
    State.SUCCEEDED: (PledgeStatus.PENDING, PledgeStatus.AUTHORIZED, PledgeStatus.PAID),
    State.FAILED: (PledgeStatus.PENDING, PledgeStatus.AUTHORIZED, PledgeStatus.PAID),
    State.CLOSED: (PledgeStatus.PENDING, PledgeStatus.AUTHORIZED, PledgeStatus.PAID),
}


def _to_settle(campaign: Campaign) -> Any:
    rows = Pledge.objects.filter(campaign=campaign, status__in=list(TO_SETTLE[campaign.state]))
    if campaign.state == State.SUCCEEDED:
        # Transfers still awaited by a succeeded campaign are collected if they arrive.
        rows = rows.exclude(status=PledgeStatus.PENDING, method=Method.BANK_TRANSFER)
    return rows


def campaign_settle(*, campaign_id: int) -> int:
    """Capture, collect, cancel or refund every pledge of an ended campaign that still needs
    it; returns how many pledges were handled. A pledge whose payment refuses is left for the
    next run (logged); the campaign is marked settled only when nothing is left. Bank transfers
    still awaited by a succeeded campaign stay pending: if they arrive, they are collected."""
    campaign = Campaign.objects.get(pk=campaign_id)
    if campaign.state not in ENDED:
        return 0
    sync_authorizations(campaign.pk)
    handled = 0
    left = 0
    for pledge in _to_settle(campaign).order_by("pk"):
        try:
            _settle_one(pledge, campaign)
        except Exception:  # one refusing payment must not stop the others
            logger.exception("Settling pledge %s of campaign %s failed", pledge.pk, campaign.pk)
            left += 1
        else:
            handled += 1
    if (
        not left
        and not Pledge.objects.filter(
            campaign=campaign, status__in=list(TO_SETTLE[campaign.state])
        ).exists()
    ):
        Campaign.objects.filter(pk=campaign.pk, settled_at__isnull=True).update(
            settled_at=timezone.now()
        )
    return handled


def close_funding_rounds(*, now: datetime | None = None) -> dict[str, int]:
    """End every open campaign past its deadline, then settle every ended campaign not yet
    settled. Running it twice changes nothing the second time."""
    now = now or timezone.now()
    ended = 0
    for campaign_id in Campaign.objects.filter(state=State.OPEN, deadline__lte=now).values_list(
        "pk", flat=True
    ):
        if _end(campaign_id, actor=None, to_state=None, reason="", now=now):
            ended += 1
    handled = 0
    for campaign_id in Campaign.objects.filter(
        state__in=list(ENDED), settled_at__isnull=True
    ).values_list("pk", flat=True):
        handled += campaign_settle(campaign_id=campaign_id)
    return {"ended": ended, "pledges": handled}
