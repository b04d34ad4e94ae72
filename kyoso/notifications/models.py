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


class Delivery(models.TextChoices):
    """How one type of notification reaches a person (a row of the settings page)."""

    SITE = "site", _("サイトだけ")
    IMMEDIATE = "immediate", _("メールですぐに")
    DAILY = "daily", _("1日1回まとめてメール")
    WEEKLY = "weekly", _("週1回まとめてメール")
    OFF = "off", _("受け取らない")


#: The delivery of a type the person never set: what their one mail frequency said before
#: there were types, so nobody's mail changed when types arrived.
DELIVERY_BY_FREQUENCY = {
    EmailFrequency.IMMEDIATE: Delivery.IMMEDIATE,
    EmailFrequency.DAILY: Delivery.DAILY,
    EmailFrequency.WEEKLY: Delivery.WEEKLY,
    EmailFrequency.NEVER: Delivery.SITE,
}


class NotificationPreference(models.Model):
    """How one person wants notifications mailed; a person without a row gets the default.

    ``email_frequency`` is the default of every type the person has no
    :class:`NotificationSetting` for (see :data:`DELIVERY_BY_FREQUENCY`).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_frequency = models.CharField(
        _("メールでのお知らせ"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATE,
    )
    #: Quiet hours in the site's time zone (Asia/Tokyo): immediate mail due inside them waits
    #: until they end. Both or neither; the end may be the next morning (22:00–07:00).
    quiet_start = models.TimeField(_("通知を控える時間（開始）"), null=True, blank=True)
    quiet_end = models.TimeField(_("通知を控える時間（終了）"), null=True, blank=True)
    #: The language of mail sent by scheduled jobs (digests, held mail); "" = the site's.
    language = models.CharField(_("メールの言語"), max_length=10, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("通知の設定")
        verbose_name_plural = _("通知の設定")
        constraints = [
            models.CheckConstraint(
                condition=Q(email_frequency__in=[f.value for f in EmailFrequency]),
                name="notification_frequency_known",
            ),
            models.CheckConstraint(
                condition=(Q(quiet_start__isnull=True) & Q(quiet_end__isnull=True))
                | (
                    Q(quiet_start__isnull=False)
                    & Q(quiet_end__isnull=False)
                    & ~Q(quiet_start=models.F("quiet_end"))
                ),
                name="notification_quiet_hours_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_frequency}"


class NotificationSetting(models.Model):
    """One person's delivery for one notification type (``kyoso.notifications.types``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    group = models.CharField(_("種類"), max_length=40)
    delivery = models.CharField(_("受け取り方"), max_length=10, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("通知の種類ごとの設定")
        verbose_name_plural = _("通知の種類ごとの設定")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="notification_setting_once"),
            models.CheckConstraint(
                condition=Q(delivery__in=[d.value for d in Delivery]),
                name="notification_delivery_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.group} {self.delivery}"


class Mail(models.TextChoices):
    """How a notification travels by email, decided when it is created (and moved when the
    person changes the type's delivery before it went out)."""

    NONE = "none", _("送らない")
    IMMEDIATE = "immediate", _("すぐに送る")
    DAILY = "daily", _("1日1回まとめて送る")
    WEEKLY = "weekly", _("週1回まとめて送る")


DIGEST_MAILS = (Mail.DAILY, Mail.WEEKLY)


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
    #: Immediate mail held by quiet hours: sent by ``send_held_mail`` from this moment.
    mail_after = models.DateTimeField(null=True, blank=True)
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
                fields=["mail", "recipient"],
                condition=Q(mail__in=["daily", "weekly"], emailed_at__isnull=True),
                name="notification_digest_waiting",
            ),
            models.Index(
                fields=["mail_after"],
                condition=Q(mail="immediate", emailed_at__isnull=True),
                name="notification_held",
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


class DigestSent(models.Model):
    """One digest mailed to one person for one period: the unique key is what makes "no
    person ever gets more than one digest per period" hold under overlapping runs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests_sent"
    )
    period = models.CharField(max_length=10)
    #: The Tokyo date the period starts: the day (daily) or the week's Monday (weekly).
    period_start = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("送ったまとめメール")
        verbose_name_plural = _("送ったまとめメール")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "period_start"], name="digest_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period__in=["daily", "weekly"]), name="digest_period_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.period} {self.period_start}"
