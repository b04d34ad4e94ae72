"""Every UI string has an English translation, and the compiled catalog matches the source."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_every_message_is_translated_and_none_is_fuzzy():
    catalog = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(catalog.translated_entries()) > 100


def test_compiled_catalog_matches_the_source():
    def text(entry):  # plural entries keep their forms in msgstr_plural
        return entry.msgstr or dict(entry.msgstr_plural)

    # Keyed by context too: one msgid may have several contexts, each with its own English.
    source = {(e.msgctxt, e.msgid): text(e) for e in polib.pofile(str(PO)).translated_entries()}
    compiled = {(e.msgctxt, e.msgid): text(e) for e in polib.mofile(str(MO)) if e.msgid}
    assert compiled == source


@pytest.mark.parametrize(("ja", "en"), [("ログイン", "Log in"), ("新規登録", "Sign up")])
def test_english_is_served_when_asked(ja, en):
    with translation.override("en"):
        assert translation.gettext(ja) == en
    with translation.override("ja"):
        assert translation.gettext(ja) == ja


@pytest.mark.parametrize(
    ("context", "ja", "en"),
    [
        (None, "対象", "Target"),  # the audit log's and the issues' 対象
        ("who an event is for", "対象", "Audience"),
        ("event status", "公開", "Published"),
        ("heading: publishing the minutes", "公開", "Publishing"),
        ("community join policy", "参加方法", "Membership"),
        (None, "参加方法", "Attendance"),
    ],
)
def test_one_japanese_word_gets_the_english_of_its_context(context, ja, en):
    with translation.override("en"):
        found = translation.pgettext(context, ja) if context else translation.gettext(ja)
    assert found == en
