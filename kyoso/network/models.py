"""Introductions (double opt-in), blocks, advisors and their requests.

The collaboration network itself has no table: its ties are gathered from the other apps
through :mod:`kyoso.network.ties` when the figures are asked for.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

REASON_MAX = 1000
RECORD_MAX = 2000
SUBJECT_MAX = 100
BODY_MAX = 2000
EXPERTISE_MAX = 500
MONTHLY_LIMIT_MAX = 50

USER = settings.AUTH_USER_MODEL


class NetworkPreference(models.Model):
    """A person's choices about introductions and the network picture (absent = defaults)."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="network_preference")
    introductions_open = models.BooleanField(_("紹介の依頼を受け付ける"), default=True)
    shown_in_network = models.BooleanField(_("ネットワーク図に名前を表示する"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"NetworkPreference {self.pk}"


class Block(models.Model):
    """``blocker`` gets no more introduction requests from ``blocked``."""

    blocker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="network_block_once"),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")), name="network_block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"Block {self.pk}"


class IntroductionStatus(models.TextChoices):
    PENDING = "pending", _("返事待ち")
    ACCEPTED = "accepted", _("紹介成立")
    DECLINED = "declined", _("見送り")
    WITHDRAWN = "withdrawn", _("取り下げ")


class Introduction(models.Model):
    """``requester`` asks to be introduced to a person or an organization.

    Both sides must accept: the requester's acceptance is given by asking, unless a
    ``broker`` (an advisor or the secretariat) asked on their behalf.
    """

    requester = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    to_user = models.ForeignKey(USER, on_delete=models.CASCADE, null=True, related_name="+")
    to_organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, null=True, related_name="+"
    )
    broker = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("紹介してほしい理由"), max_length=REASON_MAX)
    about = models.CharField(max_length=40, blank=True)
    status = models.CharField(
        max_length=12, choices=IntroductionStatus.choices, default=IntroductionStatus.PENDING
    )
    requester_accepted_at = models.DateTimeField(null=True, blank=True)
    target_accepted_at = models.DateTimeField(null=True, blank=True)
    #: Who answered for the other side (the person, or an organization's owner or admin).
    answered_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["requester", "created_at"], name="intro_requester_day"),
            models.Index(fields=["to_user", "status"], name="intro_to_user"),
            models.Index(fields=["to_organization", "status"], name="intro_to_org"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IntroductionStatus.values), name="intro_status_known"
            ),
            models.CheckConstraint(
                condition=(Q(to_user__isnull=False) & Q(to_organization__isnull=True))
                | (Q(to_user__isnull=True) & Q(to_organization__isnull=False)),
                name="intro_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(requester=F("to_user")), name="intro_not_to_oneself"
            ),
            models.CheckConstraint(
                condition=~Q(status=IntroductionStatus.ACCEPTED)
                | (Q(requester_accepted_at__isnull=False) & Q(target_accepted_at__isnull=False)),
                name="intro_accepted_by_both",
            ),
            models.UniqueConstraint(
                fields=["requester", "to_user"],
                condition=Q(status=IntroductionStatus.PENDING),
                name="intro_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["requester", "to_organization"],
                condition=Q(status=IntroductionStatus.PENDING),
                name="intro_one_open_per_org",
            ),
        ]

    def __str__(self) -> str:
        return f"Introduction {self.pk}"

    @property
    def is_brokered(self) -> bool:
        return self.broker_id is not None


class IntroductionChange(models.Model):
    """Append-only: what happened to an introduction, by whom."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="changes")
    event = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"IntroductionChange {self.pk}"


class RequestKind(models.TextChoices):
    ADVICE = "advice", _("助言")
    INTRODUCTION = "introduction", _("紹介")


class Advisor(models.Model):
    """A person the secretariat marked as an advisor (seed 001's 三十六人衆)."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="advisor")
    expertise = models.TextField(_("専門分野"), max_length=EXPERTISE_MAX)
    kinds = models.JSONField(_("受ける依頼の種類"), default=list)
    monthly_limit = models.PositiveSmallIntegerField(_("月に受ける件数の上限"), default=3)
    active = models.BooleanField(_("受付中"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_limit__gte=1) & Q(monthly_limit__lte=MONTHLY_LIMIT_MAX),
                name="advisor_monthly_limit_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user.display_name)


class AdvisorMonth(models.Model):
    """How many requests an advisor was given in a month: taken with a conditional UPDATE
    ``count < limit`` so that they never get more than they allow."""

    advisor = models.ForeignKey(Advisor, on_delete=models.CASCADE, related_name="months")
    month = models.DateField()
    count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["advisor", "month"], name="advisor_month_once"),
        ]

    def __str__(self) -> str:
        return f"AdvisorMonth {self.pk}"


class AdviceStatus(models.TextChoices):
    NEW = "new", _("受付")
    ASSIGNED = "assigned", _("担当決定")
    IN_CONVERSATION = "in_conversation", _("相談中")
    DONE = "done", _("完了")
    DECLINED = "declined", _("お断り")


class AdviceRequest(models.Model):
    """A request for advice or an introduction, from a person (possibly for a project or an
    organization), to a chosen advisor or to the secretariat's queue."""

    requester = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    for_project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    for_organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("依頼の種類"), max_length=20, choices=RequestKind.choices)
    subject = models.CharField(_("件名"), max_length=SUBJECT_MAX)
    body = models.TextField(_("相談したいこと"), max_length=BODY_MAX)
    advisor = models.ForeignKey(
        Advisor, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests"
    )
    status = models.CharField(max_length=20, choices=AdviceStatus.choices, default=AdviceStatus.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AdviceStatus.values), name="advice_status_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RequestKind.values), name="advice_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status=AdviceStatus.NEW)
                | Q(status=AdviceStatus.DECLINED)
                | Q(advisor__isnull=False),
                name="advice_assigned_has_advisor",
            ),
        ]

    def __str__(self) -> str:
        return f"Advice request {self.pk}"


class AdviceRequestChange(models.Model):
    """Append-only history of an advice request's status."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(max_length=REASON_MAX, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"AdviceRequestChange {self.pk}"

    @property
    def to_status_label(self) -> str:
        """The status moved to, as people read it (the raw value if no longer known)."""
        try:
            return str(AdviceStatus(self.to_status).label)
        except ValueError:
            return self.to_status


class AdviceRecord(models.Model):
    """The advisor's short private record of the advice (advisor and secretariat only)."""

    request = models.OneToOneField(AdviceRequest, on_delete=models.CASCADE, related_name="record")
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("助言の記録"), max_length=RECORD_MAX)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"AdviceRecord {self.pk}"
