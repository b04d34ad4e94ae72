"""Social Lab issues (課題): the issue, its stage history, empathy, offers, comments, follows,
reports and attachments. Business rules live in services/, never here."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kyoso.core.geo import latitude_field, longitude_field, point_constraints
from kyoso.issues.vocab import FacetKind

TITLE_MAX = 120
BODY_MAX = 20_000
COMMENT_MAX = 4_000


class Stage(models.TextChoices):
    """Support stages of seed 000, plus the two ways an issue leaves the board."""

    SEED = "seed", _("種")
    SURFACED = "surfaced", _("顕在化")
    IN_ACTION = "in_action", _("取組中")
    SOLVED = "solved", _("解決・持続")
    SPREAD = "spread", _("普及・モデル化")
    CLOSED = "closed", _("クローズ")
    MERGED = "merged", _("統合済み")


class Issue(models.Model):
    title = models.CharField(_("タイトル"), max_length=TITLE_MAX)
    body = models.TextField(_("本文"), max_length=BODY_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="issues"
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("投稿団体"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issues",
    )
    name_hidden = models.BooleanField(_("名前を公開しない"), default=False)
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("市区町村"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issues",
    )
    latitude = latitude_field()
    longitude = longitude_field()
    stage = models.CharField(_("段階"), max_length=20, choices=Stage.choices, default=Stage.SEED)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_issues"
    )
    empathy_count = models.PositiveIntegerField(_("共感"), default=0)
    comment_count = models.PositiveIntegerField(_("コメント"), default=0)
    follower_count = models.PositiveIntegerField(_("フォロワー"), default=0)
    comments_locked = models.BooleanField(_("コメントを締め切る"), default=False)
    awaiting_review = models.BooleanField(_("公開前の確認待ち"), default=False)
    hidden_at = models.DateTimeField(_("非表示にした日時"), null=True, blank=True)
    hidden_reason = models.TextField(_("非表示の理由"), max_length=1000, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("投稿日時"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    last_activity_at = models.DateTimeField(_("最終更新"), auto_now_add=True)

    class Meta:
        verbose_name = _("課題")
        verbose_name_plural = _("課題")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="issue_new"),
            models.Index(fields=["-empathy_count", "-id"], name="issue_empathy"),
            models.Index(fields=["-last_activity_at", "-id"], name="issue_activity"),
            models.Index(fields=["stage", "-created_at", "-id"], name="issue_stage_new"),
            models.Index(fields=["municipality", "-created_at", "-id"], name="issue_muni_new"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=[s.value for s in Stage]), name="issue_stage_known"
            ),
            models.CheckConstraint(
                condition=(Q(stage="merged") & Q(merged_into__isnull=False))
                | (~Q(stage="merged") & Q(merged_into__isnull=True)),
                name="issue_merged_iff_target",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("id")), name="issue_not_merged_into_itself"
            ),
            *point_constraints("issue"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class IssueTag(models.Model):
    """One facet value of an issue (theme, SDG, target group, wall), filterable on every DB."""

    Kind = FacetKind

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "kind", "value"], name="issue_tag_unique")
        ]
        indexes = [models.Index(fields=["kind", "value", "issue"], name="issue_tag_lookup")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class StageChange(models.Model):
    """Append-only history of stage changes (the timeline on the issue page)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("理由"), max_length=2000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_stage=F("to_stage")), name="stage_change_changes"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issue_id}: {self.from_stage} → {self.to_stage}"


class Empathy(models.Model):
    """共感: one per person and issue."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="empathies")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="empathies"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "user"], name="one_empathy_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.issue_id}"


class Follow(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="issue_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "user"], name="one_follow_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.issue_id}"


class HelpOffer(models.Model):
    """「手伝えます」: skills, time, a place or money, with a short message."""

    class Kind(models.TextChoices):
        SKILLS = "skills", _("スキル")
        TIME = "time", _("時間")
        PLACE = "place", _("場所")
        MONEY = "money", _("資金")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="offers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_offers"
    )
    kinds = models.JSONField(_("できること"), default=list)
    message = models.TextField(_("メッセージ"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"offer {self.user_id} → {self.issue_id}"


class Comment(models.Model):
    """One level deep: a reply's parent is always a top-level comment."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="issue_comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(_("コメント"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["issue", "created_at", "id"], name="comment_issue_time")]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.issue_id}"


class Report(models.Model):
    """A report (通報) of an issue or a comment, for the secretariat's moderation queue."""

    class Status(models.TextChoices):
        OPEN = "open", _("未対応")
        HIDDEN = "hidden", _("非表示にした")
        DISMISSED = "dismissed", _("問題なし")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="reports")
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
                condition=Q(status__in=["open", "hidden", "dismissed"]), name="report_status_known"
            )
        ]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.status})"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("画像")
        PDF = "pdf", _("PDF")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to="issues/%Y/%m/")
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
