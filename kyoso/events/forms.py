"""Forms of the events app: the event (with guests and questions as formsets), registration
with answers, capacity, and the list's filters. They parse and validate; services decide."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyoso.core.text import normalize_text, tidy_text
from kyoso.core.wareki import TOKYO
from kyoso.events import messages
from kyoso.events.models import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    Attendance,
    Event,
    EventKind,
    EventMode,
)
from kyoso.events.services.events import offered_attendances
from kyoso.issues.forms import CoordinateField, _municipality_field
from kyoso.issues.messages import LATITUDE_INVALID, LONGITUDE_INVALID
from kyoso.issues.vocab import Theme

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MAX_GUESTS = 20
MAX_QUESTIONS = 10
_INITIAL_FIELDS = (
    "title",
    "kind",
    "theme",
    "topic",
    "description",
    "audience",
    "all_day",
    "mode",
    "venue_name",
    "venue_address",
    "latitude",
    "longitude",
    "online_url",
    "capacity_venue",
    "capacity_online",
)


def _datetime_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        **kwargs,
    )


def _local_midnight(value: datetime) -> datetime:
    local = timezone.localtime(value, TOKYO)
    return datetime.combine(local.date(), time.min, tzinfo=TOKYO)


class EventForm(forms.Form):
    title = forms.CharField(label=_("タイトル"), max_length=TITLE_MAX)
    kind = forms.ChoiceField(label=_("種類"), choices=EventKind.choices)
    theme = forms.ChoiceField(
        label=pgettext_lazy("one theme", "テーマ"),
        choices=[("", _("（選ばない）")), *Theme.choices],
        required=False,
    )
    topic = forms.CharField(label=_("テーマ（自由記述）"), max_length=200, required=False)
    description = forms.CharField(
        label=pgettext_lazy("what an event is about", "内容"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdownで書けます。"),
    )
    audience = forms.CharField(
        label=pgettext_lazy("who an event is for", "対象"), max_length=300, required=False
    )
    organizer = forms.ChoiceField(
        label=_("主催"),
        required=False,
        error_messages={"invalid_choice": messages.ORGANIZER_NOT_ALLOWED},
    )
    project = forms.ChoiceField(
        label=_("プロジェクトの催しにする"),
        required=False,
        help_text=_(
            "リーダーを務めているプロジェクトを選べます。公開すると、そのプロジェクトの"
            "フォロワーに招待が届きます。"
        ),
        error_messages={"invalid_choice": messages.PROJECT_NOT_ALLOWED},
    )
    starts_at = _datetime_field(_("開始日時"))
    ends_at = _datetime_field(_("終了日時"))
    all_day = forms.BooleanField(
        label=_("終日"),
        required=False,
        help_text=_("終日のときは時刻を使わず、開始日から終了日までの終日になります。"),
    )
    mode = forms.ChoiceField(label=_("開催方法"), choices=EventMode.choices)
    venue_name = forms.CharField(label=_("会場名"), max_length=200, required=False)
    venue_address = forms.CharField(label=_("会場の住所"), max_length=300, required=False)
    municipality = _municipality_field()
    latitude = CoordinateField(label=_("緯度"), bound=90, invalid_message=LATITUDE_INVALID)
    longitude = CoordinateField(label=_("経度"), bound=180, invalid_message=LONGITUDE_INVALID)
    online_url = forms.URLField(
        label=_("オンライン参加のURL"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("参加が確定したオンライン参加者と主催者だけに表示されます。"),
    )
    capacity_venue = forms.IntegerField(
        label=_("会場の定員"), min_value=0, required=False, help_text=_("空欄は定員なし。")
    )
    capacity_online = forms.IntegerField(
        label=_("オンラインの定員"), min_value=0, required=False, help_text=_("空欄は定員なし。")
    )
    registration_opens_at = _datetime_field(_("申込開始"), required=False)
    registration_closes_at = _datetime_field(
        _("申込締切"), required=False, help_text=_("空欄のときは開始日時まで受け付けます。")
    )
    related_issues = forms.CharField(
        label=_("関連する課題（番号をカンマ区切り）"), max_length=200, required=False
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        organizations: Any = (),
        communities: Any = (),
        projects: Any = (),
        event: Event | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.event = event
        choices: list[tuple[str, Any]] = [("", _("個人（自分）"))]
        choices += [(f"org:{o.pk}", o.name) for o in organizations]
        choices += [(f"community:{c.pk}", c.name) for c in communities]
        self._organizers = {f"org:{o.pk}": o for o in organizations}
        self._organizers.update({f"community:{c.pk}": c for c in communities})
        if event is not None:
            # Keep the present organizer selectable even if the editor does not manage it.
            for key, value in (
                (f"org:{event.organization_id}", event.organization),
                (f"community:{event.community_id}", event.community),
            ):
                if value is not None and key not in self._organizers:
                    choices.append((key, value.name))
                    self._organizers[key] = value
        self.fields["organizer"].choices = choices  # type: ignore[attr-defined]
        # Projects the person may act for (kyoso.projects.selectors.projects_acted_for); the
        # project the event is already held for stays selectable for any organizer.
        self._projects = {str(p.pk): p for p in projects}
        if event is not None and event.project_id is not None:
            self._projects.setdefault(str(event.project_id), event.project)
        self.fields["project"].choices = [  # type: ignore[attr-defined]
            ("", _("（プロジェクトの催しにしない）")),
            *((key, p.title) for key, p in self._projects.items()),
        ]
        self.fields["municipality"].help_text = _("会場のある市区町村です。")

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        organizer = ""
        if event.organization_id:
            organizer = f"org:{event.organization_id}"
        elif event.community_id:
            organizer = f"community:{event.community_id}"
        initial = {f: getattr(event, f) for f in _INITIAL_FIELDS}
        for f in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            value = getattr(event, f)
            initial[f] = timezone.localtime(value, TOKYO) if value else None
        if event.all_day:
            initial["ends_at"] = initial["ends_at"] - timedelta(days=1)
        initial["municipality"] = event.municipality_id
        initial["organizer"] = organizer
        initial["project"] = str(event.project_id) if event.project_id else ""
        initial["related_issues"] = ", ".join(str(i.pk) for i in event.related_issues.all())
        return initial

    def clean_title(self) -> str:
        return tidy_text(self.cleaned_data["title"]).strip()

    def clean_related_issues(self) -> list[Any]:
        from kyoso.issues.selectors import visible_issues

        text = normalize_text(self.cleaned_data.get("related_issues") or "")
        parts = [p.strip().lstrip("#") for p in text.replace("、", ",").split(",") if p.strip()]
        wanted: list[int] = []
        for part in parts:
            if not part.isdigit():
                raise ValidationError(messages.ISSUE_NOT_FOUND % {"value": part})
            wanted.append(int(part))
        found = {i.pk: i for i in visible_issues(self.user).filter(pk__in=wanted)}
        for pk in wanted:
            if pk not in found:
                raise ValidationError(messages.ISSUE_NOT_FOUND % {"value": pk})
        return [found[pk] for pk in dict.fromkeys(wanted)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if data.get("all_day") and starts_at and ends_at:
            data["starts_at"] = starts_at = _local_midnight(starts_at)
            data["ends_at"] = ends_at = _local_midnight(ends_at) + timedelta(days=1)
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", messages.ENDS_BEFORE_START)
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", messages.CLOSES_BEFORE_OPENS)
        mode = data.get("mode")
        if mode in (EventMode.VENUE, EventMode.HYBRID) and not data.get("venue_name"):
            self.add_error("venue_name", messages.VENUE_REQUIRED)
        if mode in (EventMode.ONLINE, EventMode.HYBRID) and not data.get("online_url"):
            self.add_error("online_url", messages.ONLINE_URL_REQUIRED)
        lat, lon = data.get("latitude"), data.get("longitude")
        if (
            "latitude" not in self.errors
            and "longitude" not in self.errors
            and (lat is None) != (lon is None)
        ):
            self.add_error("latitude", messages.POINT_INCOMPLETE)
        organizer = data.get("organizer") or ""
        if organizer and organizer not in self._organizers:
            self.add_error("organizer", messages.ORGANIZER_NOT_ALLOWED)
        return data

    def service_data(self, guests: list[dict[str, Any]], questions: list[dict[str, Any]]) -> dict:
        data = dict(self.cleaned_data)
        key = data.pop("organizer", "") or ""
        organizer = self._organizers.get(key)
        data["organization"] = organizer if key.startswith("org:") else None
        data["community"] = organizer if key.startswith("community:") else None
        data["project"] = self._projects.get(data.pop("project", "") or "")
        mode = data["mode"]
        if mode == EventMode.ONLINE:
            data["capacity_venue"] = None
        if mode == EventMode.VENUE:
            data["capacity_online"] = None
            data["online_url"] = ""
        data["guests"] = guests
        data["questions"] = questions
        return data


class GuestForm(forms.Form):
    name = forms.CharField(label=_("氏名"), max_length=100, required=False)
    affiliation = forms.CharField(label=_("所属"), max_length=200, required=False)
    title = forms.CharField(label=_("役職"), max_length=100, required=False)
    profile = forms.CharField(
        label=_("プロフィール"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        others = any(data.get(f) for f in ("affiliation", "title", "profile"))
        if others and not data.get("name"):
            self.add_error("name", messages.GUEST_NAME_REQUIRED)
        return data


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("質問"), max_length=300, required=False)
    required = forms.BooleanField(label=_("回答を必須にする"), required=False)


GuestFormSet = forms.formset_factory(GuestForm, extra=2, max_num=MAX_GUESTS, validate_max=True)
QuestionFormSet = forms.formset_factory(
    QuestionForm, extra=2, max_num=MAX_QUESTIONS, validate_max=True
)


def guests_of(formset: Any) -> list[dict[str, Any]]:
    return [
        {k: f.cleaned_data.get(k, "") for k in ("name", "affiliation", "title", "profile")}
        for f in formset.forms
        if f.cleaned_data.get("name")
    ]


def questions_of(formset: Any) -> list[dict[str, Any]]:
    return [
        {"text": f.cleaned_data["text"], "required": bool(f.cleaned_data.get("required"))}
        for f in formset.forms
        if f.cleaned_data.get("text")
    ]


class RegistrationForm(forms.Form):
    """Attendance (hybrid events only) and one answer field per question."""

    attendance = forms.ChoiceField(
        label=_("参加方法"), choices=Attendance.choices, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        offered = offered_attendances(event.mode)
        if len(offered) < 2:
            del self.fields["attendance"]
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.text,
                required=question.required,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": messages.ANSWER_REQUIRED % {"question": question.text}},
            )

    def clean_attendance(self) -> str:
        value = self.cleaned_data.get("attendance") or ""
        if not value:
            raise ValidationError(messages.ATTENDANCE_REQUIRED)
        return value

    def answer_fields(self) -> list[Any]:
        return [self[f"answer_{q.pk}"] for q in self.questions]

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}


class CapacityForm(forms.Form):
    capacity_venue = forms.IntegerField(label=_("会場の定員"), min_value=0, required=False)
    capacity_online = forms.IntegerField(label=_("オンラインの定員"), min_value=0, required=False)


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("種類"), choices=[("", _("すべて")), *EventKind.choices], required=False
    )
    theme = forms.ChoiceField(
        label=pgettext_lazy("one theme", "テーマ"),
        choices=[("", _("すべて")), *Theme.choices],
        required=False,
    )
    municipality = forms.CharField(label=_("市区町村コード"), max_length=6, required=False)
    community = forms.IntegerField(
        label=pgettext_lazy("one community", "コミュニティ"), min_value=1, required=False
    )
    online = forms.ChoiceField(
        label=_("開催方法"),
        choices=[
            ("", _("すべて")),
            ("online", _("オンライン参加可")),
            ("offline", _("会場参加可")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, communities: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"] = forms.TypedChoiceField(
            label=pgettext_lazy("one community", "コミュニティ"),
            choices=[("", _("すべて")), *((c.pk, c.name) for c in communities)],
            coerce=int,
            required=False,
            empty_value=None,
        )

    def filter_values(self) -> tuple[dict[str, Any], bool]:
        """Valid values, and whether any were dropped for being invalid."""
        self.is_valid()
        values: dict[str, Any] = {}
        for name in ("kind", "theme", "community", "online"):
            if name not in self.errors and self.cleaned_data.get(name):
                values[name] = self.cleaned_data[name]
        code = normalize_text(self.data.get("municipality", "") or "").strip()
        if code:
            from kyoso.regions.codes import MunicipalityCodeError, normalize_municipality_code

            try:
                values["municipality"] = normalize_municipality_code(code)
            except MunicipalityCodeError:
                self.errors.setdefault("municipality", self.error_class([]))
        return values, bool(self.errors)
