"""Payments: money coming in for a purpose of another app (a donation, a pledge), by bank
transfer (振込, reconciled from the bank's statement) or by card (Stripe PaymentIntents).

No money columns are the truth here: captures and refunds are posted to the ledger
(``kyoso.ledger``); ``captured_amount``/``refunded_amount`` are the payment's own counters,
moved with conditional updates so that refunds never exceed what was captured, and proved
against the ledger by the tests. Every status change is an append-only
:class:`PaymentTransition` row (healthchecks' ``Flip``). docs/payments.md has the flows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kyoso.ledger.models import MAX_AMOUNT


class Method(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("銀行振込")
    CARD = "card", _("クレジットカード")


class CaptureMode(models.TextChoices):
    AUTOMATIC = "automatic", _("自動")
    MANUAL = "manual", _("手動（目標達成時）")


class Status(models.TextChoices):
    PENDING = "pending", _("入金待ち")
    AUTHORIZED = "authorized", _("与信済み")
    CAPTURED = "captured", _("入金済み")
    REFUNDED = "refunded", _("全額返金済み")
    CANCELLED = "cancelled", _("取り消し")


OPEN_STATUSES = (Status.PENDING, Status.AUTHORIZED)


class Payment(models.Model):
    purpose = models.CharField(max_length=40)
    purpose_id = models.PositiveBigIntegerField()
    amount = models.BigIntegerField()
    method = models.CharField(max_length=20, choices=Method.choices)
    capture_mode = models.CharField(
        max_length=10, choices=CaptureMode.choices, default=CaptureMode.AUTOMATIC
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    #: The human-typable code the payer writes in 振込依頼人名 (``KY-7XK3-92QD``); every payment
    #: has one (a card payer can quote it to the secretariat too).
    reference = models.CharField(max_length=12, unique=True)
    payer_name = models.CharField(max_length=100)
    payer_kana = models.CharField(max_length=100, blank=True, default="")
    #: The caller's key: the same key returns the same payment (a double-submitted form).
    idempotency_key = models.CharField(max_length=100, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    stripe_payment_intent = models.CharField(max_length=100, null=True, blank=True, unique=True)
    stripe_client_secret = models.CharField(max_length=200, blank=True, default="")
    captured_amount = models.BigIntegerField(default=0)
    refunded_amount = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    captured_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["purpose", "purpose_id"], name="payments_payment_purpose"),
            models.Index(fields=["status", "method"], name="payments_payment_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="payments_payment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(method__in=Method.values), name="payments_payment_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(capture_mode__in=CaptureMode.values),
                name="payments_payment_capture_mode_valid",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0, amount__lte=MAX_AMOUNT),
                name="payments_payment_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(captured_amount__gte=0, captured_amount__lte=MAX_AMOUNT),
                name="payments_payment_captured_range",
            ),
            # The backstop of "refunds never exceed what was captured" (the services refuse
            # first, with a conditional UPDATE and a clear message).
            models.CheckConstraint(
                condition=Q(refunded_amount__gte=0, refunded_amount__lte=F("captured_amount")),
                name="payments_payment_refunds_le_captured",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def refundable_amount(self) -> int:
        return self.captured_amount - self.refunded_amount


class PaymentTransition(models.Model):
    """Append-only history of a payment's status (never updated or deleted)."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    amount = models.BigIntegerField(default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(max_length=500, blank=True, default="")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.payment_id}: {self.from_status}→{self.to_status}"


class RefundStatus(models.TextChoices):
    OWED = "owed", _("返金待ち（振込）")
    PAID = "paid", _("返金済み")


class Refund(models.Model):
    """One refund of a payment (or of a statement line that matched none). Card refunds are
    made at Stripe at once (``paid``); bank-transfer refunds are owed until staff mark them
    paid (the secretariat sends the transfer)."""

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="refunds"
    )
    statement_line = models.OneToOneField(
        "StatementLine", on_delete=models.PROTECT, null=True, blank=True, related_name="refund"
    )
    amount = models.BigIntegerField()
    reason = models.CharField(max_length=500)
    status = models.CharField(max_length=8, choices=RefundStatus.choices)
    stripe_refund = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, amount__lte=MAX_AMOUNT),
                name="payments_refund_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RefundStatus.values), name="payments_refund_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(payment__isnull=False) | Q(statement_line__isnull=False),
                name="payments_refund_of_something",
            ),
        ]

    def __str__(self) -> str:
        return f"refund {self.pk}"


class StatementFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    ZENGIN = "zengin", _("全銀（入出金取引明細）")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("待機中")
    RUNNING = "running", _("処理中")
    DONE = "done", _("完了")
    FAILED = "failed", _("失敗")


class StatementImport(models.Model):
    filename = models.CharField(max_length=200)
    format = models.CharField(max_length=8, choices=StatementFormat.choices)
    #: SHA-256 of the file's bytes: the same file imported twice is refused.
    file_hash = models.CharField(max_length=64, unique=True)
    content = models.BinaryField()
    status = models.CharField(max_length=8, choices=ImportStatus.choices)
    total_lines = models.PositiveIntegerField(default=0)
    processed_lines = models.PositiveIntegerField(default=0)
    new_lines = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="payments_import_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=StatementFormat.values), name="payments_import_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(processed_lines__lte=F("total_lines")),
                name="payments_import_progress_le_total",
            ),
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        if not self.total_lines:
            return 100 if self.status == ImportStatus.DONE else 0
        return self.processed_lines * 100 // self.total_lines


class LineStatus(models.TextChoices):
    MATCHED = "matched", _("自動照合済み")
    UNMATCHED = "unmatched", _("照合できず")
    PARTIAL = "partial", _("一部入金")
    OVER = "over", _("過入金")
    ASSIGNED = "assigned", _("手動で割り当て済み")
    REFUNDED = "refunded", _("返金扱い")
    IGNORED = "ignored", _("対象外")


OPEN_LINE_STATUSES = (LineStatus.UNMATCHED, LineStatus.PARTIAL, LineStatus.OVER)


class StatementLine(models.Model):
    """One incoming transfer of a bank statement. ``line_hash`` (date, amount, payer, the
    bank's own number) is unique: a line seen in an earlier (overlapping) statement is skipped."""

    statement = models.ForeignKey(StatementImport, on_delete=models.PROTECT, related_name="lines")
    line_number = models.PositiveIntegerField()
    line_hash = models.CharField(max_length=64, unique=True)
    booked_on = models.DateField()
    amount = models.BigIntegerField()
    payer_kana = models.CharField(max_length=100, blank=True, default="")
    description = models.CharField(max_length=200, blank=True, default="")
    bank_reference = models.CharField(max_length=40, blank=True, default="")
    #: The reference code read from the payer's name or the description (normalized).
    reference = models.CharField(max_length=12, blank=True, default="")
    status = models.CharField(max_length=10, choices=LineStatus.choices)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="statement_lines"
    )
    note = models.CharField(max_length=500, blank=True, default="")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["statement_id", "line_number"]
        indexes = [models.Index(fields=["status"], name="payments_line_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=LineStatus.values), name="payments_line_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0, amount__lte=MAX_AMOUNT),
                name="payments_line_amount_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booked_on} {self.amount} {self.payer_kana}"


class WebhookEvent(models.Model):
    """A Stripe event already handled: its id is unique, so a replay changes nothing."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="webhook_events"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.event_id
