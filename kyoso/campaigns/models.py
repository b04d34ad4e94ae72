"""Project crowdfunding (issue 17): campaigns, their reward tiers and pledges.

A project's leads open a campaign with a goal (integer yen), a period and a mode —
all-or-nothing (money moves only if the goal is reached) or keep-it-all (All-in) — and reward
tiers of limited quantity. Goal, mode and deadline are locked once the campaign opens; every
state change is an append-only row. Money itself is in the ledger (``kyoso.ledger``): the
campaign's escrow, the project's account and the memorandum figures (raised, refunded) are
ledger accounts; a pledge keeps only the amount promised and the id of its payment
(``kyoso.payments``). Business rules live in services.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 120
TEXT_MAX = 5_000
TIER_TITLE_MAX = 80
TIER_TEXT_MAX = 1_000
REASON_MAX = 1_000
NAME_MAX = 100
#: The smallest goal and pledge, in yen.
GOAL_MIN = 1_000
PLEDGE_MIN = 100
#: Ten billion yen for a goal, ten million for one pledge: more is a typo, not a campaign.
GOAL_MAX = 10_000_000_000
PLEDGE_MAX = 10_000_000
#: A tier offers at most this many rewards.
QUANTITY_MAX = 100_000
TIERS_MAX = 20
#: At most this many days between the opening and the deadline.
PERIOD_MAX_DAYS = 180


class Mode(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("目標達成時のみ実行（All or Nothing）")
    KEEP_IT_ALL = "keep_it_all", _("実行確約（All-in）")


class State(models.TextChoices):
    DRAFT = "draft", _("下書き")
    OPEN = "open", _("募集中")
    SUCCEEDED = "succeeded", _("成立")
    FAILED = "failed", _("不成立")
    CLOSED = "closed", _("中止")


#: States after the deadline (or a stop) — nothing can be pledged any more.
ENDED = (State.SUCCEEDED, State.FAILED, State.CLOSED)


class Campaign(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("タイトル"), max_length=TITLE_MAX)
    description = models.TextField(_("説明"), max_length=TEXT_MAX, blank=True)
    goal = models.BigIntegerField(_("目標金額（円）"))
    mode = models.CharField(_("方式"), max_length=20, choices=Mode.choices)
    starts_at = models.DateTimeField(_("開始日時"), null=True, blank=True)
    deadline = models.DateTimeField(_("締切日時"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    #: Promised by the live pledges (pending, authorized, paid, collected) — the progress bar.
    #: Not money: what was actually received is in the ledger's accounts.
    pledged_total = models.BigIntegerField(default=0)
    pledge_count = models.PositiveIntegerField(default=0)
    #: Set once every pledge has been captured, collected, cancelled or refunded.
    settled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "deadline"], name="campaign_state_deadline"),
            models.Index(fields=["project", "state"], name="campaign_project"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=State.values), name="campaign_state"),
            models.CheckConstraint(condition=Q(mode__in=Mode.values), name="campaign_mode"),
            models.CheckConstraint(
                condition=Q(goal__gte=GOAL_MIN) & Q(goal__lte=GOAL_MAX), name="campaign_goal"
            ),
            models.CheckConstraint(condition=Q(pledged_total__gte=0), name="campaign_pledged"),
            models.CheckConstraint(
                condition=Q(state=State.DRAFT) | Q(opened_at__isnull=False),
                name="campaign_opened_at",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_all_or_nothing(self) -> bool:
        return self.mode == Mode.ALL_OR_NOTHING

    @property
    def percent(self) -> int:
        """How far the pledges are towards the goal, in whole percent (may pass 100)."""
        return self.pledged_total * 100 // self.goal if self.goal else 0

    @property
    def bar_percent(self) -> int:
        return min(self.percent, 100)

    # Ledger accounts (docs/campaigns.md)
    @property
    def escrow_key(self) -> str:
        return f"campaign:{self.pk}:escrow"

    @property
    def raised_key(self) -> str:
        return f"campaign:{self.pk}:raised"

    @property
    def refunded_key(self) -> str:
        return f"campaign:{self.pk}:refunded"

    @property
    def project_key(self) -> str:
        return f"project:{self.project_id}:campaign:{self.pk}"


class StateChange(models.Model):
    """Append-only: who moved the campaign from where to where, and why."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(max_length=REASON_MAX, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            # A campaign leaves each state at most once (draft → open → one end).
            models.UniqueConstraint(
                fields=["campaign", "to_state"], name="campaign_state_change_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.from_state} → {self.to_state}"


class Tier(models.Model):
    """A reward for pledges of at least ``min_amount``; ``quantity`` None is unlimited. The
    ``remaining`` counter is taken by one conditional UPDATE per pledge and never goes below 0
    (a CHECK as the last line)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tiers")
    title = models.CharField(_("リターン名"), max_length=TIER_TITLE_MAX)
    description = models.TextField(_("内容"), max_length=TIER_TEXT_MAX, blank=True)
    min_amount = models.BigIntegerField(_("支援額（円以上）"))
    quantity = models.PositiveIntegerField(_("数量"), null=True, blank=True)
    remaining = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "min_amount", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__gte=PLEDGE_MIN) & Q(min_amount__lte=PLEDGE_MAX),
                name="tier_min_amount",
            ),
            models.CheckConstraint(
                condition=(Q(quantity__isnull=True) & Q(remaining__isnull=True))
                | (
                    Q(quantity__isnull=False)
                    & Q(remaining__gte=0)
                    & Q(remaining__lte=F("quantity"))
                ),
                name="tier_remaining",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def sold_out(self) -> bool:
        return self.remaining is not None and self.remaining <= 0

    @property
    def taken(self) -> int:
        return (self.quantity or 0) - (self.remaining or 0)


class Method(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("銀行振込")
    CARD = "card", _("クレジットカード")


class PledgeStatus(models.TextChoices):
    #: Waiting for the money (a bank transfer) or the card's authorization.
    PENDING = "pending", _("入金待ち")
    #: Card authorized, captured only if an all-or-nothing campaign succeeds.
    AUTHORIZED = "authorized", _("カード与信済み")
    #: The money is in the campaign's escrow.
    PAID = "paid", _("入金済み")
    #: Moved from the escrow to the project.
    COLLECTED = "collected", _("実行済み")
    CANCELLED = "cancelled", _("取消")
    REFUNDED = "refunded", _("返金済み")


#: Pledges that count towards the progress bar.
LIVE = (PledgeStatus.PENDING, PledgeStatus.AUTHORIZED, PledgeStatus.PAID, PledgeStatus.COLLECTED)
#: Pledges whose money is secured (counted for the goal at the deadline).
SECURED = (PledgeStatus.AUTHORIZED, PledgeStatus.PAID, PledgeStatus.COLLECTED)


class Pledge(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="pledges")
    tier = models.ForeignKey(
        Tier, on_delete=models.PROTECT, null=True, blank=True, related_name="pledges"
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    amount = models.BigIntegerField()
    #: Whether the supporter's name is shown on the campaign's page.
    show_name = models.BooleanField(default=True)
    payer_name = models.CharField(max_length=NAME_MAX, blank=True)
    method = models.CharField(max_length=20, choices=Method.choices)
    status = models.CharField(max_length=20, choices=PledgeStatus.choices)
    #: The payment (``kyoso.payments``) by its id: a plain value, no foreign key to another app.
    payment_id = models.BigIntegerField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["campaign", "status"], name="pledge_campaign_status"),
            models.Index(fields=["supporter", "created_at"], name="pledge_supporter"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=PLEDGE_MIN) & Q(amount__lte=PLEDGE_MAX),
                name="pledge_amount",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PledgeStatus.values), name="pledge_status"
            ),
            models.CheckConstraint(condition=Q(method__in=Method.values), name="pledge_method"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.amount}"
