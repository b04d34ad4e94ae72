"""The filter form of the audit log page and its CSV export."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kyoso.audit import messages
from kyoso.core.wareki import WarekiError, parse_wareki


class WarekiDateField(forms.Field):
    """A date typed as 和暦 (令和3年4月1日, R3.4.1) or 西暦 (2021-04-01, 2021年4月1日)."""

    widget = forms.TextInput
    max_length = 30

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": str(self.max_length)}

    def to_python(self, value: Any) -> date | None:
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return parse_wareki(text[: self.max_length + 1])
        except WarekiError as error:
            raise ValidationError(str(error), code="date") from None


def _action_choices() -> list[tuple[str, Any]]:
    from kyoso.audit.registry import choices

    return [("", _("すべて")), *choices()]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("操作"), required=False, choices=_action_choices)
    actor_email = forms.CharField(
        label=_("実行者のメールアドレス"),
        required=False,
        max_length=254,
        help_text=_("一部だけでも検索できます。"),
    )
    since = WarekiDateField(
        label=_("開始日"),
        required=False,
        help_text=_("日本時間。例：令和8年4月1日、R8.4.1、2026-04-01"),
    )
    until = WarekiDateField(label=_("終了日"), required=False)
    target_type = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", ValidationError(messages.DATE_RANGE_REVERSED, code="range"))
            cleaned.pop("since", None)
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The conditions that were read correctly; a field with an error is left out."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in ("action", "actor_email", "target_type", "since", "until")
            if self.cleaned_data.get(name)
        }
