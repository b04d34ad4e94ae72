"""People in the global search: found by display name and by what their profile shows
everyone; a field shown only to members or the secretariat is never indexed, so no search
reveals it to anyone; deactivated and deleted accounts are not found. The person is indexed
after the writing transaction commits (the tests run its callbacks with
``django_capture_on_commit_callbacks``), once: test_people_indexed_once.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.models import Visibility
from kyoso.accounts.services.privacy import user_delete
from kyoso.accounts.services.profile import profile_update
from kyoso.accounts.tests.factories import UserFactory
from kyoso.regions.models import Municipality
from kyoso.search import services as search

pytestmark = pytest.mark.django_db


def people(query, viewer=None):
    page = search.search(query, viewer=viewer, types=["people"])
    return [(hit.title, hit.url) for hit in page.items]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what the block's writes do after their commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def yamada(db, committed):
    with committed():
        user = UserFactory(
            email="yamada@example.jp",
            display_name="やまだ",
            family_name="山田",
            given_name="花子",
        )
    with committed():
        profile_update(
            actor=user,
            user=user,
            data={
                "bio": "酒田で古民家の改修をしています。",
                "skills": ["ウェブ制作", "写真撮影"],
                "themes": ["空き家"],
                "municipality": Municipality.objects.get(code="06204"),
                "visibility": {"full_name": Visibility.MEMBERS, "skills": Visibility.SECRETARIAT},
            },
        )
    return user


def test_a_person_is_found_by_name_and_public_profile_fields(yamada):
    expected = [("やまだ", reverse("accounts:person", args=[yamada.pk]))]
    assert people("やまだ") == expected
    assert people("古民家") == expected  # bio: public by default
    assert people("空き家") == expected  # themes
    assert people("酒田市") == expected  # municipality


def test_fields_not_shown_to_everyone_are_never_found(yamada, suzuki, sato):
    for viewer in (None, suzuki, sato, yamada):
        assert people("山田", viewer=viewer) == []  # full name: members only
        assert people("写真撮影", viewer=viewer) == []  # skills: secretariat only


def test_changing_a_field_s_visibility_adds_or_removes_its_words(yamada, committed):
    with committed():
        profile_update(
            actor=yamada,
            user=yamada,
            data={"visibility": {"bio": Visibility.MEMBERS, "skills": Visibility.PUBLIC}},
        )
    assert people("古民家") == []
    assert [title for title, _url in people("写真撮影")] == ["やまだ"]

    with committed():
        profile_update(actor=yamada, user=yamada, data={"display_name": "山田 はな"})
    assert [title for title, _url in people("写真撮影")] == ["山田 はな"]


def test_deactivated_and_deleted_people_are_not_found(yamada, suzuki, sato):
    """Their document goes in the transaction that erases them (no after-commit step)."""
    yamada.is_active = False
    yamada.save(update_fields=["is_active"])
    assert people("古民家", viewer=sato) == []

    user_delete(actor=suzuki, user=suzuki)
    assert people("鈴木") == []
    assert people("鈴木", viewer=sato) == []


def test_saving_only_the_last_login_leaves_the_document_alone(yamada, committed):
    """Signing in writes last_login on every login: it does not analyse the profile again."""
    from django.utils import timezone

    from kyoso.search.models import SearchDocument

    before = SearchDocument.objects.get(type="people", object_id=yamada.pk).updated_at
    yamada.last_login = timezone.now()
    with committed():
        yamada.save(update_fields=["last_login"])
    assert SearchDocument.objects.get(type="people", object_id=yamada.pk).updated_at == before
    with committed():
        yamada.save()
    assert SearchDocument.objects.get(type="people", object_id=yamada.pk).updated_at > before


def test_the_search_page_lists_people_in_their_own_tab(client, yamada):
    response = client.get(reverse("core:search"), {"q": "古民家"})
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("accounts:person", args=[yamada.pk]) in html
    assert "type=people" in html  # the tab
    english = client.get(reverse("core:search"), {"q": "古民家"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "People" in english.content.decode()


def test_sector_labels_are_indexed_in_japanese_whatever_the_language_of_the_save(yamada, committed):
    """The index is the same whoever saves: a person editing in English does not turn their
    sectors into English words (and out of a Japanese search)."""
    from django.utils import translation

    with translation.override("en"), committed():
        profile_update(actor=yamada, user=yamada, data={"sectors": ["government"]})
    assert [title for title, _url in people("行政")] == ["やまだ"]
    assert people("Government") == []
