"""Form fields shared by every app: normalized text, tag lists."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates

from kyoso.core.text import tidy_text

TAG_MAX_ITEMS = 20
TAG_MAX_LENGTH = 40


class NormalizedCharField(forms.CharField):
    """A CharField that tidies text (see kyoso.core.text.tidy_text) before validating length."""

    def __init__(self, *args, multiline: bool = False, **kwargs) -> None:
        self.multiline = multiline
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return tidy_text(value, multiline=self.multiline) if value else value


class TagListField(forms.CharField):
    """Comma / 、/ newline separated words, kept as a list of unique normalized strings."""

    def __init__(self, *args, max_items: int = TAG_MAX_ITEMS, **kwargs) -> None:
        self.max_items = max_items
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "、".join(value)
        return value

    def to_python(self, value):
        text = tidy_text(super().to_python(value) or "", multiline=True)
        for separator in ("、", "，", "\n", ";", "；"):
            text = text.replace(separator, ",")
        tags: list[str] = []
        for raw in text.split(","):
            tag = raw.strip()
            if tag and tag not in tags:
                tags.append(tag)
        return tags

    def validate(self, value):
        from kyoso.accounts import messages

        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(value) > self.max_items:
            raise ValidationError(
                messages.TOO_MANY_ITEMS, code="too_many", params={"limit": self.max_items}
            )
        for tag in value:
            if len(tag) > TAG_MAX_LENGTH:
                raise ValidationError(
                    messages.TEXT_TOO_LONG, code="too_long", params={"limit": TAG_MAX_LENGTH}
                )


class FormRenderer(DjangoTemplates):
    """The project's form renderer (settings.FORM_RENDERER): Django's, with a form template
    that puts an error summary (a live region) above a form that came back with errors."""

    form_template_name = "core/forms/div.html"
