"""Personal API tokens: a person's programs act as that person through the REST API.

Only the SHA-256 digest of a secret is stored. The secret (``kyo_<prefix>_<random>``) is shown
once, when the token is issued; the eight-character ``prefix`` stays visible so that people can
tell their tokens apart. See docs/decisions/0004-api.md.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    READ = "read", _("読み取り")
    WRITE = "write", _("読み取りと書き込み")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("名前"), max_length=100)
    prefix = models.CharField(_("トークンの先頭"), max_length=8)
    token_hash = models.CharField(max_length=64, unique=True)
    #: The broadest scope granted; ``write`` includes ``read``.
    scope = models.CharField(
        _("スコープ"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ
    )
    created_at = models.DateTimeField(_("発行日時"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最終利用日時"), null=True, blank=True)
    expires_at = models.DateTimeField(_("有効期限"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("失効日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("APIトークン")
        verbose_name_plural = _("APIトークン")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=[s.value for s in TokenScope]), name="api_token_scope_known"
            ),
        ]

    def __str__(self) -> str:
        # Never the secret: the name and the visible prefix only.
        return f"{self.name} (kyo_{self.prefix}…)"

    @property
    def scopes(self) -> list[str]:
        if self.scope == TokenScope.WRITE:
            return [TokenScope.READ.value, TokenScope.WRITE.value]
        return [TokenScope.READ.value]

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    @property
    def active(self) -> bool:
        """Neither revoked nor expired (whether the owner may still sign in aside)."""
        return self.revoked_at is None and not self.is_expired()

    def is_usable(self, now: datetime | None = None) -> bool:
        """Not revoked, not expired, and its owner may still sign in."""
        user = self.user
        return (
            self.revoked_at is None
            and not self.is_expired(now)
            and user.is_active
            and user.deleted_at is None
        )
