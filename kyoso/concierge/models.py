"""Concierge consultations (相談) at a hub (issue 18, seed 001's サンロク・コンシェルジュ).

- :class:`Concierge`: a person the hub's staff mark as a concierge of that hub.
- :class:`Slot`: a time a concierge offers; a signed-in person books it.
- :class:`Consultation`: one consultation (booked from a slot, or a walk-in the staff record),
  with its status (append-only :class:`ConsultationStatusChange` rows) and, once held, the
  concierge's private record: what was asked, what was advised, the follow-up.
- :class:`Introduction`: who was introduced to whom (person → person or person →
  organization) on which date: a tie the collaboration network reads
  (:func:`kyoso.concierge.selectors.introductions_between`).

Nothing here is public: rules.py says who reads what. Business rules live in services/.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TOPIC_MAX = 200
TEXT_MAX = 4_000
MIN_MINUTES = 10
MAX_MINUTES = 240


class Concierge(models.Model):
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("拠点"), on_delete=models.CASCADE, related_name="concierges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("コンシェルジュ"),
        on_delete=models.CASCADE,
        related_name="concierge_roles",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("コンシェルジュ")
        verbose_name_plural = _("コンシェルジュ")
        ordering = ["hub", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "user"], name="concierge_once_per_hub"),
        ]

    def __str__(self) -> str:
        return f"{self.hub} {self.user}"


class Slot(models.Model):
    """A time a concierge offers for a consultation. Booked while a live (not cancelled)
    consultation points at it; the partial unique constraint on Consultation.slot keeps it to
    one, on SQLite and PostgreSQL alike."""

    hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("拠点"), on_delete=models.CASCADE, related_name="+"
    )
    concierge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("コンシェルジュ"),
        on_delete=models.CASCADE,
        related_name="concierge_slots",
    )
    starts_at = models.DateTimeField(_("開始日時"))
    minutes = models.PositiveSmallIntegerField(_("長さ（分）"), default=30)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("相談枠")
        verbose_name_plural = _("相談枠")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=MIN_MINUTES) & Q(minutes__lte=MAX_MINUTES),
                name="concierge_slot_length_range",
            ),
            models.UniqueConstraint(
                fields=["concierge", "starts_at"], name="concierge_slot_once_per_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hub} {self.starts_at:%Y-%m-%d %H:%M}"


class ConsultationStatus(models.TextChoices):
    BOOKED = "booked", _("予約済み")
    HELD = "held", _("実施済み")
    CANCELLED = "cancelled", _("キャンセル")
    NO_SHOW = "no_show", _("無断欠席")


class Consultation(models.Model):
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("拠点"), on_delete=models.PROTECT, related_name="+"
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultations"
    )
    concierge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("コンシェルジュ"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="consultations_given",
    )
    #: The person who consulted; None for a walk-in without an account (then walk_in_name).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("相談者"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    walk_in_name = models.CharField(_("相談者の名前（アカウントなし）"), max_length=100, blank=True)
    is_walk_in = models.BooleanField(_("飛び込みの相談"), default=False)
    starts_at = models.DateTimeField(_("開始日時"))
    minutes = models.PositiveSmallIntegerField(_("長さ（分）"), default=30)
    topic = models.CharField(_("相談したいこと"), max_length=TOPIC_MAX)
    #: Keys of the shared theme vocabulary (kyoso.issues.vocab.Theme), as profiles keep them.
    themes = models.JSONField(_("テーマ"), default=list, blank=True)
    issue = models.ForeignKey(
        "issues.Issue",
        verbose_name=_("関連する課題"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("関連する団体"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("状態"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.BOOKED,
    )
    # The private record, written by the concierge after the consultation.
    asked = models.TextField(_("相談の内容"), max_length=TEXT_MAX, blank=True)
    advised = models.TextField(_("助言したこと"), max_length=TEXT_MAX, blank=True)
    follow_up_on = models.DateField(_("フォローアップ日"), null=True, blank=True)
    #: Addressed to the person: they read it on their page and in the reminder mail.
    follow_up_note = models.TextField(
        _("相談者へのフォローアップ"), max_length=TEXT_MAX, blank=True
    )
    followed_up_at = models.DateTimeField(_("フォローアップ済み"), null=True, blank=True)
    follow_up_reminded_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(_("記録日時"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("相談")
        verbose_name_plural = _("相談")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ConsultationStatus.values),
                name="consultation_status_known",
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=MIN_MINUTES) & Q(minutes__lte=MAX_MINUTES),
                name="consultation_length_range",
            ),
            # One live consultation per slot: a cancelled one frees it.
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(slot__isnull=False) & ~Q(status="cancelled"),
                name="consultation_one_live_per_slot",
            ),
        ]
        indexes = [
            models.Index(fields=["hub", "starts_at"], name="consultation_hub_start"),
            models.Index(fields=["follow_up_on"], name="consultation_follow_up"),
        ]

    def __str__(self) -> str:
        return f"{self.hub} {self.starts_at:%Y-%m-%d}"

    @property
    def person_name(self) -> str:
        if self.person is not None:
            return str(self.person.public_name)
        return self.walk_in_name


class ConsultationStatusChange(models.Model):
    """Append-only: every move of a consultation's status, with who and why."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, choices=ConsultationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_status__in=ConsultationStatus.values),
                name="consultation_change_to_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class Introduction(models.Model):
    """Person → person or person → organization, introduced on a date by a concierge."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="introductions"
    )
    from_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("紹介した人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    to_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("紹介先の人"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    to_organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("紹介先の団体"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    introduced_on = models.DateField(_("紹介日"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("紹介")
        verbose_name_plural = _("紹介")
        ordering = ["introduced_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(to_person__isnull=False) & Q(to_organization__isnull=True))
                | (Q(to_person__isnull=True) & Q(to_organization__isnull=False)),
                name="introduction_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(to_person=models.F("from_person")),
                name="introduction_not_to_self",
            ),
        ]
        indexes = [models.Index(fields=["introduced_on"], name="introduction_on")]

    def __str__(self) -> str:
        target = self.to_person_id or self.to_organization_id
        return f"{self.introduced_on} {self.from_person_id} → {target}"

    @property
    def target(self):
        return self.to_person if self.to_person_id else self.to_organization
