"""Pages the staff edit (privacy policy, terms) and the site-wide settings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SitePage(models.Model):
    class Slug(models.TextChoices):
        PRIVACY = "privacy", _("プライバシーポリシー")
        TERMS = "terms", _("利用規約")

    slug = models.CharField(max_length=30, unique=True, choices=Slug.choices)
    title_ja = models.CharField(_("タイトル（日本語）"), max_length=100)
    body_ja = models.TextField(_("本文（日本語）"), max_length=50000)
    title_en = models.CharField(_("タイトル（英語）"), max_length=100, blank=True)
    body_en = models.TextField(_("本文（英語）"), max_length=50000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("固定ページ")
        verbose_name_plural = _("固定ページ")

    def __str__(self) -> str:
        return self.title_ja

    def title_for(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title_ja

    def body_for(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body_ja


class SiteSettings(models.Model):
    """A single row of site-wide switches the secretariat controls."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    site_name = models.CharField(_("サイト名"), max_length=100, default="Kyoso")
    require_two_factor_for_staff = models.BooleanField(
        _("事務局・管理者に二要素認証を必須にする"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("サイト設定")
        verbose_name_plural = _("サイト設定")
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=True), name="site_settings_single")
        ]

    def __str__(self) -> str:
        return self.site_name
