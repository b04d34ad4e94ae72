"""Projects (Residence Lab, seed 000): where people try solutions to the region's issues.

A project has a stage history, members with roles, structured needs (what matching reads),
trials, hearings, mapped resources, updates, followers and comments. Business rules live in
services/, never here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyoso.core.geo import latitude_field, longitude_field, point_constraints
from kyoso.issues.vocab import FacetKind

TITLE_MAX = 120
GOAL_MAX = 200
BODY_MAX = 20_000
REASON_MAX = 2_000
TEXT_MAX = 10_000
COMMENT_MAX = 4_000
NEED_TITLE_MAX = 120


class Stage(models.TextChoices):
    """The stages of a project, in order; a move backwards needs a reason (the service)."""

    IDEA = "idea", _("構想")
    PREPARING = "preparing", _("準備")
    TRIAL = "trial", _("実験")
    RUNNING = "running", _("実践")
    SPREADING = "spreading", _("提案・普及")
    ENDED = "ended", _("終了")


#: Stage order (a move to a lower index is a move backwards).
STAGE_ORDER = [s.value for s in Stage]


class Outcome(models.TextChoices):
    """How an ended project ended."""

    CONTINUED = "continued", _("他の担い手が継続")
    HANDED_TO_CITY = "handed_to_city", _("行政に引き継ぎ")
    STOPPED = "stopped", _("中止")


class Origin(models.TextChoices):
    SCRATCH = "scratch", _("新規")
    ISSUE = "issue", _("課題から")
    MINUTES = "minutes", _("議事録から")
    PITCH = "pitch", _("アイデアソンのチームから")


class Project(models.Model):
    title = models.CharField(_("タイトル"), max_length=TITLE_MAX)
    goal = models.CharField(_("ひとことで目標"), max_length=GOAL_MAX)
    body = models.TextField(_("本文"), max_length=BODY_MAX, blank=True)
    stage = models.CharField(_("段階"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    outcome = models.CharField(
        _("終了のかたち"), max_length=20, choices=Outcome.choices, blank=True
    )
    lesson = models.TextField(_("学んだこと"), max_length=TEXT_MAX, blank=True)

    origin = models.CharField(
        _("きっかけ"), max_length=10, choices=Origin.choices, default=Origin.SCRATCH
    )
    #: The event whose minutes or idea-event pitch the project grew out of (follow-up pages
    #: link to it; set for origins "minutes" and "pitch").
    #: The issue the project was started from (origin "issue"; it is among ``issues`` too).
    origin_issue = models.ForeignKey(
        "issues.Issue", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin_event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin_pitch = models.ForeignKey(
        "events.Pitch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The issues the project addresses (an issue may be addressed by several projects).
    issues = models.ManyToManyField(
        "issues.Issue", blank=True, related_name="projects", verbose_name=_("取り組む課題")
    )
    municipalities = models.ManyToManyField(
        "regions.Municipality",
        blank=True,
        related_name="projects",
        verbose_name=pgettext_lazy("several municipalities", "市区町村"),
    )
    latitude = latitude_field()
    longitude = longitude_field()
    #: The organization that runs the project, if any (otherwise its leads do).
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("運営団体"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    member_count = models.PositiveIntegerField(_("メンバー数"), default=0)
    follower_count = models.PositiveIntegerField(_("フォロワー"), default=0)
    open_need_count = models.PositiveIntegerField(_("募集中の困りごと"), default=0)
    comment_count = models.PositiveIntegerField(_("コメント"), default=0)
    comments_locked = models.BooleanField(_("コメントを締め切る"), default=False)
    hidden_at = models.DateTimeField(_("非表示にした日時"), null=True, blank=True)
    hidden_reason = models.TextField(_("非表示の理由"), max_length=1000, blank=True)

    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    last_activity_at = models.DateTimeField(_("最終更新"), auto_now_add=True)

    class Meta:
        verbose_name = _("プロジェクト")
        verbose_name_plural = _("プロジェクト")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="project_new"),
            models.Index(fields=["-last_activity_at", "-id"], name="project_activity"),
            models.Index(fields=["stage", "-created_at", "-id"], name="project_stage_new"),
            models.Index(fields=["-open_need_count", "-id"], name="project_needs"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=STAGE_ORDER), name="project_stage_known"),
            models.CheckConstraint(
                condition=Q(origin__in=[o.value for o in Origin]), name="project_origin_known"
            ),
            # An outcome belongs to an ended project, and an ended project has one.
            models.CheckConstraint(
                condition=(Q(stage="ended") & Q(outcome__in=[o.value for o in Outcome]))
                | (~Q(stage="ended") & Q(outcome="")),
                name="project_outcome_iff_ended",
            ),
            # One project grows out of one pitch (a second start is refused, not doubled).
            models.UniqueConstraint(
                fields=["origin_pitch"],
                condition=Q(origin_pitch__isnull=False),
                name="one_project_per_pitch",
            ),
            *point_constraints("project"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ProjectTag(models.Model):
    """One facet value (the issues' vocabulary: theme, SDG, target group, wall)."""

    Kind = FacetKind

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "value"], name="project_tag_unique")
        ]
        indexes = [models.Index(fields=["kind", "value", "project"], name="project_tag_facet")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class ProjectPartner(models.Model):
    """An organization working with the project besides the one running it (the proposer of a
    challenge's selected proposal, for example); shown on the project page."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("連携団体"),
        on_delete=models.CASCADE,
        related_name="project_partnerships",
    )
    #: Where the partnership came from ("challenge:<id>:proposal:<id>"), for the audit trail.
    via = models.CharField(max_length=100, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization"], name="project_partner_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} + {self.organization_id}"


class StageChange(models.Model):
    """Append-only: who moved the project from where to where, and why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("理由"), max_length=REASON_MAX, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["project", "at", "id"], name="project_stage_history")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_stage} → {self.to_stage}"


class MemberRole(models.TextChoices):
    LEAD = "lead", _("リーダー")
    MEMBER = "member", _("メンバー")
    ADVISOR = "advisor", _("アドバイザー")
    SUPPORTER = "supporter", _("サポーター")


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("招待中")
    REQUESTED = "requested", _("参加申請中")
    ACTIVE = "active", _("参加中")


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(
        pgettext_lazy("the role of one member", "役割"),
        max_length=10,
        choices=MemberRole.choices,
        default=MemberRole.MEMBER,
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    message = models.TextField(_("メッセージ"), max_length=1000, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: When the person became an active member (the events' conversion figure reads it).
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_project_membership"),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in MemberRole]), name="project_role_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in MemberStatus]),
                name="project_member_status_known",
            ),
            # Active members have a joined time; invitations and requests do not.
            models.CheckConstraint(
                condition=(Q(status="active") & Q(joined_at__isnull=False))
                | (~Q(status="active") & Q(joined_at__isnull=True)),
                name="project_member_joined_iff_active",
            ),
            models.CheckConstraint(
                condition=~Q(role="lead") | Q(status="active"), name="project_lead_active"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "status"], name="project_member_user"),
            models.Index(fields=["project", "status", "role"], name="project_member_list"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.project_id} ({self.role}, {self.status})"


class WorkStyle(models.TextChoices):
    """Where the work happens (needs and missions share it)."""

    REMOTE = "remote", _("リモート")
    ONSITE = "onsite", _("現地")
    MIXED = "mixed", _("リモートと現地")


class NeedKind(models.TextChoices):
    SKILLS = "skills", _("スキル")
    PEOPLE = "people", _("人手")
    MONEY = "money", _("資金")
    PLACE = "place", _("場所")
    PARTNERS = "partners", _("連携先")
    DATA = "data", _("データ")
    OTHER = "other", _("その他")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("募集中")
    IN_TALKS = "in_talks", _("相談中")
    FILLED = "filled", _("充足")


class Need(models.Model):
    """What the project needs; structured so that matching can read it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("種類"), max_length=10, choices=NeedKind.choices)
    title = models.CharField(_("内容"), max_length=NEED_TITLE_MAX)
    description = models.TextField(_("詳しく"), max_length=TEXT_MAX, blank=True)
    hours_per_month = models.PositiveIntegerField(_("月あたりの時間"), null=True, blank=True)
    work_style = models.CharField(_("働き方"), max_length=10, choices=WorkStyle.choices, blank=True)
    until = models.DateField(_("いつまで"), null=True, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("応えた人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filled_needs",
    )
    filled_by_organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("応えた団体"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filled_needs",
    )
    filled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in NeedKind]), name="need_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in NeedStatus]), name="need_status_known"
            ),
            models.CheckConstraint(
                condition=(Q(status="filled") & Q(filled_at__isnull=False))
                | (~Q(status="filled") & Q(filled_at__isnull=True)),
                name="need_filled_iff_time",
            ),
        ]
        indexes = [
            models.Index(fields=["project", "status"], name="need_project_status"),
            models.Index(fields=["status", "kind", "-created_at"], name="need_open_kind"),
        ]

    def __str__(self) -> str:
        return self.title


class NeedSkill(models.Model):
    """One skill tag of a need (``kyoso.core.skills.Skill``), filterable on every database."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="skills")
    skill = models.CharField(max_length=30)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "skill"], name="need_skill_unique")]
        indexes = [models.Index(fields=["skill", "need"], name="need_skill_lookup")]

    def __str__(self) -> str:
        return self.skill


class Trial(models.Model):
    """実験: a hypothesis tried for a period, what was measured, the result and the lesson."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="trials")
    title = models.CharField(_("タイトル"), max_length=TITLE_MAX)
    hypothesis = models.TextField(_("仮説"), max_length=TEXT_MAX)
    starts_on = models.DateField(_("開始日"), null=True, blank=True)
    ends_on = models.DateField(_("終了日"), null=True, blank=True)
    measured = models.TextField(_("測ったこと"), max_length=TEXT_MAX, blank=True)
    result = models.TextField(_("結果"), max_length=TEXT_MAX, blank=True)
    learned = models.TextField(_("学んだこと"), max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="trial_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Hearing(models.Model):
    """ヒアリング: who was heard and what was learned; ``private_notes`` only members see."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="hearings")
    heard_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("話を聞いた人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    heard_organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("話を聞いた団体"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Who was heard, as text ("residents of X"), when it is not an account or organization.
    heard_text = models.CharField(_("話を聞いた相手"), max_length=200, blank=True)
    held_on = models.DateField(_("日付"))
    learned = models.TextField(_("わかったこと"), max_length=TEXT_MAX)
    private_notes = models.TextField(_("メンバーだけのメモ"), max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"hearing {self.pk} of {self.project_id}"


class ResourceKind(models.TextChoices):
    PLACE = "place", _("場所")
    PERSON = "person", _("人")
    ORGANIZATION = "organization", _("団体")
    MONEY = "money", _("資金")
    OTHER = "other", _("その他")


class Resource(models.Model):
    """A resource the project has mapped (地域資源): a place, a person, an organization, money."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("種類"), max_length=15, choices=ResourceKind.choices)
    name = models.CharField(_("名前"), max_length=200)
    note = models.TextField(_("メモ"), max_length=TEXT_MAX, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in ResourceKind]),
                name="project_resource_kind_known",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Update(models.Model):
    """A post on the project's page (活動報告), optionally with a cleaned image."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="project_updates"
    )
    body = models.TextField(_("本文"), max_length=TEXT_MAX)
    image = models.FileField(upload_to="projects/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["project", "-created_at", "-id"], name="project_updates")]

    def __str__(self) -> str:
        return f"update {self.pk} of {self.project_id}"


class Follow(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_project_follow")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.project_id}"


class Comment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="project_comments"
    )
    body = models.TextField(_("コメント"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["project", "created_at", "id"], name="project_comment_time")
        ]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.project_id}"


class Report(models.Model):
    """A report (通報) of a project or one of its comments, for the secretariat."""

    class Status(models.TextChoices):
        OPEN = "open", _("未対応")
        HIDDEN = "hidden", _("非表示にした")
        DISMISSED = "dismissed", _("問題なし")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("理由"), max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "hidden", "dismissed"]),
                name="project_report_status_known",
            )
        ]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.status})"
