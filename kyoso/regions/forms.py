"""Form fields for choosing a municipality."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy

from kyoso.regions.codes import (
    UNKNOWN_MUNICIPALITY_CODE,
    MunicipalityCodeError,
    UnknownMunicipalityCode,
    normalize_municipality_code,
)
from kyoso.regions.models import Municipality
from kyoso.regions.selectors import municipality_choices


class MunicipalityField(forms.ModelChoiceField):
    """A municipality, submitted by its code.

    Accepts what a ``<select>`` posts (the five-digit code) and also what a person may type or
    an API client may send: the six-digit 全国地方公共団体コード with check digit, or full-width
    digits. Errors are the Japanese messages of :mod:`kyoso.regions.codes`.

    ``prefecture_codes`` limits the choices (and the accepted codes) to those prefectures.
    """

    default_error_messages = {
        "invalid_choice": UNKNOWN_MUNICIPALITY_CODE,
    }

    def __init__(
        self,
        queryset: Any = None,
        *,
        prefecture_codes: Any = None,
        **kwargs: Any,
    ) -> None:
        if queryset is None:
            queryset = municipality_choices(prefecture_codes)
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: Municipality) -> str:
        return str(obj)

    def to_python(self, value: Any) -> Municipality | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Municipality):
            value = value.code
        text = str(value)
        try:
            code = normalize_municipality_code(text)
        except MunicipalityCodeError as exc:
            kind = "invalid_choice" if isinstance(exc, UnknownMunicipalityCode) else "invalid"
            raise ValidationError(exc.message, code=kind) from None
        assert self.queryset is not None
        try:
            return self.queryset.get(code=code)
        except (Municipality.DoesNotExist, ValueError, TypeError):
            raise ValidationError(
                format_lazy(self.error_messages["invalid_choice"], code=text.strip()),
                code="invalid_choice",
            ) from None

    def has_changed(self, initial: Any, data: Any) -> bool:
        # "062049" and "０６２０４" submit the same municipality as "06204".
        if self.disabled:
            return False
        if data in self.empty_values:
            submitted = ""
        else:
            try:
                submitted = normalize_municipality_code(str(data))
            except MunicipalityCodeError:
                submitted = str(data)
        before = "" if initial in self.empty_values else str(self.prepare_value(initial))
        return before != submitted

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Municipality):
            return value.code
        return super().prepare_value(value)
