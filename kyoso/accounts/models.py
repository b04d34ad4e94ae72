"""People: the user account, the public profile and its per-field visibility, TOTP devices."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.accounts.managers import UserManager

DELETED_USER_LABEL = _("退会したユーザー")


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address.

    Deleted accounts are kept as anonymised rows so that what they contributed stays
    attributed to 「退会したユーザー」; ``deleted_at`` marks them.
    """

    email = models.EmailField(_("メールアドレス"), unique=True)
    display_name = models.CharField(_("表示名"), max_length=50)
    family_name = models.CharField(_("姓"), max_length=50, blank=True)
    given_name = models.CharField(_("名"), max_length=50, blank=True)
    family_name_kana = models.CharField(_("姓（フリガナ）"), max_length=50, blank=True)
    given_name_kana = models.CharField(_("名（フリガナ）"), max_length=50, blank=True)
    email_verified_at = models.DateTimeField(_("メール確認日時"), null=True, blank=True)
    is_staff = models.BooleanField(_("管理画面へのアクセス"), default=False)
    is_active = models.BooleanField(_("有効"), default=True)
    date_joined = models.DateTimeField(_("登録日時"), default=timezone.now)
    deleted_at = models.DateTimeField(_("退会日時"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("ユーザー")
        verbose_name_plural = _("ユーザー")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")),
                name="user_email_lowercase",
            ),
        ]

    def __str__(self) -> str:
        return str(self.public_name)

    @property
    def public_name(self) -> str:
        if self.deleted_at is not None:
            return str(DELETED_USER_LABEL)
        return self.display_name

    @property
    def is_email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def full_name_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}".strip()


class Visibility(models.TextChoices):
    PUBLIC = "public", _("公開")
    MEMBERS = "members", _("会員のみ")
    SECRETARIAT = "secretariat", _("事務局のみ")


class Sector(models.TextChoices):
    CITIZEN = "citizen", _("市民")
    NPO = "npo", _("NPO・市民活動")
    COMPANY = "company", _("企業")
    UNIVERSITY = "university", _("大学・研究機関")
    FINANCE = "finance", _("金融機関")
    GOVERNMENT = "government", _("行政")
    STUDENT = "student", _("学生")
    OTHER = "other", _("その他")


class ContactPreference(models.TextChoices):
    PLATFORM = "platform", _("Kyoso内のメッセージ")
    EMAIL = "email", _("メール")
    NONE = "none", _("連絡を受け付けない")


class Offer(models.TextChoices):
    """What a person can give besides a skill (the onboarding's third step)."""

    ADVICE = "advice", _("助言・相談にのる")
    TIME = "time", _("時間（手伝い・ボランティア）")
    PLACE = "place", _("場所（会場・スペース）")


class Profile(models.Model):
    """What a person tells others about themselves; each field has its own visibility."""

    #: The fields whose visibility the person chooses, with their defaults.
    VISIBLE_FIELDS: dict[str, str] = {
        "full_name": Visibility.MEMBERS,
        "bio": Visibility.PUBLIC,
        "skills": Visibility.PUBLIC,
        "themes": Visibility.PUBLIC,
        "sectors": Visibility.PUBLIC,
        "municipality": Visibility.PUBLIC,
        "availability": Visibility.MEMBERS,
        "contact": Visibility.MEMBERS,
    }

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    bio = models.TextField(_("自己紹介"), max_length=2000, blank=True)
    skills = models.JSONField(_("スキル"), default=list, blank=True)
    themes = models.JSONField(_("関心のあるテーマ"), default=list, blank=True)
    sectors = models.JSONField(_("セクター"), default=list, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("地域"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    available_side_job = models.BooleanField(_("副業・兼業で関われる"), default=False)
    available_volunteer = models.BooleanField(_("ボランティアで関われる"), default=False)
    available_advice = models.BooleanField(_("助言できる"), default=False)
    contact_preference = models.CharField(
        _("連絡方法"),
        max_length=20,
        choices=ContactPreference.choices,
        default=ContactPreference.PLATFORM,
    )
    # Answers of the onboarding (kyoso.accounts.services.onboarding), as keys of the shared
    # vocabularies (kyoso.issues.vocab.Theme, kyoso.core.skills.Skill) so that lists and
    # matching can filter by them. Shown under the visibility of "themes", "skills" and
    # "availability".
    theme_keys = models.JSONField(_("関心のあるテーマ（分類）"), default=list, blank=True)
    skill_keys = models.JSONField(_("スキル（分類）"), default=list, blank=True)
    offers = models.JSONField(_("できること"), default=list, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(_("月に関われる時間"), null=True, blank=True)
    onboarded_at = models.DateTimeField(_("はじめての設定の完了日時"), null=True, blank=True)
    visibility = models.JSONField(_("公開範囲"), default=dict, blank=True)
    avatar = models.ImageField(_("アイコン画像"), upload_to="avatars/%Y/%m/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("プロフィール")
        verbose_name_plural = _("プロフィール")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_month__lte=744),
                name="profile_hours_per_month_in_a_month",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user_id}"

    def visibility_of(self, field: str) -> str:
        return self.visibility.get(field, self.VISIBLE_FIELDS[field])


class TOTPDevice(models.Model):
    """A confirmed (or pending) authenticator app secret for two-factor sign-in."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_counter = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("二要素認証デバイス")
        verbose_name_plural = _("二要素認証デバイス")

    def __str__(self) -> str:
        return f"TOTP for {self.user_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
