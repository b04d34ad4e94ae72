"""Forms of the hubs app: they parse; the services decide."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kyoso.core.forms import NormalizedCharField
from kyoso.hubs import messages
from kyoso.hubs.models import Hub, Space
from kyoso.hubs.models.bookings import PURPOSE_MAX
from kyoso.hubs.opening import TOKYO
from kyoso.hubs.services.series import MONTHLY, SERIES_MAX, WEEKLY, Rule

DATE_ERRORS = {"invalid": messages.DATE_INVALID, "required": messages.REQUIRED}
TIME_ERRORS = {"invalid": messages.TIME_INVALID, "required": messages.REQUIRED}
WEEKDAYS = [
    _("月曜日"),
    _("火曜日"),
    _("水曜日"),
    _("木曜日"),
    _("金曜日"),
    _("土曜日"),
    _("日曜日"),
]


class NoColon:
    """Japanese forms put no colon after a label."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}),
        **kwargs,
    )


def _time(label: Any, **kwargs: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        error_messages=TIME_ERRORS,
        widget=forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M"),
        **kwargs,
    )


class SlotForm(NoColon, forms.Form):
    day = _date(_("日付"))
    start = _time(_("開始"))
    end = _time(_("終了"))
    purpose = NormalizedCharField(label=_("利用目的"), max_length=PURPOSE_MAX, required=False)
    attendees = forms.IntegerField(
        label=_("人数"),
        min_value=1,
        max_value=500,
        initial=1,
        error_messages={
            "invalid": messages.NUMBER_RANGE % {"min": 1, "max": 500},
            "min_value": messages.NUMBER_RANGE % {"min": 1, "max": 500},
            "max_value": messages.NUMBER_RANGE % {"min": 1, "max": 500},
            "required": messages.REQUIRED,
        },
    )

    def range(self) -> tuple[datetime, datetime]:
        day: date = self.cleaned_data["day"]
        start: time = self.cleaned_data["start"]
        end: time = self.cleaned_data["end"]
        return (
            datetime.combine(day, start, tzinfo=TOKYO),
            datetime.combine(day, end, tzinfo=TOKYO),
        )


class EventHoldForm(NoColon, forms.Form):
    """Which of my coming events this room is the venue of (its times are the event's)."""

    event = forms.ChoiceField(
        label=_("イベント"),
        error_messages={
            "required": messages.EVENT_CHOICE_INVALID,
            "invalid_choice": messages.EVENT_CHOICE_INVALID,
        },
    )

    def __init__(self, *args: Any, events: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.events = {str(e.pk): e for e in events}
        cast(forms.ChoiceField, self.fields["event"]).choices = [
            (
                str(e.pk),
                f"{e.title}（{date_format(timezone.localtime(e.starts_at), 'DATETIME_FORMAT')}）",
            )
            for e in events
        ]

    def clean_event(self) -> Any:
        return self.events[self.cleaned_data["event"]]


class DayPassForm(NoColon, forms.Form):
    day = _date(_("日付"))


class SeriesForm(NoColon, forms.Form):
    first = _date(_("初回の日付"))
    frequency = forms.ChoiceField(
        label=_("繰り返し"),
        choices=[(WEEKLY, _("毎週（または隔週）")), (MONTHLY, _("毎月の第n曜日（初回と同じ）"))],
    )
    interval = forms.TypedChoiceField(
        label=_("何週ごと"),
        coerce=int,
        choices=[(1, _("毎週")), (2, _("2週ごと")), (3, _("3週ごと")), (4, _("4週ごと"))],
        initial=1,
    )
    count = forms.IntegerField(
        label=_("回数"),
        min_value=1,
        max_value=SERIES_MAX,
        initial=4,
        error_messages={
            "invalid": messages.NUMBER_RANGE % {"min": 1, "max": SERIES_MAX},
            "min_value": messages.NUMBER_RANGE % {"min": 1, "max": SERIES_MAX},
            "max_value": messages.NUMBER_RANGE % {"min": 1, "max": SERIES_MAX},
            "required": messages.REQUIRED,
        },
    )
    start = _time(_("開始"))
    end = _time(_("終了"))
    purpose = NormalizedCharField(label=_("利用目的"), max_length=PURPOSE_MAX, required=False)

    def rule(self) -> Rule:
        data = self.cleaned_data
        return Rule(
            frequency=data["frequency"],
            first=data["first"],
            count=data["count"],
            interval=data["interval"],
        )

    def description(self) -> str:
        data = self.cleaned_data
        first: date = data["first"]
        weekday = WEEKDAYS[first.weekday()]
        if data["frequency"] == MONTHLY:
            nth = (first.day - 1) // 7 + 1
            what = _("毎月第%(nth)s%(weekday)s") % {"nth": nth, "weekday": weekday}
        elif data["interval"] == 1:
            what = _("毎週%(weekday)s") % {"weekday": weekday}
        else:
            what = _("%(n)s週ごとの%(weekday)s") % {"n": data["interval"], "weekday": weekday}
        return f"{what} {data['start']:%H:%M}〜{data['end']:%H:%M}"


class RefuseForm(NoColon, forms.Form):
    reason = NormalizedCharField(
        label=_("お断りの理由"),
        max_length=1000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": messages.REFUSAL_REASON_REQUIRED},
    )


class CodeForm(NoColon, forms.Form):
    code = forms.CharField(
        label=_("受付コード"), max_length=20, error_messages={"required": messages.REQUIRED}
    )


class HubForm(NoColon, forms.ModelForm):
    class Meta:
        model = Hub
        fields = [
            "name",
            "slug",
            "description",
            "address",
            "latitude",
            "longitude",
            "access_notes",
            "booking_window_days",
            "free_cancel_hours",
            "closed_on_holidays",
            "closed_year_end",
        ]
        error_messages = {"slug": {"unique": messages.SLUG_TAKEN}}


class SpaceForm(NoColon, forms.ModelForm):
    class Meta:
        model = Space
        fields = [
            "name",
            "slug",
            "kind",
            "description",
            "capacity",
            "equipment",
            "accessibility_notes",
            "who_may_book",
            "price_unit",
            "price_yen",
            "free_for_members",
            "needs_approval",
            "approval_over_minutes",
            "min_minutes",
            "max_minutes",
            "buffer_minutes",
            "across_midnight",
            "active",
        ]

    def __init__(self, *args: Any, hub: Hub, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hub = hub
        self.instance.hub = hub

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        taken = Space.objects.filter(hub=self.hub, slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(messages.SLUG_TAKEN)
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_minutes"), data.get("max_minutes")
        if low is not None and high is not None and high < low:
            self.add_error("max_minutes", messages.NUMBER_RANGE % {"min": low, "max": 1440})
        return data


class HoursForm(NoColon, forms.Form):
    """Opens and closes for each weekday; both empty: closed that day."""

    def __init__(self, *args: Any, current: dict[int, tuple[time, time]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for weekday, label in enumerate(WEEKDAYS):
            pair = current.get(weekday)
            self.fields[f"opens_{weekday}"] = _time(
                _("%(day)sの開館") % {"day": label},
                required=False,
                initial=pair[0] if pair else None,
            )
            self.fields[f"closes_{weekday}"] = _time(
                _("%(day)sの閉館") % {"day": label},
                required=False,
                initial=pair[1] if pair else None,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for weekday in range(7):
            opens, closes = data.get(f"opens_{weekday}"), data.get(f"closes_{weekday}")
            if (opens is None) != (closes is None) and not self.errors:
                self.add_error(f"closes_{weekday}", messages.HOURS_BOTH)
            elif opens is not None and closes is not None and closes <= opens:
                self.add_error(f"closes_{weekday}", messages.HOURS_ORDER)
        return data

    def hours(self) -> dict[int, tuple[time, time] | None]:
        result: dict[int, tuple[time, time] | None] = {}
        for weekday in range(7):
            opens = self.cleaned_data.get(f"opens_{weekday}")
            closes = self.cleaned_data.get(f"closes_{weekday}")
            result[weekday] = (opens, closes) if opens and closes else None
        return result


class ClosureForm(NoColon, forms.Form):
    starts_on = _date(_("休館開始日"))
    ends_on = _date(_("休館終了日"))
    reason = NormalizedCharField(label=_("理由"), max_length=PURPOSE_MAX)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", messages.CLOSURE_BACKWARDS)
        return data


class PhotoForm(NoColon, forms.Form):
    image = forms.FileField(
        label=_("写真"),
        help_text=_("JPEG・PNG・GIF・WebP、10MBまで。位置情報などは取り除いて保存します。"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        error_messages={"required": messages.PHOTO_REQUIRED},
    )
    caption = NormalizedCharField(
        label=_("説明（見えない人のための代替テキスト）"),
        max_length=200,
        error_messages={"required": messages.PHOTO_CAPTION_REQUIRED},
    )
