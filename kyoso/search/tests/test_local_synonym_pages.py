"""The secretariat's local synonyms pages: list, add, edit, delete, as 佐藤 uses them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from kyoso.core.testing import assert_num_queries
from kyoso.search import messages, synonyms_local
from kyoso.search.models import LocalSynonymGroup
from kyoso.search.synonyms_local import local_synonym_words
from kyoso.search.synonyms_services import local_synonym_group_create

pytestmark = pytest.mark.django_db

SANROKU = ["サンロク", "酒田市 産業振興まちづくりセンター"]


@pytest.fixture
def as_sato(client, sato):
    client.force_login(sato)
    return client


def _text(response) -> str:
    return response.content.decode()


def test_the_empty_list_explains_local_synonyms_with_an_example(as_sato):
    page = _text(as_sato.get(reverse("search:synonyms")))
    assert "地域の同義語はまだ登録されていません。" in page
    assert "「サンロク」と「酒田市産業振興まちづくりセンター」を1つのグループにすると" in page
    assert f'href="{reverse("search:synonym_add")}"' in page


def test_the_list_shows_each_group_with_its_words_note_and_links(as_sato, sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU, note="地元の通称")
    page = _text(as_sato.get(reverse("search:synonyms")))
    assert '<li class="badge">サンロク</li>' in page
    assert '<li class="badge">酒田市 産業振興まちづくりセンター</li>' in page
    assert "地元の通称" in page
    assert "佐藤（事務局）" in page
    assert f'href="{reverse("search:synonym_edit", args=[group.pk])}"' in page
    assert f'href="{reverse("search:synonym_delete", args=[group.pk])}"' in page
    assert "まだ登録されていません" not in page


def test_the_list_is_paginated_most_recent_first(as_sato, sato):
    for i in range(51):
        local_synonym_group_create(actor=sato, words=[f"語{i}", f"別名{i}"])
    first = _text(as_sato.get(reverse("search:synonyms")))
    assert "51グループ" in first
    assert "1 / 2 ページ" in first
    assert "別名50" in first and "別名0<" not in first
    second = _text(as_sato.get(reverse("search:synonyms"), {"page": 2}))
    assert "別名0<" in second and "別名50" not in second


def test_list_query_count(as_sato, sato):
    for i in range(3):
        local_synonym_group_create(actor=sato, words=[f"語{i}", f"別名{i}", f"愛称{i}"])
    # 1 session, 2 user, 3 roles of sato, 4 site settings (2FA middleware), 5 count of groups,
    # 6 this page's groups with their authors, 7 their words
    with assert_num_queries(7):
        assert as_sato.get(reverse("search:synonyms")).status_code == 200


def test_add_then_the_next_look_up_uses_it(as_sato, django_capture_on_commit_callbacks):
    synonyms_local.forget()
    assert local_synonym_words("さんろく") == frozenset()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_sato.post(
            reverse("search:synonym_add"),
            {"words": "サンロク\r\n酒田市 産業振興まちづくりセンター\r\n", "note": "通称"},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("search:synonyms")
    page = _text(as_sato.get(response["Location"]))
    expected = messages.SYNONYMS_ADDED % {"words": "サンロク / 酒田市 産業振興まちづくりセンター"}
    assert escape(expected) in page
    assert local_synonym_words("さんろく") == frozenset({"酒田市産業振興まちづくりせんた"})


def test_words_may_be_separated_by_commas_on_one_line(as_sato):
    as_sato.post(
        reverse("search:synonym_add"), {"words": "サンロク、山麓,さんろくセンター", "note": ""}
    )
    group = LocalSynonymGroup.objects.get()
    assert [w.word for w in group.words.all()] == ["サンロク", "山麓", "さんろくセンター"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("サンロク", messages.SYNONYMS_TOO_FEW),
        ("", messages.SYNONYMS_TOO_FEW),
        (
            "サンロク\nさんろく",
            messages.SYNONYM_SAME_AS_OTHER % {"word": "さんろく", "other": "サンロク"},
        ),
        ("サンロク\n！？…", messages.SYNONYM_NOT_SEARCHABLE % {"word": "！？…"}),
    ],
    ids=["one word", "nothing", "same folded", "punctuation only"],
)
def test_refused_words_are_shown_back_with_the_message(as_sato, words, expected):
    response = as_sato.post(reverse("search:synonym_add"), {"words": words, "note": "残すメモ"})
    assert response.status_code == 400
    page = _text(response)
    assert escape(str(expected)) in page
    # Nothing typed is lost.
    assert escape(words) in page
    assert 'value="残すメモ"' in page
    assert not LocalSynonymGroup.objects.exists()


def test_edit_shows_the_words_one_per_line_and_saves(as_sato, sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU, note="通称")
    url = reverse("search:synonym_edit", args=[group.pk])
    page = _text(as_sato.get(url))
    assert "サンロク\n酒田市 産業振興まちづくりセンター</textarea>" in page
    assert 'value="通称"' in page

    response = as_sato.post(url, {"words": "サンロク\n産業センター", "note": "通称"})
    assert response.status_code == 302
    page = _text(as_sato.get(response["Location"]))
    assert escape(messages.SYNONYMS_CHANGED % {"words": "サンロク / 産業センター"}) in page


def test_saving_without_changes_says_so(as_sato, sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU)
    url = reverse("search:synonym_edit", args=[group.pk])
    response = as_sato.post(url, {"words": "\n".join(SANROKU), "note": ""}, follow=True)
    assert escape(str(messages.SYNONYMS_UNCHANGED)) in _text(response)


def test_a_refused_edit_keeps_what_was_typed(as_sato, sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU)
    url = reverse("search:synonym_edit", args=[group.pk])
    response = as_sato.post(url, {"words": "サンロク\n" + "長" * 51, "note": ""})
    assert response.status_code == 400
    page = _text(response)
    assert "サンロク\n" + "長" * 51 in page
    assert escape(messages.SYNONYM_TOO_LONG % {"word": "長" * 20 + "…", "limit": 50}) in page


def test_delete_asks_first_then_deletes(as_sato, sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU)
    url = reverse("search:synonym_delete", args=[group.pk])
    page = _text(as_sato.get(url))
    assert "サンロク" in page and "削除する" in page
    assert LocalSynonymGroup.objects.exists()

    response = as_sato.post(url, follow=True)
    assert not LocalSynonymGroup.objects.exists()
    expected = messages.SYNONYMS_DELETED % {"words": "サンロク / 酒田市 産業振興まちづくりセンター"}
    assert escape(expected) in _text(response)


@pytest.mark.parametrize("pk", [999, 2**70], ids=["missing", "beyond 64 bits"])
@pytest.mark.parametrize("action", ["synonym_edit", "synonym_delete"])
def test_an_unknown_group_is_not_found(as_sato, action, pk):
    assert as_sato.get(reverse(f"search:{action}", args=[pk])).status_code == 404
    assert as_sato.post(reverse(f"search:{action}", args=[pk])).status_code == 404
