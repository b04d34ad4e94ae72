"""Validators shared by the list endpoints' query parameters: one choice among known values,
and a municipality given by its JIS code. Every router's filters use these, so the same bad
value gets the same error everywhere."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from pydantic_core import PydanticCustomError

from kyoso.api import messages

MUNICIPALITY_INVALID = _("市区町村は5桁の市区町村コードで指定してください（例: 04100）。")


def choice_or_none(value: str | None, allowed: list[str]) -> str | None:
    """``value`` when it is one of ``allowed``, None when empty; otherwise a 422 naming them."""
    if value is None or value == "":
        return None
    if value not in allowed:
        raise PydanticCustomError(
            "kyoso_choice", str(messages.FIELD_CHOICE % {"choices": ", ".join(allowed)})
        )
    return value


def municipality_code_or_none(value: str | None) -> str | None:
    """A five-digit JIS code (full-width digits and the six-digit form with its check digit
    accepted), None when empty; otherwise a 422 saying what is expected."""
    if value is None or value.strip() == "":
        return None
    code = value.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if len(code) == 6 and code.isascii() and code.isdigit():
        code = code[:5]  # the six-digit form carries a check digit
    if not (len(code) == 5 and code.isascii() and code.isdigit()):
        raise PydanticCustomError("kyoso_municipality", str(MUNICIPALITY_INVALID))
    return code
