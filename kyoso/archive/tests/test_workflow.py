"""Draft → review → published through the pages: the status history is append-only, every
publication (and every published edit) is a new version, and older versions stay readable
by editors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.archive import messages
from kyoso.archive.models import Item, Kind, Status, StatusChange, Version
from kyoso.audit.models import AuditEvent
from kyoso.search.services import search

pytestmark = pytest.mark.django_db(transaction=False)


def _form(**overrides):
    data = {
        "kind": Kind.TIP,
        "title": "予算がなくても始める方法",
        "summary": "小さく試して実績をつくる",
        "body": "## まず小さく\n\n既存の事業の枠で**試行**する。",
        "year": "2024",
        "audience": "public",
        "walls": ["budget"],
        "themes": ["community"],
        "issues": "",
        "events": "",
        "projects": "",
    }
    data.update(overrides)
    return data


def test_a_member_writes_a_tip_and_the_secretariat_publishes_it(
    client, ito, sato, django_capture_on_commit_callbacks
):
    client.force_login(ito)
    response = client.post(reverse("archive:create"), _form())
    item = Item.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("archive:edit", args=[item.pk])
    assert item.status == Status.DRAFT and item.created_by == ito
    assert list(item.authors.all()) == [ito]

    response = client.post(reverse("archive:submit", args=[item.pk]), follow=True)
    assert str(messages.SUBMITTED) in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.REVIEW

    client.force_login(sato)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("archive:publish", args=[item.pk]), follow=True)
    assert str(messages.PUBLISHED) in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.version == 1
    assert item.published_at is not None
    assert [(c.from_status, c.to_status) for c in StatusChange.objects.filter(item=item)] == [
        ("", "draft"),
        ("draft", "review"),
        ("review", "published"),
    ]
    assert Version.objects.get(item=item).title == "予算がなくても始める方法"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"archive.created", "archive.status_changed", "archive.version_published"} <= actions

    # On the wall's page, in the search and in the feed.
    client.logout()
    wall = client.get(reverse("archive:wall", args=["budget"])).content.decode()
    assert "予算がなくても始める方法" in wall
    feed = client.get(reverse("archive:feed")).content.decode()
    assert "予算がなくても始める方法" in feed
    hits = search("予算", viewer=None, types=["archive"])
    assert [(hit.type, hit.id) for hit in hits.items] == [("archive", item.pk)]


def test_a_published_edit_is_a_new_version_and_older_ones_stay(client, ito, sato):
    client.force_login(ito)
    client.post(reverse("archive:create"), _form())
    item = Item.objects.get()
    client.post(reverse("archive:submit", args=[item.pk]))
    client.force_login(sato)
    client.post(reverse("archive:publish", args=[item.pk]))

    response = client.post(
        reverse("archive:edit", args=[item.pk]), _form(title="予算ゼロから始める方法"), follow=True
    )
    assert str(messages.SAVED_NEW_VERSION % {"number": 2}) in response.content.decode()
    item.refresh_from_db()
    assert item.version == 2 and item.title == "予算ゼロから始める方法"
    assert list(Version.objects.filter(item=item).values_list("number", "title")) == [
        (2, "予算ゼロから始める方法"),
        (1, "予算がなくても始める方法"),
    ]
    old = client.get(reverse("archive:version", args=[item.pk, 1]))
    assert "予算がなくても始める方法" in old.content.decode()
    # The author (an editor) reads the versions too; a reader does not.
    client.force_login(ito)
    assert client.get(reverse("archive:versions", args=[item.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("archive:version", args=[item.pk, 1])).status_code == 302


def test_sending_back_needs_a_reason_and_keeps_it_in_the_history(client, sato, draft):
    draft.status = Status.REVIEW
    draft.save()
    client.force_login(sato)
    response = client.post(reverse("archive:return", args=[draft.pk]), {"reason": ""})
    assert response.status_code == 400
    assert str(messages.REASON_REQUIRED) in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW

    client.post(reverse("archive:return", args=[draft.pk]), {"reason": "出典を書いてください"})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert StatusChange.objects.filter(item=draft).last().reason == "出典を書いてください"


def test_an_empty_body_cannot_go_to_review(client, ito, draft):
    draft.body = ""
    draft.save()
    client.force_login(ito)
    response = client.post(reverse("archive:submit", args=[draft.pk]), follow=True)
    assert str(messages.BODY_REQUIRED) in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_second_publish_of_the_same_review_is_refused_with_its_message(sato, draft):
    from kyoso.archive.services import ArchiveError, item_publish

    draft.status = Status.REVIEW
    draft.save()
    stale = Item.objects.get(pk=draft.pk)
    item_publish(actor=sato, item=draft)
    with pytest.raises(ArchiveError) as refused:
        # The rule sees the stale copy in review; the conditional UPDATE finds it published.
        item_publish(actor=sato, item=stale)
    assert refused.value.code == "wrong_state"
    assert Version.objects.filter(item=draft).count() == 1


def test_markdown_is_sanitized_on_the_page(client, ito, draft):
    draft.body = "<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    draft.save()
    client.force_login(ito)
    page = client.get(reverse("archive:detail", args=[draft.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript' not in page  # shown as text, never a link


def test_the_secretariat_names_co_authors_by_email(client, sato, ito, suzuki, draft):
    from kyoso.archive.forms import ItemForm

    client.force_login(sato)
    data = {**ItemForm.initial_of(draft), "authors": "nobody@example.jp"}
    data.pop("themes"), data.pop("walls")
    response = client.post(reverse("archive:edit", args=[draft.pk]), data)
    assert response.status_code == 400
    assert "nobody@example.jp の人は見つかりませんでした" in response.content.decode()

    data["authors"] = suzuki.email
    client.post(reverse("archive:edit", args=[draft.pk]), data)
    assert [a.user for a in draft.authorships.all()] == [ito, suzuki]
    data["authors"] = ""
    client.post(reverse("archive:edit", args=[draft.pk]), data)
    assert [a.user for a in draft.authorships.all()] == [ito]


def test_a_member_cannot_name_co_authors(client, ito, suzuki, draft):
    from kyoso.archive.forms import ItemForm

    client.force_login(ito)
    data = {**ItemForm.initial_of(draft), "authors": suzuki.email}
    data.pop("themes"), data.pop("walls")
    client.post(reverse("archive:edit", args=[draft.pk]), data)
    assert [a.user for a in draft.authorships.all()] == [ito]
