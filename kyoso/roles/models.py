"""Platform roles: MAP'S+O from seed 002 plus the secretariat (事務局).

A role is held by a person or by an organization (never both on one row). The secretariat
role is held only by people: it is the staff role that moves issues, screens applications and
reads the audit log.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PlatformRole(models.TextChoices):
    MANAGER = "manager", _("マネージャー（エコシステムの運営）")
    AGGREGATOR = "aggregator", _("アグリゲーター（つなぎ役）")
    PLAYER = "player", _("プレイヤー（プロジェクトの実践者）")
    SUPPORTER = "supporter", _("サポーター（自治体）")
    ORGANIZER = "organizer", _("オーガナイザー（場とイベントの運営）")
    SECRETARIAT = "secretariat", _("事務局")


MAPSO_ROLES = [r for r in PlatformRole if r != PlatformRole.SECRETARIAT]


class RoleAssignment(models.Model):
    role = models.CharField(_("役割"), max_length=20, choices=PlatformRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("役割の付与")
        verbose_name_plural = _("役割の付与")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(user__isnull=False, organization__isnull=True)
                    | Q(user__isnull=True, organization__isnull=False)
                ),
                name="role_held_by_user_xor_organization",
            ),
            models.CheckConstraint(
                condition=~Q(role="secretariat") | Q(user__isnull=False),
                name="secretariat_role_only_for_people",
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in PlatformRole]), name="role_known"
            ),
            models.UniqueConstraint(
                fields=["role", "user"], condition=Q(user__isnull=False), name="unique_user_role"
            ),
            models.UniqueConstraint(
                fields=["role", "organization"],
                condition=Q(organization__isnull=False),
                name="unique_organization_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} → {self.user_id or self.organization_id}"
