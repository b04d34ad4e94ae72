"""LINE Login: the secretariat's channel and the LINE accounts people connected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LineChannel(models.Model):
    """The one LINE Login channel of this site (a single row), set up by the secretariat.

    The secret is stored as typed (the server needs it to sign nothing, but to check the ID
    token's HS256 signature and to redeem codes) and never shown back in full.
    """

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    enabled = models.BooleanField(_("LINEログインを使う"), default=False)
    channel_id = models.CharField(_("チャネルID"), max_length=20, blank=True)
    channel_secret = models.CharField(_("チャネルシークレット"), max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("LINEログインの設定")
        verbose_name_plural = _("LINEログインの設定")
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=True), name="line_channel_single")
        ]

    def __str__(self) -> str:
        return f"LINE channel {self.channel_id or '-'}"

    @property
    def is_usable(self) -> bool:
        return bool(self.enabled and self.channel_id and self.channel_secret)

    @property
    def masked_secret(self) -> str:
        if not self.channel_secret:
            return ""
        return "•" * 8 + self.channel_secret[-4:]


class LineAccount(models.Model):
    """A LINE account (its stable user id, the ID token's ``sub``) connected to one person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="line_account"
    )
    sub = models.CharField(_("LINEユーザーID"), max_length=64, unique=True)
    line_name = models.CharField(_("LINEの表示名"), max_length=100, blank=True)
    connected_at = models.DateTimeField(_("連携日時"), default=timezone.now)

    class Meta:
        verbose_name = _("LINE連携")
        verbose_name_plural = _("LINE連携")

    def __str__(self) -> str:
        return f"LINE {self.sub} of {self.user_id}"
