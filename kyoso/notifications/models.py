"""In-site notifications and each person's choice of how they are mailed."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TEXT_MAX = 500
URL_MAX = 500


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("すぐに1件ずつ送る")
    DAILY = "daily", _("1日1回まとめて送る")
    WEEKLY = "weekly", _("週1回まとめて送る")
    NEVER = "never", _("メールでは送らない")


class NotificationPreference(models.Model):
    """How one person wants notifications mailed; a person without a row gets the default."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_frequency = models.CharField(
        _("メールでのお知らせ"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATE,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("通知の設定")
        verbose_name_plural = _("通知の設定")
        constraints = [
            models.CheckConstraint(
                condition=Q(email_frequency__in=[f.value for f in EmailFrequency]),
                name="notification_frequency_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_frequency}"


class Mail(models.TextChoices):
    """How a notification travels by email, decided when it is created."""

    NONE = "none", _("送らない")
    IMMEDIATE = "immediate", _("すぐに送る")
    DIGEST = "digest", _("まとめて送る")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("種類"), max_length=50)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(_("対象"), max_length=200, blank=True)
    text = models.CharField(_("内容"), max_length=TEXT_MAX)
    url = models.CharField(_("リンク"), max_length=URL_MAX)
    created_at = models.DateTimeField(_("日時"), default=timezone.now)
    read_at = models.DateTimeField(_("既読にした日時"), null=True, blank=True)
    mail = models.CharField(max_length=10, choices=Mail.choices, default=Mail.NONE)
    emailed_at = models.DateTimeField(_("メール送信日時"), null=True, blank=True)
    #: Set by the digest worker that claimed the row, so it mails exactly the rows it claimed.
    digest_batch = models.UUIDField(null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(mail="digest", emailed_at__isnull=True),
                name="notification_digest_due",
            ),
            models.Index(fields=["digest_batch"], name="notification_batch"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(mail__in=[m.value for m in Mail]), name="notification_mail_known"
            ),
            models.CheckConstraint(
                condition=Q(target_type__isnull=True) | Q(target_id__isnull=False),
                name="notification_target_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
