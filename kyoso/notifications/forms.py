from __future__ import annotations

from datetime import time
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kyoso.notifications import messages, types
from kyoso.notifications.models import Delivery

FIELD_PREFIX = "type_"
HOURS = [(f"{hour:02d}:00", f"{hour:02d}:00") for hour in range(24)]


def field_name(key: str) -> str:
    return FIELD_PREFIX + key.replace(".", "__")


class NotificationSettingsForm(forms.Form):
    """One delivery per notification type, then the quiet hours and the language of mail."""

    quiet_start = forms.ChoiceField(
        label=_("開始時刻"), choices=[("", _("なし")), *HOURS], required=False
    )
    quiet_end = forms.ChoiceField(
        label=_("終了時刻"), choices=[("", _("なし")), *HOURS], required=False
    )
    language = forms.ChoiceField(
        label=_("メールの言語"),
        choices=settings.LANGUAGES,
        help_text=_("まとめメールなど、あとから送るメールもこの言語で書きます。"),
        error_messages={"required": messages.LANGUAGE_REQUIRED},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        type_fields = {
            field_name(kind.key): forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                error_messages={"required": messages.DELIVERY_REQUIRED},
            )
            for kind in types.all_types()
        }
        # The types first, in their order, then the quiet hours and the language.
        self.fields = {**type_fields, **self.fields}

    def type_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(FIELD_PREFIX)]

    def deliveries(self) -> dict[str, str]:
        return {kind.key: self.cleaned_data[field_name(kind.key)] for kind in types.all_types()}

    @staticmethod
    def _time(value: str) -> time | None:
        return time.fromisoformat(value) if value else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("quiet_start"), cleaned.get("quiet_end")
        if bool(start) != bool(end):
            self.add_error("quiet_end" if start else "quiet_start", messages.QUIET_HOURS_BOTH)
        elif start and start == end:
            self.add_error("quiet_end", messages.QUIET_HOURS_SAME)
        cleaned["quiet_start"] = self._time(cleaned.get("quiet_start") or "")
        cleaned["quiet_end"] = self._time(cleaned.get("quiet_end") or "")
        return cleaned

    @classmethod
    def initial_from(cls, deliveries: dict[str, str], preference: Any, language: str) -> dict:
        initial: dict[str, Any] = {field_name(k): v for k, v in deliveries.items()}
        for name in ("quiet_start", "quiet_end"):
            value = getattr(preference, name)
            initial[name] = value.strftime("%H:00") if value else ""
        initial["language"] = preference.language or language
        return initial
