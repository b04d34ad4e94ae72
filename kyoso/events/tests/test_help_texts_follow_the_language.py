"""Help texts with numbers in them are translated when shown, not frozen at import."""

import pytest
from django.utils import translation

from kyoso.events.forms_ideas import PitchForm
from kyoso.events.forms_import import ImportForm
from kyoso.events.forms_minutes import MinutesForm


@pytest.mark.parametrize(
    ("form", "field", "japanese", "english"),
    [
        (MinutesForm, "body", "Markdown が使えます", "Markdown"),
        (ImportForm, "file", "Shift_JIS", "Shift_JIS"),
        (PitchForm, "title", "文字まで", "characters"),
    ],
)
def test_help_text_is_in_the_language_of_the_page(form, field, japanese, english):
    with translation.override("ja"):
        in_japanese = str(form.base_fields[field].help_text)
    with translation.override("en"):
        in_english = str(form.base_fields[field].help_text)

    assert japanese in in_japanese
    assert english in in_english
    assert in_english != in_japanese
    assert not any("\u3040" <= ch <= "\u30ff" for ch in in_english)  # no kana left
