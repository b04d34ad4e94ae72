"""Missions for outside talent (副業・兼業, internships, relocation; seeds 002 and 003).

A mission belongs to a project or an organization (exactly one), is drafted, scored for
completeness (``kyoso.missions.completeness``) and published; people apply with answers to the
host's questions; each application moves through its states with an append-only history both
sides see, and host and candidate write to each other on it. Business rules live in services/.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyoso.core.geo import latitude_field, longitude_field, point_constraints
from kyoso.projects.models import WorkStyle

TITLE_MAX = 120
TEXT_MAX = 5_000
CONTACT_MAX = 500
QUESTION_MAX = 300
ANSWER_MAX = 2_000
MOTIVATION_MAX = 2_000
MESSAGE_MAX = 4_000
REASON_MAX = 1_000
#: At most this many pre-matching questions per mission (the positions 1..5 are a CHECK).
QUESTIONS_MAX = 5
PLACES_MAX = 100
HOURS_MAX = 80
VISITS_MAX = 31
#: Ten billion yen: more is a typo, not a reward.
REWARD_MAX = 10_000_000_000


class MissionKind(models.TextChoices):
    SIDE_JOB = "side_job", _("副業・兼業")
    INTERNSHIP = "internship", _("インターン")
    RELOCATION = "relocation", _("移住")
    VOLUNTEER = "volunteer", _("ボランティア")
    PRO_BONO = "pro_bono", _("プロボノ")


class RewardKind(models.TextChoices):
    PAID = "paid", _("報酬あり")
    COSTS = "costs", _("実費のみ支給")
    UNPAID = "unpaid", _("無償")


class MissionStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("募集中")
    CLOSED = "closed", _("募集終了")


class ClosedReason(models.TextChoices):
    FILLED = "filled", _("定員に達しました")
    DEADLINE = "deadline", _("応募締切を過ぎました")
    HOST = "host", _("受け入れ側が募集を締め切りました")


class Mission(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("プロジェクト"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="missions",
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("団体"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="missions",
    )
    kind = models.CharField(_("種類"), max_length=20, choices=MissionKind.choices)
    title = models.CharField(_("ミッションをひとことで"), max_length=TITLE_MAX)
    background = models.TextField(_("背景"), max_length=TEXT_MAX, blank=True)
    tasks = models.TextField(_("具体的な仕事"), max_length=TEXT_MAX, blank=True)
    deliverables = models.TextField(_("成果物"), max_length=TEXT_MAX, blank=True)
    starts_on = models.DateField(_("開始日"), null=True, blank=True)
    ends_on = models.DateField(_("終了日"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("週あたりの時間"), null=True, blank=True)
    work_style = models.CharField(
        _("働き方"), max_length=10, choices=WorkStyle.choices, default=WorkStyle.REMOTE
    )
    visits_per_month = models.PositiveSmallIntegerField(
        _("月あたりの現地訪問"), null=True, blank=True
    )
    reward_kind = models.CharField(_("報酬"), max_length=10, choices=RewardKind.choices, blank=True)
    reward_yen = models.BigIntegerField(_("報酬額（円）"), null=True, blank=True)
    #: The person candidates deal with (a host: a lead of the project or a manager of the org).
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受け入れ担当者"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_missions",
    )
    contact = models.TextField(_("連絡先・問い合わせ方法"), max_length=CONTACT_MAX, blank=True)
    places = models.PositiveSmallIntegerField(_("募集人数"), default=1)
    accepted_count = models.PositiveSmallIntegerField(_("受け入れ決定"), default=0)
    deadline = models.DateField(_("応募締切"), null=True, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=MissionStatus.choices, default=MissionStatus.DRAFT
    )
    closed_reason = models.CharField(
        _("募集終了の理由"), max_length=10, choices=ClosedReason.choices, blank=True
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=pgettext_lazy("one municipality", "市区町村"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missions",
    )
    latitude = latitude_field()
    longitude = longitude_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("ミッション")
        verbose_name_plural = _("ミッション")
        ordering = ["-published_at", "-id"]
        indexes = [
            # The list: listed missions newest first, with or without one equality filter.
            models.Index(fields=["status", "-published_at", "-id"], name="mission_list"),
            models.Index(
                fields=["status", "kind", "-published_at", "-id"], name="mission_list_kind"
            ),
            models.Index(
                fields=["status", "work_style", "-published_at", "-id"], name="mission_list_style"
            ),
            models.Index(
                fields=["status", "reward_kind", "-published_at", "-id"],
                name="mission_list_reward",
            ),
            models.Index(
                fields=["municipality", "status", "-published_at", "-id"],
                name="mission_list_place",
            ),
            # Closing what is past its deadline (on read and by close_missions).
            models.Index(fields=["status", "deadline"], name="mission_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(project__isnull=False) & Q(organization__isnull=True))
                | (Q(project__isnull=True) & Q(organization__isnull=False)),
                name="mission_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MissionKind.values), name="mission_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(work_style__in=WorkStyle.values), name="mission_work_style_known"
            ),
            models.CheckConstraint(
                condition=Q(reward_kind__in=["", *RewardKind.values]),
                name="mission_reward_kind_known",
            ),
            # An amount belongs to a paid mission only, and is positive.
            models.CheckConstraint(
                condition=Q(reward_yen__isnull=True)
                | (Q(reward_kind="paid") & Q(reward_yen__gt=0) & Q(reward_yen__lte=REWARD_MAX)),
                name="mission_reward_yen_paid",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="mission_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1) & Q(places__lte=PLACES_MAX), name="mission_places_range"
            ),
            models.CheckConstraint(
                condition=Q(accepted_count__lte=F("places")), name="mission_never_overfilled"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MissionStatus.values), name="mission_status_known"
            ),
            # Closed missions say why; others have no reason.
            models.CheckConstraint(
                condition=(Q(status="closed") & Q(closed_reason__in=ClosedReason.values))
                | (~Q(status="closed") & Q(closed_reason="")),
                name="mission_closed_reason_iff_closed",
            ),
            # A mission once published keeps its publication time; a draft has none.
            models.CheckConstraint(
                condition=(Q(status="draft") & Q(published_at__isnull=True))
                | (~Q(status="draft") & Q(published_at__isnull=False)),
                name="mission_published_at_iff_listed",
            ),
            *point_constraints("mission"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):  # type: ignore[no-untyped-def]
        return self.project if self.project_id is not None else self.organization

    @property
    def places_left(self) -> int:
        return max(self.places - self.accepted_count, 0)


class MissionSkill(models.Model):
    """One skill of a mission (``kyoso.core.skills.Skill``), required or welcome."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="skills")
    skill = models.CharField(max_length=30)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["-required", "skill"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "skill"], name="mission_skill_unique")
        ]
        indexes = [models.Index(fields=["skill", "mission"], name="mission_skill_lookup")]

    def __str__(self) -> str:
        return self.skill


class MissionQuestion(models.Model):
    """A pre-matching question of the host (positions 1..5: never more than five)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("質問"), max_length=QUESTION_MAX)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "position"], name="mission_question_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1) & Q(position__lte=QUESTIONS_MAX),
                name="mission_question_at_most_five",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("応募済み")
    IN_CONVERSATION = "in_conversation", _("面談・やりとり中")
    OFFERED = "offered", _("オファー中")
    ACCEPTED = "accepted", _("受け入れ決定")
    DECLINED = "declined", _("見送り")
    WITHDRAWN = "withdrawn", _("辞退")


#: States an application may still leave.
OPEN_STATUSES = (
    ApplicationStatus.APPLIED,
    ApplicationStatus.IN_CONVERSATION,
    ApplicationStatus.OFFERED,
)


class Application(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mission_applications"
    )
    motivation = models.TextField(_("応募の動機"), max_length=MOTIVATION_MAX)
    status = models.CharField(
        _("状態"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.APPLIED,
    )
    created_at = models.DateTimeField(_("応募日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "applicant"], name="one_application_per_mission"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="application_status_known",
            ),
        ]
        indexes = [
            models.Index(fields=["applicant", "-created_at", "-id"], name="application_mine"),
            models.Index(fields=["mission", "-created_at", "-id"], name="application_host"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant_id} → {self.mission_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ApplicationAnswer(models.Model):
    """The answer to one question, with the question as it was asked (questions may change)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        MissionQuestion, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    question_text = models.CharField(max_length=QUESTION_MAX)
    position = models.PositiveSmallIntegerField()
    text = models.TextField(_("回答"), max_length=ANSWER_MAX)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.application_id}#{self.position}"


class ApplicationStatusChange(models.Model):
    """Append-only: who moved the application from where to where, and why (both sides see)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("理由"), max_length=REASON_MAX, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["application", "at", "id"], name="application_history")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class ApplicationMessage(models.Model):
    """A message between the host side and the candidate on one application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("メッセージ"), max_length=MESSAGE_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["application", "created_at", "id"], name="application_msgs")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.body[:20]}"
