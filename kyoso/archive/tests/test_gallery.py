"""The gallery (filters, keyset pages, events' minutes beside), the walls, the Atom feed,
search visibility, and the query counts of the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.archive import messages, selectors
from kyoso.archive.models import Audience, Kind, Status
from kyoso.archive.tests.factories import published
from kyoso.core.testing import assert_num_queries
from kyoso.search.services import index_object, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(ito):
    now = timezone.now()
    return {
        "tip": published(
            ito,
            kind=Kind.TIP,
            title="上司を味方にするコツ",
            walls=("boss",),
            year=2023,
            published_at=now - timedelta(days=1),
        ),
        "report": published(
            ito,
            kind=Kind.REPORT,
            title="令和3年度の活動報告",
            year=2021,
            published_at=now - timedelta(days=2),
        ),
        "members": published(
            ito,
            kind=Kind.CASE_STUDY,
            title="会員向けの事例",
            audience=Audience.MEMBERS,
            year=2022,
            published_at=now - timedelta(days=3),
        ),
        "draft": published(
            ito,
            kind=Kind.TIP,
            title="書きかけのコツ",
            status=Status.DRAFT,
            published_at=None,
            walls=("boss",),
        ),
    }


def _titles(response) -> str:
    return response.content.decode()


def test_the_gallery_shows_public_items_to_visitors(client, shelf):
    page = _titles(client.get(reverse("archive:gallery")))
    assert "上司を味方にするコツ" in page and "令和3年度の活動報告" in page
    assert "会員向けの事例" not in page and "書きかけのコツ" not in page


def test_members_see_members_only_items(client, shelf, takahashi):
    client.force_login(takahashi)
    assert "会員向けの事例" in _titles(client.get(reverse("archive:gallery")))


@pytest.mark.parametrize(
    "query,shown,hidden",
    [
        ({"kind": "tip"}, "上司を味方にするコツ", "令和3年度の活動報告"),
        ({"wall": "boss"}, "上司を味方にするコツ", "令和3年度の活動報告"),
        ({"year": "2021"}, "令和3年度の活動報告", "上司を味方にするコツ"),
    ],
)
def test_filters(client, shelf, query, shown, hidden):
    page = _titles(client.get(reverse("archive:gallery"), query))
    assert shown in page and hidden not in page


def test_an_unknown_filter_value_is_dropped_with_a_notice(client, shelf):
    page = _titles(client.get(reverse("archive:gallery"), {"kind": "poem"}))
    assert str(messages.FILTER_INVALID) in page
    assert "上司を味方にするコツ" in page


def test_keyset_pages_walk_every_item_once(ito, shelf):
    for n in range(5):
        published(ito, title=f"追加の記事{n}")
    seen, after = [], ""
    while True:
        page = selectors.item_page(None, selectors.ItemFilters(), after=after, limit=2)
        seen += [i.pk for i in page.items]
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert len(seen) == len(set(seen)) == 7


def test_a_broken_cursor_shows_the_first_page(client, shelf):
    page = _titles(client.get(reverse("archive:gallery"), {"after": "garbage"}))
    assert str(messages.PAGE_INVALID) in page


def test_gallery_query_count(client, shelf):
    # 1 items page, 2 their tags, 3 events' minutes (no viewer: public only)
    with assert_num_queries(3):
        client.get(reverse("archive:gallery"))


def test_detail_query_count(client, shelf, takahashi):
    item = shelf["tip"]
    client.force_login(takahashi)
    client.get(reverse("archive:detail", args=[item.pk]))
    # 1 session, 2 user, 3 the viewer's roles (secretariat?), 4 item with its creator,
    # 5 authors (also answer "is the viewer an author?"), 6 tags, 7 attachments,
    # 8 related issues, 9 related events, 10 related projects (each as the viewer may see)
    with assert_num_queries(10):
        client.get(reverse("archive:detail", args=[item.pk]))


def test_the_wall_page_lists_its_tips(client, shelf):
    page = _titles(client.get(reverse("archive:wall", args=["boss"])))
    assert "上司を味方にするコツ" in page and "書きかけのコツ" not in page
    assert client.get(reverse("archive:wall", args=["moat"])).status_code == 404
    walls = _titles(client.get(reverse("archive:walls")))
    assert walls.count('class="card"') == 14


def test_the_feed_has_public_items_only(client, shelf):
    response = client.get(reverse("archive:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "上司を味方にするコツ" in body and "会員向けの事例" not in body
    assert "書きかけのコツ" not in body


def test_the_feed_escapes_markup_in_a_summary(client, ito):
    # Atom's summary is HTML to a reader: markup typed into it must arrive as text.
    published(ito, kind=Kind.TIP, title="要約に記号", summary='<img src=x onerror="alert(1)">')
    body = client.get(reverse("archive:feed")).content.decode()
    assert "&amp;lt;img src=x onerror=" in body
    assert "&lt;img" not in body.replace("&amp;lt;img", "")


def test_search_shows_members_only_items_to_members_only(shelf, takahashi):
    for item in shelf.values():
        index_object(item)
    public = search("事例", viewer=None, types=["archive"])
    assert public.count == 0
    members = search("事例", viewer=takahashi, types=["archive"])
    assert [h.id for h in members.items] == [shelf["members"].pk]
    assert search("書きかけ", viewer=takahashi, types=["archive"]).count == 0


def test_minutes_published_from_events_appear_beside_the_items(client, monkeypatch, shelf):
    class Event:
        title = "第5回 定例会"
        starts_at = timezone.now()

    class Minutes:
        event_id = 42
        event = Event()

    monkeypatch.setattr(selectors, "event_minutes", lambda viewer, year=None: [Minutes()])
    page = _titles(client.get(reverse("archive:gallery")))
    assert "第5回 定例会" in page and reverse("events:minutes", args=[42]) in page
    assert "第5回 定例会" not in _titles(client.get(reverse("archive:gallery"), {"wall": "boss"}))
