"""Open challenges in both directions (seed 004) and the proposals they receive.

A verified local government posts a challenge and companies propose (as Urban Innovation
JAPAN does), or a verified company posts one and municipalities propose (逆プロポ). The
direction follows from the poster's kind. Questions and answers are public (the asker's name
hidden); proposals are private to the proposing organization and the poster's reviewers until
the decision. Business rules live in services/.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyoso.core.geo import latitude_field, longitude_field, point_constraints

TITLE_MAX = 120
TEXT_MAX = 5_000
SHORT_MAX = 1_000
QUESTION_MAX = 1_000
ANSWER_MAX = 3_000
REASON_MAX = 2_000
#: Ten billion yen: more is a typo.
YEN_MAX = 10_000_000_000
#: At most this many evaluation criteria (weights 1..100 each).
CRITERIA_MAX = 10
WEIGHT_MAX = 100
ATTACHMENTS_MAX = 3
#: One attachment at most 10 MB.
ATTACHMENT_BYTES_MAX = 10 * 1024 * 1024


class Direction(models.TextChoices):
    """Who posts and who proposes (derived from the poster organization's kind)."""

    MUNICIPALITY_POSTS = "municipality_posts", _("自治体の課題に企業が提案")
    COMPANY_POSTS = "company_posts", _("企業の課題に自治体が提案（逆プロポ）")


class OfferKind(models.TextChoices):
    BUDGET = "budget", _("予算あり")
    TRIAL_FIELD = "trial_field", _("実証フィールドの提供のみ")


class ProposerKind(models.TextChoices):
    """Who may propose (the filter's values; ``anyone`` takes every organization)."""

    COMPANY = "company", _("企業")
    LOCAL_GOVERNMENT = "local_government", _("自治体")
    NPO = "npo", _("NPO・市民活動団体")
    UNIVERSITY = "university", _("大学・研究機関")
    ANYONE = "anyone", _("どの団体でも")


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("募集中")
    CLOSED = "closed", _("募集終了")
    DECIDED = "decided", _("採択決定")


#: States anyone may see (everything but a draft).
LISTED_STATUSES = (ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED, ChallengeStatus.DECIDED)


class Challenge(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("募集する団体"),
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    direction = models.CharField(_("方向"), max_length=20, choices=Direction.choices)
    title = models.CharField(_("課題をひとことで"), max_length=TITLE_MAX)
    problem = models.TextField(_("解決したい課題"), max_length=TEXT_MAX)
    background = models.TextField(_("背景"), max_length=TEXT_MAX, blank=True)
    data_available = models.TextField(_("提供できるデータ"), max_length=TEXT_MAX, blank=True)
    constraints_text = models.TextField(_("制約・条件"), max_length=TEXT_MAX, blank=True)
    theme = models.CharField(_("テーマ"), max_length=30, blank=True)
    offer_kind = models.CharField(
        _("提供するもの"), max_length=20, choices=OfferKind.choices, default=OfferKind.BUDGET
    )
    budget_yen = models.BigIntegerField(_("予算（円）"), null=True, blank=True)
    offer_place = models.TextField(_("提供できる場所"), max_length=SHORT_MAX, blank=True)
    offer_staff_time = models.TextField(_("職員・社員の協力"), max_length=SHORT_MAX, blank=True)
    questions_until = models.DateField(_("質問の受付期限"))
    proposals_until = models.DateField(_("提案の締切"))
    decision_by = models.DateField(_("採択の決定予定日"))
    trial_starts_on = models.DateField(_("実証の開始予定日"), null=True, blank=True)
    trial_ends_on = models.DateField(_("実証の終了予定日"), null=True, blank=True)
    open_to_company = models.BooleanField(_("企業"), default=False)
    open_to_local_government = models.BooleanField(_("自治体"), default=False)
    open_to_npo = models.BooleanField(_("NPO・市民活動団体"), default=False)
    open_to_university = models.BooleanField(_("大学・研究機関"), default=False)
    open_to_anyone = models.BooleanField(_("どの団体でも"), default=False)
    #: The criteria entered on the form while drafting ([{name, weight, description}]); once
    #: published they are the screening round's criteria, read from there.
    criteria_draft = models.JSONField(_("評価基準"), default=list, blank=True)
    #: The screening round (kyoso.screening) created when the challenge is published.
    screening_round_id = models.IntegerField(null=True, blank=True)
    issues = models.ManyToManyField(
        "issues.Issue", verbose_name=_("関連する課題"), blank=True, related_name="+"
    )
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("関連するプロジェクト"),
        blank=True,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=pgettext_lazy("one municipality", "市区町村"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    latitude = latitude_field()
    longitude = longitude_field()
    status = models.CharField(
        _("状態"), max_length=10, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    follower_count = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("チャレンジ")
        verbose_name_plural = _("チャレンジ")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="challenge_list"),
            # The whole list (status IN the three listed ones, which no index on status can
            # keep in order): walked newest first, drafts (no published_at) skipped on the way.
            models.Index(fields=["-published_at", "-id"], name="challenge_listed"),
            models.Index(
                fields=["status", "direction", "-published_at", "-id"],
                name="challenge_list_direction",
            ),
            models.Index(
                fields=["status", "theme", "-published_at", "-id"], name="challenge_list_theme"
            ),
            models.Index(
                fields=["municipality", "status", "-published_at", "-id"],
                name="challenge_list_place",
            ),
            models.Index(fields=["status", "proposals_until"], name="challenge_open"),
            models.Index(fields=["organization", "-created_at"], name="challenge_of_org"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="challenge_direction_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ChallengeStatus.values), name="challenge_status_known"
            ),
            models.CheckConstraint(
                condition=Q(offer_kind__in=OfferKind.values), name="challenge_offer_known"
            ),
            # A budget belongs to a challenge that offers one, and is positive.
            models.CheckConstraint(
                condition=(
                    Q(offer_kind="budget") & Q(budget_yen__gt=0) & Q(budget_yen__lte=YEN_MAX)
                )
                | (Q(offer_kind="trial_field") & Q(budget_yen__isnull=True)),
                name="challenge_budget_iff_offered",
            ),
            models.CheckConstraint(
                condition=Q(proposals_until__gte=F("questions_until"))
                & Q(decision_by__gte=F("proposals_until")),
                name="challenge_timeline_ordered",
            ),
            models.CheckConstraint(
                condition=Q(trial_starts_on__isnull=True)
                | Q(trial_ends_on__isnull=True)
                | Q(trial_ends_on__gte=F("trial_starts_on")),
                name="challenge_trial_ordered",
            ),
            models.CheckConstraint(
                condition=Q(open_to_company=True)
                | Q(open_to_local_government=True)
                | Q(open_to_npo=True)
                | Q(open_to_university=True)
                | Q(open_to_anyone=True),
                name="challenge_someone_may_propose",
            ),
            models.CheckConstraint(
                condition=(Q(status="draft") & Q(published_at__isnull=True))
                | (~Q(status="draft") & Q(published_at__isnull=False)),
                name="challenge_published_at_iff_listed",
            ),
            *point_constraints("challenge"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def proposer_kinds(self) -> list[str]:
        return [k for k in ProposerKind.values if getattr(self, f"open_to_{k}")]

    @property
    def is_listed(self) -> bool:
        return self.status != ChallengeStatus.DRAFT

    @property
    def budget_label(self) -> str:
        """「予算 3,000,000円」 or the trial-field label (kyoso.core.money)."""
        from kyoso.core.money import format_yen_ja

        if self.offer_kind == OfferKind.BUDGET and self.budget_yen is not None:
            return f"{_('予算')} {format_yen_ja(self.budget_yen)}"
        return str(self.get_offer_kind_display())


class ChallengeStatusChange(models.Model):
    """Append-only: who moved the challenge from where to where, and why."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=10, choices=ChallengeStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ChallengeStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("理由"), max_length=REASON_MAX, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["challenge", "at", "id"], name="challenge_history")]

    def __str__(self) -> str:
        return f"{self.challenge_id}: {self.from_status} → {self.to_status}"


class Question(models.Model):
    """A public question (the asker's name is never shown) and the poster's answer."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("質問"), max_length=QUESTION_MAX)
    answer = models.TextField(_("回答"), max_length=ANSWER_MAX, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["challenge", "created_at", "id"], name="challenge_qa")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(answer="") & Q(answered_at__isnull=True))
                | (~Q(answer="") & Q(answered_at__isnull=False)),
                name="challenge_answer_iff_answered",
            )
        ]

    def __str__(self) -> str:
        return self.text[:30]


class Follow(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="one_challenge_follow")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.challenge_id}"


class ProposalOutcome(models.TextChoices):
    """The latest decision on a proposal (mirrors kyoso.screening's Outcome values)."""

    PENDING = "", _("審査中")
    SELECTED = "selected", _("採択")
    SHORTLISTED = "shortlisted", _("候補")
    NOT_SELECTED = "not_selected", _("不採択")


class Proposal(models.Model):
    """One organization's proposal to a challenge (one per organization, editable until the
    deadline)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="proposals")
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("提案する団体"),
        on_delete=models.CASCADE,
        related_name="challenge_proposals",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    summary = models.TextField(_("提案の概要"), max_length=SHORT_MAX)
    approach = models.TextField(_("解決の方法"), max_length=TEXT_MAX)
    team = models.TextField(_("体制"), max_length=SHORT_MAX, blank=True)
    cost_yen = models.BigIntegerField(_("費用（円）"), null=True, blank=True)
    timeline = models.TextField(_("スケジュール"), max_length=SHORT_MAX, blank=True)
    #: The latest decision (kept here for the proposer's page and the public summary).
    outcome = models.CharField(
        _("結果"), max_length=20, choices=ProposalOutcome.choices, blank=True, default=""
    )
    outcome_reason = models.TextField(_("結果の理由"), max_length=REASON_MAX, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    #: The trial project the selected proposal became (kyoso.projects), if any.
    project_id = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("提出日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "organization"], name="one_proposal_per_organization"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=ProposalOutcome.values), name="proposal_outcome_known"
            ),
            models.CheckConstraint(
                condition=Q(cost_yen__isnull=True)
                | (Q(cost_yen__gte=0) & Q(cost_yen__lte=YEN_MAX)),
                name="proposal_cost_range",
            ),
        ]
        indexes = [
            models.Index(fields=["challenge", "-created_at", "-id"], name="proposal_of_challenge"),
            models.Index(fields=["organization", "-created_at", "-id"], name="proposal_of_org"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} → {self.challenge_id}"

    @property
    def cost_label(self) -> str:
        from kyoso.core.money import format_yen_ja

        return format_yen_ja(self.cost_yen) if self.cost_yen is not None else str(_("未定"))


class ProposalAttachment(models.Model):
    """A PDF of a proposal (checked by its magic bytes), served only through the proposal's
    rule, never from a public URL."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="challenges/proposals/%Y/%m/")
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
