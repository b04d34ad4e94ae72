"""Hubs (拠点) and their spaces (seeds 000, 001, 002).

A hub is a physical place run by an organization: a meeting room, an event hall, a pool of
coworking desks, a kitchen or workshop. Each space says who may book it, what it costs in
integer yen and how long a booking may be. Opening hours, closed days and bookings live in
``kyoso.hubs.models_booking``; business rules live in services/.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyoso.core.geo import latitude_field, longitude_field, point_constraints

NAME_MAX = 100
TEXT_MAX = 2_000
#: One day in minutes: no booking is longer than a day except a series of days.
DAY_MINUTES = 24 * 60
#: Ten million yen per hour or per day: more is a typo.
PRICE_MAX = 10_000_000
SEATS_MAX = 500
WINDOW_MAX_DAYS = 730


class Hub(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("運営団体"),
        on_delete=models.PROTECT,
        related_name="hubs",
    )
    name = models.CharField(_("拠点名"), max_length=NAME_MAX)
    slug = models.SlugField(_("URL用の名前"), max_length=60, unique=True)
    description = models.TextField(_("紹介"), max_length=TEXT_MAX, blank=True)
    address = models.CharField(_("住所"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=pgettext_lazy("one municipality", "市区町村"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hubs",
    )
    latitude = latitude_field()
    longitude = longitude_field()
    access_notes = models.TextField(_("アクセス"), max_length=TEXT_MAX, blank=True)
    #: Communities whose members book like members of the organization.
    communities = models.ManyToManyField(
        "communities.Community", verbose_name=_("連携コミュニティ"), blank=True, related_name="hubs"
    )
    #: How many days ahead a booking may start (the booking window).
    booking_window_days = models.PositiveSmallIntegerField(_("予約受付（何日先まで）"), default=90)
    #: A cancellation is free of charge until this many hours before the start.
    free_cancel_hours = models.PositiveSmallIntegerField(
        _("無料キャンセル（何時間前まで）"), default=24
    )
    closed_on_holidays = models.BooleanField(_("祝日は休館"), default=True)
    #: Closed from 29 December to 3 January (年末年始).
    closed_year_end = models.BooleanField(_("年末年始（12月29日〜1月3日）は休館"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("拠点")
        verbose_name_plural = _("拠点")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(booking_window_days__gte=1)
                & Q(booking_window_days__lte=WINDOW_MAX_DAYS),
                name="hub_window_range",
            ),
            *point_constraints("hub"),
        ]

    def __str__(self) -> str:
        return self.name


class HubPhoto(models.Model):
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("写真"), upload_to="hubs/%Y/%m/")
    caption = models.CharField(_("説明（代替テキスト）"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.caption


class SpaceKind(models.TextChoices):
    ROOM = "room", _("会議室")
    HALL = "hall", _("ホール")
    DESKS = "desks", _("コワーキング席")
    KITCHEN = "kitchen", _("キッチン・工房")


class WhoMayBook(models.TextChoices):
    EVERYONE = "everyone", _("誰でも")
    MEMBERS = "members", _("運営団体・連携コミュニティのメンバー")
    STAFF = "staff", _("スタッフのみ")


class PriceUnit(models.TextChoices):
    HOUR = "hour", _("1時間あたり")
    DAY = "day", _("1日あたり")


class Space(models.Model):
    hub = models.ForeignKey(
        Hub, verbose_name=_("拠点"), on_delete=models.CASCADE, related_name="spaces"
    )
    name = models.CharField(_("スペース名"), max_length=NAME_MAX)
    slug = models.SlugField(_("URL用の名前"), max_length=60)
    kind = models.CharField(_("種類"), max_length=10, choices=SpaceKind.choices)
    description = models.TextField(_("紹介"), max_length=TEXT_MAX, blank=True)
    #: People in the room; for a desk pool, the number of seats (N).
    capacity = models.PositiveSmallIntegerField(_("定員（席数）"), default=1)
    equipment = models.TextField(_("設備"), max_length=TEXT_MAX, blank=True)
    accessibility_notes = models.TextField(_("バリアフリー情報"), max_length=TEXT_MAX, blank=True)
    who_may_book = models.CharField(
        _("予約できる人"), max_length=10, choices=WhoMayBook.choices, default=WhoMayBook.EVERYONE
    )
    price_unit = models.CharField(
        _("料金の単位"), max_length=4, choices=PriceUnit.choices, default=PriceUnit.HOUR
    )
    price_yen = models.BigIntegerField(_("料金（円）"), default=0)
    #: Members of the hub's organization or its communities (NPOs, circles) book for free.
    free_for_members = models.BooleanField(_("メンバーは無料"), default=False)
    needs_approval = models.BooleanField(_("スタッフの承認が必要"), default=False)
    #: Bookings longer than this need approval even when the space does not (0: never).
    approval_over_minutes = models.PositiveSmallIntegerField(
        _("承認が必要になる長さ（分）"), default=0
    )
    min_minutes = models.PositiveSmallIntegerField(_("最短（分）"), default=30)
    max_minutes = models.PositiveSmallIntegerField(_("最長（分）"), default=240)
    buffer_minutes = models.PositiveSmallIntegerField(_("予約間の準備時間（分）"), default=0)
    #: A booking may run past midnight into the next day (an overnight hall, a 24-hour
    #: workshop): it must start within the day's hours, and may end after closing.
    across_midnight = models.BooleanField(_("日付をまたぐ予約を受け付ける"), default=False)
    active = models.BooleanField(_("受付中"), default=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("スペース")
        verbose_name_plural = _("スペース")
        ordering = ["hub", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "slug"], name="space_slug_per_hub"),
            models.CheckConstraint(condition=Q(kind__in=SpaceKind.values), name="space_kind_known"),
            models.CheckConstraint(
                condition=Q(who_may_book__in=WhoMayBook.values), name="space_who_known"
            ),
            models.CheckConstraint(
                condition=Q(price_unit__in=PriceUnit.values), name="space_price_unit_known"
            ),
            models.CheckConstraint(
                condition=Q(price_yen__gte=0) & Q(price_yen__lte=PRICE_MAX),
                name="space_price_range",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=SEATS_MAX),
                name="space_capacity_range",
            ),
            models.CheckConstraint(
                condition=Q(min_minutes__gte=5)
                & Q(max_minutes__gte=models.F("min_minutes"))
                & Q(max_minutes__lte=DAY_MINUTES),
                name="space_length_range",
            ),
            models.CheckConstraint(condition=Q(buffer_minutes__lte=240), name="space_buffer_range"),
        ]

    def __str__(self) -> str:
        return f"{self.hub} {self.name}"

    @property
    def is_desk_pool(self) -> bool:
        return self.kind == SpaceKind.DESKS
