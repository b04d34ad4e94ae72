"""Form fields shared by every app: normalized text, tag lists; no colon after labels."""

from __future__ import annotations

import functools
import inspect
from typing import Any

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


def drop_label_suffix_by_default() -> None:
    """Make ``""`` the label suffix of every form of the site (called once from core's ready()).

    Japanese forms put no colon after a label, and the English UI follows the same layout.
    Django's default is ``_(":")``, decided in ``BaseForm.__init__``; rather than ask every form
    (ours, Django's auth forms, those of apps still to come) to pass ``label_suffix=""``, the
    default changes here, in one place. A form or a caller that passes a suffix explicitly still
    gets it. ``kyoso/core/tests/test_form_labels.py`` renders every form class of the project
    and fails on a label ending in ``:`` or ``：``.
    """
    base_init = forms.BaseForm.__init__
    if getattr(base_init, "_kyoso_no_label_suffix", False):
        return
    signature = inspect.signature(base_init)

    @functools.wraps(base_init)
    def __init__(self: forms.BaseForm, *args: Any, **kwargs: Any) -> None:
        base_init(self, *args, **kwargs)
        if signature.bind(self, *args, **kwargs).arguments.get("label_suffix") is None:
            self.label_suffix = ""

    __init__._kyoso_no_label_suffix = True  # type: ignore[attr-defined]
    forms.BaseForm.__init__ = __init__  # type: ignore[method-assign]
