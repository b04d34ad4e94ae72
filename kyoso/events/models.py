"""Events (セッション, seed 000): regular meetings, theme study sessions, idea events and
hearings, with guests, registration with a waitlist that never oversells, check-in,
attendance, minutes, and the pitches and teams of idea events.

Seat counts are kept on the event (``confirmed_venue`` / ``confirmed_online``) so that a seat
is claimed with one conditional ``UPDATE … WHERE confirmed < capacity`` (see services); the
registrations are the record. Business rules live in services, never here.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyoso.core.geo import latitude_field, longitude_field, point_constraints
from kyoso.issues.vocab import Theme

TITLE_MAX = 120
DESCRIPTION_MAX = 20_000
MINUTES_MAX = 50_000


class EventKind(models.TextChoices):
    REGULAR = "regular", _("定例会")
    STUDY = "study", _("テーマ勉強会")
    IDEA = "idea", _("アイデアイベント")
    HEARING = "hearing", _("ヒアリング")
    OTHER = "other", _("その他")


class EventMode(models.TextChoices):
    VENUE = "venue", _("会場")
    ONLINE = "online", _("オンライン")
    HYBRID = "hybrid", _("ハイブリッド（会場とオンライン）")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", pgettext_lazy("event status", "公開")
    CANCELLED = "cancelled", _("中止")


class IdeaRound(models.TextChoices):
    """Rounds of an idea event, run by the organizer."""

    PITCH = "pitch", _("ピッチ")
    TEAM_UP = "team_up", _("チームづくり")
    PRESENT = "present", _("発表")
    CLOSED = "closed", _("終了")


class Event(models.Model):
    title = models.CharField(_("タイトル"), max_length=TITLE_MAX)
    kind = models.CharField(_("種類"), max_length=10, choices=EventKind.choices)
    theme = models.CharField(
        pgettext_lazy("one theme", "テーマ"), max_length=20, choices=Theme.choices, blank=True
    )
    #: The session's own theme in words (e.g. 「若年女性への支援」), beside the theme facet.
    topic = models.CharField(_("テーマ（自由記述）"), max_length=200, blank=True)
    description = models.TextField(
        pgettext_lazy("what an event is about", "内容"), max_length=DESCRIPTION_MAX, blank=True
    )
    audience = models.CharField(
        pgettext_lazy("who an event is for", "対象"), max_length=300, blank=True
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=EventStatus.choices, default=EventStatus.PUBLISHED
    )

    # Who organizes it: always a person (who created it), optionally as an organization or
    # a community.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="events_created"
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("主催団体"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("主催コミュニティ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    #: The project the event is held for (このプロジェクトの催し), chosen by an organizer who
    #: may act for it (its leads, the secretariat); the project's followers are invited when
    #: the event is published (services/invitations.py). No reverse accessor: the projects
    #: app reads its events through ``kyoso.events.selectors.upcoming_project_events``.
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("プロジェクト"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # When: an all-day event keeps midnight-to-midnight times in the site's time zone; a
    # multi-day event simply ends on a later day.
    starts_at = models.DateTimeField(_("開始日時"), db_index=True)
    ends_at = models.DateTimeField(_("終了日時"))
    all_day = models.BooleanField(_("終日"), default=False)

    # Where.
    mode = models.CharField(
        _("開催方法"), max_length=10, choices=EventMode.choices, default=EventMode.VENUE
    )
    venue_name = models.CharField(_("会場名"), max_length=200, blank=True)
    venue_address = models.CharField(_("会場の住所"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=pgettext_lazy("one municipality", "市区町村"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    latitude = latitude_field()
    longitude = longitude_field()
    #: Shown only to confirmed online registrants (and the organizers).
    online_url = models.URLField(_("オンライン参加のURL"), max_length=500, blank=True)

    # Registration. A null capacity means no limit.
    capacity_venue = models.PositiveIntegerField(_("会場の定員"), null=True, blank=True)
    capacity_online = models.PositiveIntegerField(_("オンラインの定員"), null=True, blank=True)
    confirmed_venue = models.PositiveIntegerField(default=0)
    confirmed_online = models.PositiveIntegerField(default=0)
    registration_opens_at = models.DateTimeField(_("申込開始"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("申込締切"), null=True, blank=True)
    #: Closed by the organizer by hand (reopening clears it).
    registration_closed = models.BooleanField(_("申込受付を停止"), default=False)

    #: Attendance counted without names: walk-ins counted at the door, or the attendance of a
    #: past event imported from a report (seed 000's 「参加 10 人」).
    counted_attendance = models.PositiveIntegerField(_("人数のみの参加者"), default=0)
    #: Where an imported event came from (file and line), empty for events made here.
    imported_from = models.CharField(max_length=300, blank=True)

    related_issues = models.ManyToManyField(
        "issues.Issue", blank=True, related_name="events", verbose_name=_("関連する課題")
    )
    idea_round = models.CharField(
        _("ラウンド"), max_length=10, choices=IdeaRound.choices, blank=True
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("one event", "イベント")
        verbose_name_plural = _("イベント")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at", "id"], name="event_calendar"),
            models.Index(fields=["kind", "starts_at", "id"], name="event_kind_calendar"),
            models.Index(fields=["community", "starts_at", "id"], name="event_community"),
            models.Index(fields=["project", "starts_at", "id"], name="event_project"),
            # The list's upcoming tab: the earliest start among events not yet over, read
            # from this index alone (selectors.filtered_events).
            models.Index(fields=["ends_at", "status", "starts_at"], name="event_upcoming"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in EventKind]), name="event_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(mode__in=[m.value for m in EventMode]), name="event_mode_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in EventStatus]),
                name="event_status_known",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after"
            ),
            # The seat counts never pass the capacities: the database itself refuses an
            # oversold event, whatever the code above it does.
            models.CheckConstraint(
                condition=Q(capacity_venue__isnull=True)
                | Q(confirmed_venue__lte=F("capacity_venue")),
                name="event_venue_not_oversold",
            ),
            models.CheckConstraint(
                condition=Q(capacity_online__isnull=True)
                | Q(confirmed_online__lte=F("capacity_online")),
                name="event_online_not_oversold",
            ),
            *point_constraints("event"),
        ]

    def __str__(self) -> str:
        return self.title


class Guest(models.Model):
    """A guest speaker (ゲスト) of an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("氏名"), max_length=100)
    affiliation = models.CharField(_("所属"), max_length=200, blank=True)
    title = models.CharField(_("役職"), max_length=100, blank=True)
    profile = models.TextField(_("プロフィール"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """A question registrants answer when they register."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("質問"), max_length=300)
    required = models.BooleanField(_("必須"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Attendance(models.TextChoices):
    """How a registrant takes part (a hybrid event has a capacity for each)."""

    VENUE = "venue", pgettext_lazy("how a registrant attends", "会場")
    ONLINE = "online", _("オンライン")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("参加確定")
    WAITLISTED = "waitlisted", _("キャンセル待ち")
    CANCELLED = "cancelled", _("キャンセル")


def new_checkin_code() -> str:
    """A short code for the QR and for typing at the door (no 0/O or 1/I/L)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class Registration(models.Model):
    """A person's registration, or a walk-in added at the door (by name, no account)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    #: The name of a walk-in without an account.
    walk_in_name = models.CharField(_("氏名"), max_length=100, blank=True)
    attendance = models.CharField(
        _("参加方法"), max_length=10, choices=Attendance.choices, default=Attendance.VENUE
    )
    status = models.CharField(_("状態"), max_length=12, choices=RegistrationStatus.choices)
    code = models.CharField(max_length=12, unique=True, default=new_checkin_code)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Order in the waitlist: the time the person joined it (ties by id).
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    #: When the follow-up after the event (surfaced issues, offers) was claimed for this
    #: attendee: set once with a conditional UPDATE, so nobody gets it twice.
    followup_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One live registration per person and event: parallel double-submits collide here.
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="one_live_registration_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in RegistrationStatus]),
                name="registration_status_known",
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=[a.value for a in Attendance]),
                name="registration_attendance_known",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(walk_in_name=""),
                name="registration_has_someone",
            ),
        ]
        indexes = [
            models.Index(
                fields=["event", "status", "attendance", "waitlisted_at", "id"],
                name="registration_queue",
            ),
            models.Index(fields=["user", "status"], name="registration_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id or self.walk_in_name} at {self.event_id} ({self.status})"


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("回答"), max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="one_answer")
        ]

    def __str__(self) -> str:
        return f"answer {self.pk}"


class MinutesVisibility(models.TextChoices):
    MEMBERS = "members", _("会員のみ")
    PUBLIC = "public", _("一般公開")


class Minutes(models.Model):
    """議事録: the organizer's notes after the event; unpublished until ``published_at``."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="minutes")
    body = models.TextField(_("議事録"), max_length=MINUTES_MAX)
    visibility = models.CharField(
        _("公開範囲"),
        max_length=10,
        choices=MinutesVisibility.choices,
        default=MinutesVisibility.MEMBERS,
    )
    #: Issues surfaced at the event (linked, or created from the minutes).
    surfaced_issues = models.ManyToManyField(
        "issues.Issue", blank=True, related_name="surfaced_at", verbose_name=_("顕在化した課題")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"minutes of {self.event_id}"


class Pitch(models.Model):
    """A participant's short pitch at an idea event; the people who join it are its team."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="pitches")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pitches"
    )
    title = models.CharField(_("アイデア"), max_length=120)
    summary = models.TextField(_("説明"), max_length=2000, blank=True)
    wanted = models.CharField(_("求める仲間"), max_length=300, blank=True)
    team_size = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class TeamMember(models.Model):
    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_teams"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pitch", "user"], name="one_team_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in pitch {self.pitch_id}"


class InvitationReason(models.TextChoices):
    """Why a person was invited to an event (the notification and the event page say it)."""

    ORGANIZER = "organizer", _("主催者から")
    PROJECT_FOLLOWER = "project_follower", _("プロジェクトをフォローしているため")
    CAMPAIGN_SUPPORTER = (
        "campaign_supporter",
        _("クラウドファンディングを支援したため"),
    )


class Invitation(models.Model):
    """One person invited to one event, once: the unique pair is what keeps a second publish,
    a second close of a campaign or a second call from notifying anybody twice."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_invitations"
    )
    reason = models.CharField(_("理由"), max_length=20, choices=InvitationReason.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_invitation_per_person"),
            models.CheckConstraint(
                condition=Q(reason__in=[r.value for r in InvitationReason]),
                name="invitation_reason_known",
            ),
        ]
        indexes = [models.Index(fields=["user", "event"], name="invitation_user")]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.event_id} ({self.reason})"
