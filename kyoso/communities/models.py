"""Co-creation communities (共創コミュニティ, seed 001): themed groups with leaders, members,
a discussion board and messages from leaders to members. Business rules live in services."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyoso.issues.vocab import Theme

NAME_MAX = 100
DESCRIPTION_MAX = 10_000
POST_TITLE_MAX = 120
POST_BODY_MAX = 10_000
COMMENT_MAX = 4_000
#: The optional reason a leader gives when removing a member (it goes into a notification).
REMOVAL_REASON_MAX = 300


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("誰でも参加できる")
    APPROVAL = "approval", _("リーダーの承認が必要")


class Community(models.Model):
    slug = models.SlugField(_("URL用の名前"), max_length=60, unique=True)
    name = models.CharField(_("コミュニティ名"), max_length=NAME_MAX)
    theme = models.CharField(
        pgettext_lazy("one theme", "テーマ"), max_length=20, choices=Theme.choices
    )
    description = models.TextField(_("紹介"), max_length=DESCRIPTION_MAX, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=pgettext_lazy("one municipality", "市区町村"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communities",
    )
    join_policy = models.CharField(
        pgettext_lazy("community join policy", "参加方法"),
        max_length=10,
        choices=JoinPolicy.choices,
        default=JoinPolicy.OPEN,
    )
    #: Issues the community works on (shown on its page; an issue may belong to several).
    issues = models.ManyToManyField("issues.Issue", blank=True, related_name="communities")
    member_count = models.PositiveIntegerField(_("メンバー数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("共創コミュニティ")
        verbose_name_plural = _("共創コミュニティ")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(join_policy__in=[p.value for p in JoinPolicy]),
                name="community_join_policy_known",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CommunityRole(models.TextChoices):
    LEADER = "leader", _("リーダー")
    MEMBER = "member", _("メンバー")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("承認待ち")
    ACTIVE = "active", _("参加中")


class CommunityMembership(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships"
    )
    role = models.CharField(
        pgettext_lazy("the role of one member", "役割"),
        max_length=10,
        choices=CommunityRole.choices,
        default=CommunityRole.MEMBER,
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    message = models.TextField(_("参加申請のメッセージ"), max_length=1000, blank=True)
    #: The member unsubscribed from leaders' messages (the unsubscribe link in every message).
    messages_opted_out = models.BooleanField(_("リーダーからのメールを受け取らない"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="one_community_membership"),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in CommunityRole]),
                name="community_role_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in MembershipStatus]),
                name="community_membership_status_known",
            ),
            # Only an active member leads.
            models.CheckConstraint(
                condition=~Q(role="leader") | Q(status="active"), name="community_leader_active"
            ),
        ]
        indexes = [models.Index(fields=["user", "status"], name="community_member_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.community_id} ({self.role}, {self.status})"


class BoardPost(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_posts"
    )
    title = models.CharField(_("タイトル"), max_length=POST_TITLE_MAX)
    body = models.TextField(_("本文"), max_length=POST_BODY_MAX)
    pinned = models.BooleanField(_("ピン留め"), default=False)
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(auto_now_add=True)
    #: Deleted posts stay as a tombstone (title and body emptied) while they have comments.
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pinned", "-last_activity_at", "-id"]
        indexes = [
            models.Index(
                fields=["community", "-pinned", "-last_activity_at", "-id"], name="board_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class BoardComment(models.Model):
    post = models.ForeignKey(BoardPost, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_comments"
    )
    body = models.TextField(_("コメント"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.post_id}"


class LeaderMessage(models.Model):
    """An email a leader sent to the members (kept for the rate limit and the record)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.CharField(_("件名"), max_length=120)
    body = models.TextField(_("本文"), max_length=10_000)
    recipient_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.subject
