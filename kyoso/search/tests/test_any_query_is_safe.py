"""Property tests on the database in use (run them on SQLite and on PostgreSQL): no query
raises, and a document is always found by its own title written as a phrase."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search.models import SearchText
from kyoso.search.services import matching_ids, search, similar

DB_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: Characters people type, and those the full-text syntaxes care about.
TYPED = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\"*():^-+~'%_\\;,.!?&|<>{}[]@#「」“”　 NEAROTAD")),
        st.sampled_from(list("子ども食堂空き家防災生理用品ｸｳｷﾔＮＰＯ")),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=60,
)


@DB_SETTINGS
@given(query=TYPED)
def test_no_query_raises(corpus, query):
    page = search(query, viewer=None, limit=5)
    ids = matching_ids(query, type="organizations")
    hints = similar(query, viewer=None, type="organizations")

    assert page.count >= len(page.items)
    assert len(ids) == page.count  # every corpus document is public
    assert all(hit.type == "organizations" for hit in hints)


WORDS = st.text(
    alphabet=st.sampled_from(
        list(
            "あいうえおかきくけこさしすせそがぎアイウエオカキクケコーンャュョ子供空家防災用品生理食堂地域支援ab1"
        )
    ),
    min_size=1,
    max_size=12,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(words=st.lists(WORDS, min_size=1, max_size=4))
def test_a_title_quoted_finds_its_document(words):
    title = " ".join(words)
    org = OrganizationFactory(name=title[:100], name_kana="")
    try:
        found = [hit.id for hit in search(f'"{org.name}"', viewer=None, limit=50).items]
        text = SearchText.objects.get(document__type="organizations", document__object_id=org.pk)
        if text.title_terms:  # a title of particles only has nothing to find it by
            assert org.pk in found, (org.name, text.title_terms)
    finally:
        org.delete()
