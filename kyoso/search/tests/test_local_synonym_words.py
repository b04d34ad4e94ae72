"""Which words a local synonym group accepts, and the message for each refusal."""

from __future__ import annotations

import pytest

from kyoso.search import messages
from kyoso.search.synonyms_services import (
    MAX_WORD_CHARS,
    MAX_WORDS,
    CheckedWord,
    LocalSynonymsRefused,
    checked_synonym_words,
)


def _problems(words: list[str]) -> list[str]:
    with pytest.raises(LocalSynonymsRefused) as refused:
        checked_synonym_words(words)
    return [str(problem) for problem in refused.value.problems]


def test_words_are_tidied_and_folded_in_the_order_given():
    checked = checked_synonym_words(["  サンロク ", "酒田市 産業振興まちづくりセンター", "ＮＰＯ"])
    assert checked == [
        CheckedWord("サンロク", "さんろく"),
        # Folded as a whole word: spaces go, katakana become hiragana, the final ー goes.
        CheckedWord("酒田市 産業振興まちづくりセンター", "酒田市産業振興まちづくりせんた"),
        CheckedWord("NPO", "npo"),
    ]


def test_full_width_punctuation_is_kept_as_written():
    checked = checked_synonym_words(["産業センター（仮称）", "サンロク"])
    assert checked[0].word == "産業センター（仮称）"
    assert checked[0].folded == "産業せんたー(仮称)"


@pytest.mark.parametrize("words", [[], ["サンロク"], ["サンロク", "  "]], ids=repr)
def test_fewer_than_two_words(words):
    assert str(messages.SYNONYMS_TOO_FEW) in _problems(words)


def test_a_word_empty_after_trimming():
    # A zero-width space is not a word either.
    problems = _problems(["サンロク", "\u3000 ", "センター", "\u200b"])
    assert problems == [str(messages.SYNONYM_EMPTY)]


def test_a_word_over_the_limit_is_named_shortened():
    long_word = "あ" * (MAX_WORD_CHARS + 1)
    problems = _problems(["サンロク", long_word])
    assert problems == [
        messages.SYNONYM_TOO_LONG % {"word": "あ" * 20 + "…", "limit": MAX_WORD_CHARS}
    ]
    assert checked_synonym_words(["サンロク", "あ" * MAX_WORD_CHARS])[1].word == "あ" * 50


def test_more_than_the_limit_of_words():
    words = [f"センター{i}" for i in range(MAX_WORDS + 1)]
    assert _problems(words) == [
        messages.SYNONYMS_TOO_MANY % {"limit": MAX_WORDS, "count": MAX_WORDS + 1}
    ]
    assert len(checked_synonym_words(words[:MAX_WORDS])) == MAX_WORDS


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("さんろく", "サンロク"),
        ("ｻﾝﾛｸ", "サンロク"),
        ("npo", "ＮＰＯ"),
        ("コンピュータ", "コンピューター"),
    ],
)
def test_two_words_that_fold_the_same_are_refused_naming_both(word, other):
    # Both quoted as typed (ｻﾝﾛｸ is stored as サンロク, but the message says what was typed).
    problems = _problems([other, "センター", word])
    assert problems == [messages.SYNONYM_SAME_AS_OTHER % {"word": word, "other": other}]


@pytest.mark.parametrize("word", ["、、！", "の", "です", "★", "ー", "・"])
def test_a_word_with_nothing_searchable(word):
    assert _problems(["サンロク", word]) == [messages.SYNONYM_NOT_SEARCHABLE % {"word": word}]


def test_every_problem_is_reported_at_once():
    problems = _problems(["の", "", "い" * 60])
    assert problems == [
        str(messages.SYNONYM_EMPTY),
        messages.SYNONYM_NOT_SEARCHABLE % {"word": "の"},
        messages.SYNONYM_TOO_LONG % {"word": "い" * 20 + "…", "limit": MAX_WORD_CHARS},
    ]
