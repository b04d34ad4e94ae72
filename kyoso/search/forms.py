"""The form of the local synonyms page: the words of one group and a note."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.core.forms import NormalizedCharField
from kyoso.search import messages
from kyoso.search.synonyms_services import MAX_NOTE_CHARS, MAX_WORDS

#: Between two words: a line break, or a 読点 or comma typed on one line.
WORDS_HELP = _(
    "1行に1つずつ、2〜%(limit)s個入力します（読点「、」で区切っても構いません）。"
    "ひらがなとカタカナ、全角と半角の違いは検索で区別しないため、両方を入れる必要はありません。"
)

_SEPARATORS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029、，､,]")


class LocalSynonymGroupForm(forms.Form):
    words = forms.CharField(
        label=_("同じ意味の語"),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        error_messages={"required": messages.SYNONYMS_TOO_FEW},
    )
    note = NormalizedCharField(
        label=_("メモ（任意）"),
        max_length=MAX_NOTE_CHARS,
        required=False,
        help_text=_("事務局向けの覚え書きです（例：地元での通称）。検索には使われません。"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Formatted here, in the language of the request (not once at import).
        self.fields["words"].help_text = WORDS_HELP % {"limit": MAX_WORDS}

    def clean_words(self) -> list[str]:
        """The pieces between separators; blank ones are left out (the services check them)."""
        return [piece for piece in _SEPARATORS.split(self.cleaned_data["words"]) if piece.strip()]

    @staticmethod
    def initial_for(group) -> dict[str, str]:
        return {"words": "\n".join(word.word for word in group.words.all()), "note": group.note}
