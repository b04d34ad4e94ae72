"""Communities in the site search: indexed when created and edited (after commit), found with a
word inside a compound, and shown on the search page under their own tab."""

from __future__ import annotations

from django.urls import reverse

from kyoso.communities.services import communities
from kyoso.search import services as search

DATA = {
    "name": "庄内農業共創コミュニティ",
    "slug": "shonai-agri",
    "theme": "agriculture",
    "description": "販路の共通化と、テック系ベンチャーとの新規事業開発に取り組みます。",
    "municipality": None,
    "join_policy": "open",
}


def test_a_word_inside_the_compound_name_finds_the_community(
    organizer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        community = communities.community_create(actor=organizer, data=DATA)

    for word in ("農業", "共創", "販路"):
        hits = search.search(word, viewer=None, types=["communities"]).items
        assert [hit.id for hit in hits] == [community.pk], word
    assert hits[0].url == reverse("communities:detail", args=["shonai-agri"])


def test_an_edit_is_reindexed(organizer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        community = communities.community_create(actor=organizer, data=DATA)
    from kyoso.regions.models import Municipality

    with django_capture_on_commit_callbacks(execute=True):
        communities.community_update(
            actor=organizer,
            community=community,
            data={
                **DATA,
                "name": "庄内スマート農業の会",
                "municipality": Municipality.objects.get(code="06204"),
            },
        )

    assert search.search("共創", viewer=None, types=["communities"]).items == []
    assert [h.id for h in search.search("酒田", viewer=None, types=["communities"]).items] == [
        community.pk
    ]


def test_the_search_page_offers_communities(client, organizer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        communities.community_create(actor=organizer, data=DATA)

    page = client.get(reverse("core:search"), {"q": "農業"}).content.decode()

    assert "庄内農業共創コミュニティ" in page
