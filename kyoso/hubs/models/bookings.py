"""Opening hours, closed days and bookings of a hub's spaces.

A room is booked for a time range (``slot``); a seat of a desk pool for a day (``day_pass``).
Two slots of one space never overlap, buffer included: the services check under a lock of the
space row, and on PostgreSQL the exclusion constraint ``booking_no_overlap`` (migration 0003,
btree_gist) refuses what a check could miss. A desk pool's seats taken on a day are counted in
:class:`DeskDay`, claimed with a conditional UPDATE, never above the seat count.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kyoso.hubs.models.hubs import Hub, Space

PURPOSE_MAX = 200
REASON_MAX = 1_000


class OpeningHours(models.Model):
    """The hours of one weekday (0 Monday … 6 Sunday). A weekday without a row is closed."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("曜日"))
    opens = models.TimeField(_("開館"))
    closes = models.TimeField(_("閉館"))

    class Meta:
        ordering = ["hub", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "weekday"], name="hours_one_per_weekday"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="hours_weekday_range"),
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="hours_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.hub_id} {self.weekday} {self.opens}–{self.closes}"


class Closure(models.Model):
    """A one-off closure (maintenance, an election, a staff holiday), from one day to another."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(_("休館開始日"))
    ends_on = models.DateField(_("休館終了日"))
    reason = models.CharField(_("理由"), max_length=PURPOSE_MAX)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="closure_ordered"
            ),
        ]
        indexes = [models.Index(fields=["hub", "ends_on"], name="closure_hub_end")]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on} {self.reason}"


class BookingKind(models.TextChoices):
    SLOT = "slot", _("時間貸し")
    DAY_PASS = "day_pass", _("ドロップイン（1日）")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("承認待ち")
    CONFIRMED = "confirmed", _("予約確定")
    REFUSED = "refused", _("お断り")
    CANCELLED = "cancelled", _("キャンセル")
    CHECKED_IN = "checked_in", _("チェックイン済み")
    NO_SHOW = "no_show", _("来館なし")


#: States that hold the space (or a seat): nobody else may have it meanwhile.
HOLDING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


def new_booking_code() -> str:
    """A short code for the QR and for typing at the desk (no 0/O or 1/I/L)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class BookingSeries(models.Model):
    """A recurring booking (every week, every other week, the 2nd Tuesday of each month);
    its occurrences are ordinary bookings, each cancellable on its own."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="series")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: The rule as people read it (「毎月第2火曜日 18:00〜20:00」).
    description = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.description


class Booking(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="bookings")
    #: The space's hub, kept on the row for the staff's day board.
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="bookings")
    #: Who booked; empty once their account is erased, or for an event's hold.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub_bookings",
    )
    kind = models.CharField(max_length=10, choices=BookingKind.choices)
    status = models.CharField(_("状態"), max_length=12, choices=BookingStatus.choices)
    #: The local date of the start (the day of a day pass).
    day = models.DateField(_("日付"))
    starts_at = models.DateTimeField(_("開始"))
    ends_at = models.DateTimeField(_("終了"))
    #: ``ends_at`` plus the space's buffer: the range no other slot may overlap.
    blocked_until = models.DateTimeField()
    purpose = models.CharField(_("利用目的"), max_length=PURPOSE_MAX, blank=True)
    attendees = models.PositiveSmallIntegerField(_("人数"), default=1)
    #: What is owed, in yen (0 when free); paid at the desk, recorded by staff.
    owed_yen = models.BigIntegerField(_("料金（円）"), default=0)
    paid_at = models.DateTimeField(_("支払い日時"), null=True, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: A cancellation before this moment is free of charge.
    free_cancel_until = models.DateTimeField()
    series = models.ForeignKey(
        BookingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )
    #: The event (kyoso.events) that holds this booking for its venue.
    event_id = models.PositiveIntegerField(null=True, blank=True)
    code = models.CharField(max_length=12, unique=True, default=new_booking_code)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=BookingKind.values), name="booking_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="booking_status_known"
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_ordered"),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("ends_at")), name="booking_buffer_after_end"
            ),
            models.CheckConstraint(condition=Q(owed_yen__gte=0), name="booking_owed_positive"),
            # A checked-in booking says when.
            models.CheckConstraint(
                condition=~Q(status="checked_in") | Q(checked_in_at__isnull=False),
                name="booking_checked_in_at",
            ),
        ]
        indexes = [
            # Availability of a space, overlap checks.
            models.Index(fields=["space", "starts_at"], name="booking_space_start"),
            # The staff's day board and the desk pool of a day.
            models.Index(fields=["hub", "day"], name="booking_hub_day"),
            # My bookings.
            models.Index(fields=["user", "-starts_at"], name="booking_mine"),
            models.Index(fields=["status", "starts_at"], name="booking_status_start"),
            models.Index(fields=["event_id"], name="booking_event"),
        ]

    def __str__(self) -> str:
        return f"{self.space_id} {self.starts_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def is_holding(self) -> bool:
        return self.status in HOLDING_STATUSES


class BookingTransition(models.Model):
    """Append-only: who moved the booking from where to where, and why."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=BookingStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=BookingStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("理由"), max_length=REASON_MAX, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["booking", "at"], name="booking_history")]

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.from_status} → {self.to_status}"


class DeskDay(models.Model):
    """Seats of a desk pool taken on one day: claimed by a conditional UPDATE
    (``taken < capacity``), given back on cancellation; never negative."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="desk_days")
    day = models.DateField()
    taken = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "day"], name="desk_day_unique"),
            models.CheckConstraint(condition=Q(taken__gte=0), name="desk_day_taken_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.space_id} {self.day}: {self.taken}"
