"""``similar`` (any of the content words, for "similar issues" while typing) and
``matching_ids`` (ranked ids for list pages that add their own filters)."""

from __future__ import annotations

from kyoso.core.testing import assert_num_queries
from kyoso.search.services import matching_ids, similar


def test_similar_ranks_documents_sharing_more_words_first(corpus):
    hits = similar("空き家バンクに移住者の情報を", viewer=None, type="organizations", limit=5)

    # akiya2 shares 空き家, 移住者 and 情報; akiya shares 空き家 and バンク (in its title)
    assert {hit.id for hit in hits[:2]} == {corpus["akiya"].pk, corpus["akiya2"].pk}
    assert {hit.id for hit in hits} == {corpus[key].pk for key in ("akiya", "akiya2", "kuukiya")}
    assert all(hit.snippet_html is not None for hit in hits)


def test_similar_leaves_out_the_object_being_edited_and_honours_the_limit(corpus):
    everything = similar("空き家", viewer=None, type="organizations", limit=5)
    others = similar("空き家", viewer=None, type="organizations", exclude_id=corpus["akiya"].pk)
    one = similar("空き家", viewer=None, type="organizations", limit=1)

    assert corpus["akiya"].pk in {hit.id for hit in everything}
    assert corpus["akiya"].pk not in {hit.id for hit in others}
    assert len(others) == len(everything) - 1
    assert len(one) == 1


def test_similar_ignores_function_words_and_runs_one_query(corpus):
    with assert_num_queries(0):
        assert similar("これはそれです", viewer=None, type="organizations") == []
    # 1 the ranked hits
    with assert_num_queries(1):
        similar("子ども食堂", viewer=None, type="organizations")


def test_similar_of_an_unknown_type_is_empty(corpus):
    assert similar("空き家", viewer=None, type="nothing") == []


def test_matching_ids_are_ranked_and_can_be_capped(corpus):
    ranked = matching_ids("空き家", type="organizations")
    capped = matching_ids("空き家", type="organizations", limit=2)

    assert ranked[-1] == corpus["akiya2"].pk
    # A cap keeps the newest matches (decision 0009), still best first.
    assert set(capped) == {corpus["kuukiya"].pk, corpus["akiya2"].pk}
    assert capped == [pk for pk in ranked if pk in capped]
    assert matching_ids("空き家", type="nothing") == []
