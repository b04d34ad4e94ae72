"""Query expansion (decision 0010): what a Japanese reader expects to find, on both databases.

Each case names what it proves. Documents are organizations (a public type indexed through
its signals); the words typed are expanded to the parts of katakana words Sudachi keeps whole,
to the words a kana word reads as, and to synonyms, and what the words as typed find always
ranks above what only an expansion finds.
"""

from __future__ import annotations

import pytest

from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search import query as query_module
from kyoso.search import synonyms
from kyoso.search.query import MAX_EXPANSION_TERMS, parse, terms_of
from kyoso.search.services import search

DOCUMENTS: dict[str, tuple[str, str]] = {
    "eco": ("エコツーリズムの担い手", "里山を歩くガイドを育てます。"),
    "inbound": ("インバウンドツーリズム研究会", "海外からの旅行者を迎える準備。"),
    "green": ("グリーンツーリズムで農家民泊", "農業体験と宿泊をあわせて。"),
    "tourism": ("ツーリズム講座", "観光の基礎を学びます。"),
    "renovation": ("リノベーションまちづくり", "古いビルを改修して店を開きます。"),
    "share": ("シェアオフィスの開設", "駅前に仕事場をつくります。"),
    "akiya": ("空き家の活用", "使われていない家を地域の拠点にします。"),
    "akiya_kana": ("アキヤ相談会", "相談を受け付けます。"),
    "kosodate": ("子育て世帯の支え合い", "親同士が知り合える場をつくります。"),
    "koureisha": ("高齢者の見守り", "一人暮らしの方を訪ねます。"),
    "otoshiyori": ("お年寄りとの交流", "昔遊びを教わります。"),
    "shogai": ("障害者の就労支援", "作業所と企業をつなぎます。"),
    "shogai_kana": ("障がい者スポーツ大会", "誰でも参加できます。"),
    "shogai_old": ("障碍者の移動", "移動の手段を考えます。"),
    "smart": ("スマート農業の実証", "センサーで畑を見ます。"),
}


@pytest.fixture
def documents(db):
    return {
        key: OrganizationFactory(name=title, name_kana="", description=body).pk
        for key, (title, body) in DOCUMENTS.items()
    }


def _found(documents, query: str) -> list[str]:
    keys = {pk: key for key, pk in documents.items()}
    page = search(query, viewer=None, types=["organizations"], limit=20)
    return [keys[hit.id] for hit in page.items]


# --- Parts of katakana compounds -------------------------------------------------------------


def test_a_katakana_word_finds_the_compounds_sudachi_keeps_whole(documents):
    found = _found(documents, "ツーリズム")
    assert set(found) == {"tourism", "eco", "inbound", "green"}
    # The word as a word first (ツーリズム講座, and グリーンツーリズム, which Sudachi cuts
    # into グリーン + ツーリズム), then the compounds found through a part.
    assert set(found[:2]) == {"tourism", "green"}


def test_a_katakana_word_finds_compounds_it_begins(documents):
    assert _found(documents, "リノベーション") == ["renovation"]
    assert _found(documents, "シェア") == ["share"]
    assert _found(documents, "ｼｪｱ") == ["share"]


def test_a_part_is_found_only_where_known_words_meet(documents):
    # マート and ート sit inside スマート, ズム inside エコツーリズム, but none of them is
    # where two known words meet (ス, エコツーリ are no words). リズム in ツーリズム is a known
    # limit (ツー is a word too: decision 0010); it is not found inside エコツーリズム, where
    # エコツー is no word.
    for typed in ("マート", "ート", "ズム"):
        assert _found(documents, typed) == [], typed
    assert "eco" not in _found(documents, "リズム")


def test_a_two_character_part_is_found_where_words_meet(db):
    bus = OrganizationFactory(name="コミュニティバスの会", name_kana="", description="運行。")
    care = OrganizationFactory(name="ヘルスケア相談", name_kana="", description="健康。")
    assert [h.id for h in search("バス", viewer=None, types=["organizations"]).items] == [bus.pk]
    assert [h.id for h in search("ケア", viewer=None, types=["organizations"]).items] == [care.pk]


# --- Kana readings ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["あきや", "アキヤ", "ｱｷﾔ"])
def test_a_word_in_kana_finds_the_word_read_so(documents, typed):
    found = _found(documents, typed)
    assert set(found) == {"akiya", "akiya_kana"}


@pytest.mark.parametrize("typed", ["あきや", "アキヤ"])
def test_the_kana_as_written_ranks_above_the_reading(documents, typed):
    # アキヤ相談会 has the word as typed (kana fold alike); 空き家の活用 only its reading.
    assert _found(documents, typed) == ["akiya_kana", "akiya"]


def test_こそだて_finds_子育て(documents):
    assert _found(documents, "こそだて") == ["kosodate"]


# --- Synonyms --------------------------------------------------------------------------------


def test_お年寄り_finds_高齢者_below_itself(documents):
    assert _found(documents, "お年寄り") == ["otoshiyori", "koureisha"]


def test_高齢者_finds_お年寄り_below_itself(documents):
    assert _found(documents, "高齢者") == ["koureisha", "otoshiyori"]


@pytest.mark.parametrize("typed", ["障害者", "障がい者", "障碍者"])
def test_variant_spellings_of_障害者_find_each_other(documents, typed):
    # Sudachi writes all three 障害者 in normalized form, and its synonym dictionary lists them
    # as one word: whichever is typed, all three are found as typed.
    found = _found(documents, typed)
    assert set(found) == {"shogai", "shogai_kana", "shogai_old"}


def test_a_quoted_phrase_is_never_expanded(documents):
    assert _found(documents, '"お年寄り"') == ["otoshiyori"]
    assert _found(documents, '"ツーリズム"') == ["tourism", "green"]
    unexpanded = parse("お年寄り", expand=False).highlight_terms()
    assert parse('"お年寄り"').highlight_terms() == unexpanded


def test_an_exclusion_is_not_expanded(documents):
    # -お年寄り leaves out the document with お年寄り, not those with its synonyms.
    assert _found(documents, "高齢者 -お年寄り") == ["koureisha"]


def test_expansion_terms_rank_below_typed_terms_everywhere(documents):
    """A document with the word typed only in its body ranks above one with a synonym in
    both its title and its body."""
    body_only = OrganizationFactory(name="交流会", name_kana="", description="高齢者も歓迎。")
    synonym_everywhere = OrganizationFactory(
        name="老人の集い", name_kana="", description="老人会です。"
    )
    page = search("高齢者", viewer=None, types=["organizations"], limit=20)
    ids = [hit.id for hit in page.items]
    assert ids.index(body_only.pk) < ids.index(synonym_everywhere.pk)
    assert ids[0] == documents["koureisha"]


# --- Bounds and bad input --------------------------------------------------------------------


def test_synonyms_of_one_word_are_capped_and_the_query_says_so():
    # 支援 has more synonyms in Sudachi's dictionary than are used.
    words, capped = synonyms.synonyms(["支援"], ())
    assert len(words) == synonyms.MAX_PER_WORD
    assert capped
    assert parse("支援").expansion_capped
    assert not parse("高齢者").expansion_capped


def test_the_terms_a_query_gains_by_expansion_are_bounded():
    many = " ".join(["支援", "対策", "高齢者", "子育て", "障害者", "相談", "地域", "活動", "参加"])
    parsed = parse(many)
    expanded = [t for e in parsed.required for t in terms_of(e) if t.expansion]
    assert 0 < len(expanded) <= MAX_EXPANSION_TERMS
    assert parsed.expansion_capped


def test_a_word_that_can_only_be_reached_is_not_expanded():
    # シニア is in the group of 高齢者 but is marked "not a trigger" in Sudachi's dictionary.
    assert synonyms.dictionary_synonyms(["しにあ"], ()) == []
    assert "シニア" in synonyms.dictionary_synonyms(["高齢者"], ())


@pytest.mark.parametrize(
    "raw",
    [
        "！？。、・…",
        "あ" * 1000,
        "の は が を",  # particles only
        "こと もの ため",  # formal nouns, which have synonyms of their own
        '"お年寄り',  # unbalanced quote
        "-",
        "- - -",
        "お年寄り " * 50,
        "支援 " * 40,
    ],
)
def test_odd_queries_give_a_result_or_nothing_never_an_error(documents, raw):
    parsed = parse(raw)
    assert len([t for e in parsed.required for t in terms_of(e)]) <= 10 * (20 + MAX_EXPANSION_TERMS)
    search(raw, viewer=None, types=["organizations"], limit=20)


def test_expansion_can_be_turned_off(monkeypatch):
    parsed = parse("お年寄り", expand=False)
    assert not any(t.expansion for e in parsed.required for t in terms_of(e))
    assert query_module.parse("お年寄り").required != parsed.required


def test_the_synonym_table_folds_words_as_the_search_does():
    """The table carries each word folded when it was built (scripts/build_synonyms.py); a
    change to folding without rebuilding it would silently lose synonyms."""
    import gzip

    from kyoso.search.text import fold

    with gzip.open(synonyms.TABLE, "rt", encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    assert len(rows) > 60_000
    assert [row[3] for row in rows if fold(row[3]) != row[4]] == []


@pytest.mark.parametrize(
    "query, body, marked",
    [
        ("あきや", "町の空き家を直して使います。", "<mark>空き家</mark>"),
        ("ツーリズム", "里山のエコツーリズムを進めます。", "エコ<mark>ツーリズム</mark>"),
        ("お年寄り", "一人暮らしの高齢者を訪ねます。", "<mark>高齢者</mark>"),
    ],
)
def test_snippets_mark_what_the_expansion_found(db, query, body, marked):
    OrganizationFactory(name="地域の会", name_kana="", description=body)
    (hit,) = search(query, viewer=None, types=["organizations"], limit=5).items
    assert marked in hit.snippet_html


# --- The region's own synonyms ---------------------------------------------------------------


def test_a_local_synonym_is_used_by_the_next_search_both_ways(
    db, django_capture_on_commit_callbacks, sato
):
    from kyoso.search.synonyms_services import local_synonym_group_create

    center = OrganizationFactory(
        name="酒田市産業振興まちづくりセンター", name_kana="", description="創業の相談窓口。"
    )
    shopping = OrganizationFactory(name="買い物弱者の支援", name_kana="", description="移動販売。")
    assert search("サンロク", viewer=None, types=["organizations"]).items == []
    assert search("買い物難民", viewer=None, types=["organizations"]).items == []

    with django_capture_on_commit_callbacks(execute=True):
        local_synonym_group_create(
            actor=sato, words=["サンロク", "酒田市産業振興まちづくりセンター"]
        )
        local_synonym_group_create(actor=sato, words=["買い物難民", "買い物弱者"])

    assert [h.id for h in search("サンロク", viewer=None, types=["organizations"]).items] == [
        center.pk
    ]
    assert [h.id for h in search("さんろく", viewer=None, types=["organizations"]).items] == [
        center.pk
    ]
    assert [h.id for h in search("買い物難民", viewer=None, types=["organizations"]).items] == [
        shopping.pk
    ]
    sanroku = OrganizationFactory(name="サンロクの会", name_kana="", description="交流会。")
    # The other way round, and what was typed ranks first.
    found = [
        h.id
        for h in search(
            "酒田市産業振興まちづくりセンター", viewer=None, types=["organizations"]
        ).items
    ]
    assert found == [center.pk, sanroku.pk]


def test_the_search_page_names_the_synonyms_it_searched_and_says_when_it_capped(client, db):
    from kyoso.search import messages

    OrganizationFactory(name="高齢者の見守り", name_kana="", description="訪問します。")
    page = client.get("/search/", {"q": "お年寄り"}).content.decode()
    assert "同じ意味の言葉も探しました: " in page
    assert "高齢者" in page
    assert str(messages.EXPANSION_CAPPED).replace('"', "&quot;") not in page
    capped = client.get("/search/", {"q": "支援"}).content.decode()
    assert str(messages.EXPANSION_CAPPED).replace('"', "&quot;") in capped
    # A phrase is not expanded: nothing to say.
    quoted = client.get("/search/", {"q": '"お年寄り"'}).content.decode()
    assert "同じ意味の言葉も探しました" not in quoted


def test_the_api_names_the_synonyms_it_searched(client, db):
    OrganizationFactory(name="高齢者の見守り", name_kana="", description="訪問します。")
    body = client.get("/api/v1/search", {"q": "お年寄り"}).json()
    assert body["items"][0]["title"] == "高齢者の見守り"
    assert "高齢者" in body["synonyms"]
    assert body["expansion_capped"] is False
    assert client.get("/api/v1/search", {"q": "支援"}).json()["expansion_capped"] is True
    assert client.get("/api/v1/search", {"q": '"お年寄り"'}).json()["synonyms"] == []


def test_local_synonyms_chained_through_a_shared_word_expand_one_step_only(
    db, django_capture_on_commit_callbacks, sato
):
    """A → B in one group and B → C in another: A finds B's documents, never C's (and B, in
    both groups, finds both); a loop A → B → A adds nothing twice."""
    from kyoso.search.synonyms_services import local_synonym_group_create

    with django_capture_on_commit_callbacks(execute=True):
        local_synonym_group_create(actor=sato, words=["ミナトン", "ハマッコ"])
        local_synonym_group_create(actor=sato, words=["ハマッコ", "ヤマッペ"])
    alpha, beta, gamma = (
        OrganizationFactory(name=f"{name}の会", name_kana="", description="集まり。").pk
        for name in ("ミナトン", "ハマッコ", "ヤマッペ")
    )

    def found(query: str) -> set[int]:
        return {h.id for h in search(query, viewer=None, types=["organizations"]).items}

    assert found("ミナトン") == {alpha, beta}
    assert found("ハマッコ") == {alpha, beta, gamma}
    assert found("ヤマッペ") == {beta, gamma}
    assert parse("ミナトン").synonyms_used == ["ハマッコ"]


# --- The window: the words as typed first ----------------------------------------------------


@pytest.mark.parametrize("typed_count, expanded", [(2, True), (3, False), (5, False)])
def test_when_the_words_as_typed_fill_the_window_the_expansion_is_not_run(
    db, monkeypatch, django_assert_num_queries, typed_count, expanded
):
    """With a window of 3: two documents with 高齢者 leave room, and the newer お年寄り
    documents (a synonym) fill it; three or more fill it by themselves, and then only they are
    ranked and nothing is said about synonyms. One statement either way."""
    from kyoso.search import services

    monkeypatch.setattr(services, "WINDOW", 3)
    typed = [
        OrganizationFactory(name=f"高齢者の会{n}", name_kana="", description="集い。").pk
        for n in range(typed_count)
    ]
    synonym = [
        OrganizationFactory(name=f"お年寄りの会{n}", name_kana="", description="集い。").pk
        for n in range(2)
    ]
    with django_assert_num_queries(1):
        page = services.counted_page(
            parse("高齢者"), viewer=None, types=["organizations"], limit=10
        )
    ids = [hit.id for hit in page.items]
    assert page.expanded is expanded
    if expanded:
        # The newest three matches of the expanded query: both synonyms, then the newest typed.
        assert ids == [typed[-1], synonym[1], synonym[0]]
    else:
        assert ids == list(reversed(typed))[:3]
        assert page.relation == "gte"


def test_the_page_names_no_synonyms_when_the_words_as_typed_filled_the_window(
    client, db, monkeypatch
):
    from kyoso.search import services

    monkeypatch.setattr(services, "WINDOW", 2)
    for n in range(2):
        OrganizationFactory(name=f"高齢者の会{n}", name_kana="", description="集い。")
    OrganizationFactory(name="お年寄りの会", name_kana="", description="集い。")
    page = client.get("/search/", {"q": "高齢者"}).content.decode()
    assert "同じ意味の言葉も探しました" not in page
    assert "お年寄りの会" not in page
    body = client.get("/api/v1/search", {"q": "高齢者"}).json()
    assert body["synonyms"] == []
    assert [item["title"] for item in body["items"]] == ["高齢者の会1", "高齢者の会0"]
