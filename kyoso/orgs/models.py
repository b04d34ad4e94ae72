"""Organizations, their members, join requests and invitations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OrganizationType(models.TextChoices):
    NPO = "npo", _("NPO法人・市民活動団体")
    COMPANY = "company", _("企業")
    LOCAL_GOVERNMENT = "local_government", _("地方自治体")
    UNIVERSITY = "university", _("大学・研究機関")
    HUB = "hub", _("中間支援組織")
    FINANCIAL = "financial", _("金融機関")
    COMMUNITY = "community", _("地域団体・コミュニティ")
    OTHER = "other", _("その他")


class OrgOffer(models.TextChoices):
    """What an organization can give (its onboarding's last step)."""

    ADVICE = "advice", _("助言・専門知識")
    STAFF = "staff", _("人手（社員・会員の参加）")
    PLACE = "place", _("場所（会場・スペース）")
    FUNDING = "funding", _("資金・協賛")
    GOODS = "goods", _("物品・設備")


class Organization(models.Model):
    slug = models.SlugField(_("URL用の名前"), max_length=60, unique=True)
    name = models.CharField(_("団体名"), max_length=100)
    name_kana = models.CharField(_("団体名（フリガナ）"), max_length=200, blank=True)
    org_type = models.CharField(_("種別"), max_length=20, choices=OrganizationType.choices)
    description = models.TextField(_("紹介"), max_length=5000, blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    contact_email = models.EmailField(_("連絡先メール"), blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("地域"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    # Answers of the organization's onboarding (kyoso.orgs.services_onboarding), as keys of
    # the shared vocabularies (kyoso.issues.vocab.Theme, kyoso.core.skills.Skill, OrgOffer).
    theme_keys = models.JSONField(_("活動テーマ"), default=list, blank=True)
    skill_keys = models.JSONField(_("提供できるスキル"), default=list, blank=True)
    offers = models.JSONField(_("提供できること"), default=list, blank=True)
    onboarded_at = models.DateTimeField(_("はじめての設定の完了日時"), null=True, blank=True)
    verified_at = models.DateTimeField(_("認証日時"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("団体")
        verbose_name_plural = _("団体")
        constraints = [
            models.CheckConstraint(
                condition=Q(org_type__in=[t.value for t in OrganizationType]),
                name="organization_type_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class MemberRole(models.TextChoices):
    OWNER = "owner", _("オーナー")
    ADMIN = "admin", _("管理者")
    MEMBER = "member", _("メンバー")


class Membership(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("権限"), max_length=10, choices=MemberRole.choices)
    joined_at = models.DateTimeField(_("参加日時"), auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("メンバー")
        verbose_name_plural = _("メンバー")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="unique_membership"),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in MemberRole]), name="membership_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organization_id} ({self.role})"


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("審査中")
        APPROVED = "approved", _("承認")
        REJECTED = "rejected", _("見送り")
        WITHDRAWN = "withdrawn", _("取り下げ")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("メッセージ"), max_length=1000, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("参加申請")
        verbose_name_plural = _("参加申請")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected", "withdrawn"]),
                name="join_request_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}→{self.organization_id} {self.status}"


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("未回答")
        ACCEPTED = "accepted", _("承諾済み")
        REVOKED = "revoked", _("取り消し")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("招待先メールアドレス"))
    role = models.CharField(
        _("権限"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("招待")
        verbose_name_plural = _("招待")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "revoked"]),
                name="invitation_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(role="owner"), name="invitation_never_grants_owner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization_id}"
