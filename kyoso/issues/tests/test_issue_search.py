"""Issues in the search layer: indexed on every write (after commit), found with short and
compound-internal words, combined with the list's filters, suggested while a title is typed,
and gone when hidden."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.issues.models import Issue
from kyoso.issues.services import posting, stages
from kyoso.search import services as search

pytestmark = pytest.mark.django_db(transaction=False)


def post(actor, title, body="", **extra) -> Issue:
    data = {"title": title, "body": body or title, "themes": ["gender"], **extra}
    return posting.issue_create(actor=actor, data=data)


def test_a_posted_issue_is_found_with_a_two_character_word(
    poster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issue = post(poster, "生理用品の配布場所が分からない", "学校で配ってほしい。")

    hits = search.search("配布", viewer=None, types=["issues"]).items

    assert [hit.id for hit in hits] == [issue.pk]


def test_a_word_inside_a_compound_finds_the_issue(poster, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        issue = post(poster, "生理用品を受け取れる場所")

    assert issue.pk in [hit.id for hit in search.search("用品", viewer=None).items]


def test_the_list_combines_text_and_facets(client, poster, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(poster, "空き家の活用", themes=["housing"])
        post(poster, "空き家の草刈り", themes=["environment"])
        post(poster, "子ども食堂", themes=["housing"])

    response = client.get(reverse("issues:list"), {"q": "空き家", "theme": "housing"})

    assert [issue.title for issue in response.context["page"].items] == ["空き家の活用"]


def test_a_stage_change_keeps_the_document_in_step_and_hiding_removes_it(
    sato, poster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issue = post(poster, "商店街の空き店舗")
    with django_capture_on_commit_callbacks(execute=True):
        stages.issue_change_stage(actor=sato, issue=issue, to_stage="surfaced", reason="顕在化")
    assert [h.id for h in search.search("空き店舗", viewer=None).items] == [issue.pk]

    from django.utils import timezone

    Issue.objects.filter(pk=issue.pk).update(hidden_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        posting.reindex_on_commit(issue.pk)

    assert search.search("空き店舗", viewer=sato).items == []


def test_the_poster_name_is_not_indexed(poster, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(poster, "名前を隠した課題", name_hidden=True)

    # (The person is found by name in the people tab; the issue is not.)
    assert search.search(poster.display_name, viewer=None, types=["issues"]).items == []


def test_similar_issues_are_suggested_while_a_title_is_typed(
    client, poster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        existing = post(poster, "バス路線の廃止で通院できない")
        post(poster, "子育て世帯の孤立")

    response = client.get(reverse("issues:similar"), {"title": "バスがなくて困っている"})

    page = response.content.decode()
    assert reverse("issues:detail", args=[existing.pk]) in page
    assert "子育て世帯の孤立" not in page
    excluded = client.get(
        reverse("issues:similar"), {"title": "バス路線", "exclude": str(existing.pk)}
    )
    assert reverse("issues:detail", args=[existing.pk]) not in excluded.content.decode()
