"""Folding, SudachiPy units and the encoding of terms: both databases see the same words."""

from __future__ import annotations

import re
import threading

from hypothesis import given
from hypothesis import strategies as st

from kyoso.search import text
from kyoso.search.text import (
    READING,
    SUFFIX,
    analyze,
    encode_term,
    fold,
    fold_with_offsets,
    index_terms,
    part_suffixes,
    side_code,
)

TERM_CODE = re.compile(r"[a-z][a-z0-9]*")
#: A side term (a reading, a katakana suffix): 0, its kind, then a term's code.
SIDE_CODE = re.compile(r"0[rs][a-z0-9]+")


def _terms(value: str) -> list[str]:
    return [term for unit in analyze(value) for term in unit.all_terms()]


def test_a_compound_is_indexed_whole_and_in_its_parts():
    assert _terms("生理用品を配布") == ["生理用品", "生理", "用品", "配布"]
    assert _terms("東日本大震災") == [
        "東日本大震災",
        "東日本",
        "大震災",
        "東",
        "日本",
        "大",
        "震災",
    ]


def test_normalized_forms_and_written_forms_are_both_indexed():
    assert _terms("子ども") == ["子供", "子ども"]
    assert _terms("空家") == ["空き家", "空家"]


def test_function_words_and_symbols_are_left_out():
    assert _terms("子どもの、居場所！") == ["子供", "子ども", "居場所", "居", "場所"]
    assert _terms("。、「」…") == []


def test_width_case_and_kana_fold_to_one_form():
    assert fold("ＮＰＯ") == fold("NPO") == fold("npo") == "npo"
    assert fold("ｸｳｷﾔ") == fold("クウキヤ") == fold("くうきや") == "くうきや"
    assert fold("コンピューター") == fold("コンピュータ") == "こんぴゅーた"
    assert fold("コピー") == "こぴー"  # three characters keep their long vowel
    assert _terms("ｸｳｷﾔ") == _terms("クウキヤ") == ["くうきや"]


def test_fold_with_offsets_points_back_to_the_original():
    folded, offsets = fold_with_offsets("ｶﾞＡ㍿")

    assert folded == "か\u3099a株式会社"
    assert offsets == [0, 1, 2, 3, 3, 3, 3]


def test_long_texts_are_cut_into_pieces_sudachi_accepts():
    # SudachiPy refuses more than 49,149 bytes in one call.
    body = ("空き家の活用について話し合いました。" * 4000) + "最後の防災"

    units = analyze(body)

    assert units[-1].surface == "防災"
    assert len(body.encode()) > 49_149


def test_one_dictionary_per_process_one_tokenizer_per_thread():
    main = text._tokenizer()
    seen = []
    worker = threading.Thread(target=lambda: seen.append(text._tokenizer()))
    worker.start()
    worker.join()

    assert text._tokenizer() is main
    assert seen[0] is not main
    assert text._dictionary is not None


@given(st.text(max_size=40))
def test_every_encoded_term_is_one_plain_word(value):
    code = encode_term(value)
    assert code == "" or TERM_CODE.fullmatch(code)


@given(st.text(min_size=1, max_size=20), st.text(max_size=20))
def test_the_code_keeps_prefixes_and_never_collides(first, rest):
    assert encode_term(first + rest).startswith(encode_term(first))
    if rest:
        assert encode_term(first + rest) != encode_term(first)


@given(st.text(max_size=30), st.text(max_size=30))
def test_different_terms_have_different_codes(one, other):
    if one != other:
        assert encode_term(one) != encode_term(other)


def _side_codes(value: str) -> list[str]:
    return [c for unit in analyze(value) for c in unit.word.codes if c.startswith("0")]


@given(st.text(max_size=200))
def test_any_text_gives_plain_words(value):
    for term in index_terms(value):
        assert TERM_CODE.fullmatch(term) or SIDE_CODE.fullmatch(term)


def test_each_term_is_indexed_once_in_the_order_it_first_occurs():
    value = "空き家の活用。空き家バンクと空き家対策"
    codes = [
        code
        for unit in analyze(value)
        for code in [*(encode_term(t) for t in unit.all_terms()), *_side_codes(unit.surface)]
    ]
    assert codes.count(encode_term("空き家")) == 3
    assert codes.count(side_code(READING, "あきや")) == 3
    assert index_terms(value) == list(dict.fromkeys(codes))


@given(st.text(max_size=200))
def test_the_indexed_terms_are_the_analysed_terms_and_side_terms_without_repeats(value):
    terms = index_terms(value)
    assert len(terms) == len(set(terms))
    assert set(terms) == {encode_term(term) for term in _terms(value)} | set(_side_codes(value))


def test_a_word_with_a_kanji_is_also_indexed_under_its_reading():
    assert _side_codes("空き家") == [side_code(READING, "あきや")]
    assert _side_codes("子育て") == [side_code(READING, "こそだて")]
    # A compound: its own reading and those of its middle parts.
    assert _side_codes("東日本大震災") == [
        side_code(READING, r) for r in ["ひがしにほんだいしんさい", "ひがしにほん", "だいしんさい"]
    ]
    # Kana words are their own reading; one-kana readings (市 → し) are not worth a term.
    assert _side_codes("まちづくり") == _side_codes("アキヤ") == []
    assert side_code(READING, "し") not in _side_codes("酒田市")


def test_a_katakana_word_sudachi_keeps_whole_is_indexed_under_its_suffixes():
    # エコツーリズム is one unit even in Sudachi's shortest mode.
    assert [u.surface for u in analyze("エコツーリズム")] == ["エコツーリズム"]
    # Only where two known words meet: エコ|ツーリズム, not エコツー|リズム.
    assert _side_codes("エコツーリズム") == [side_code(SUFFIX, "つーりずむ")]
    assert part_suffixes("インバウンドツーリズム") == ("ばうんどつーりずむ", "つーりずむ")
    assert part_suffixes("コミュニティバス") == ("ばす",)
    assert part_suffixes("ワーケーション") == ()
    # Half-width katakana alike.
    assert _side_codes("ｴｺﾂｰﾘｽﾞﾑ") == _side_codes("エコツーリズム")
    # A katakana compound Sudachi cuts into short parts: the suffixes of each part (none here).
    assert _side_codes("コミュニティーセンター") == []
    assert _side_codes("コワーキングスペース") == []  # コ|ワーキング: コ is one character
    # Words Sudachi splits are found through their parts, without suffixes: short words none.
    assert _side_codes("シェアオフィス") == []
    assert _side_codes("ケア") == []


@given(
    st.lists(
        st.text(
            alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),
            min_size=1,
            max_size=12,
        ),
        min_size=1,
        max_size=50,
    )
)
def test_side_codes_are_single_database_words(kana_words):
    """What a side code is made of: 0, its kind, then digits and letters, which both databases'
    tokenizers keep as one word (checked on PostgreSQL's parser in
    test_side_codes_are_one_lexeme_for_postgresql)."""
    for word in kana_words:
        for kind in (READING, SUFFIX):
            assert SIDE_CODE.fullmatch(side_code(kind, word))
