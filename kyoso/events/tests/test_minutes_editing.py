"""Writing minutes, linking and creating surfaced issues — and every bad input on the way:
clear messages, the text kept, nothing half-saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.events import messages
from kyoso.events.models import MINUTES_MAX, Minutes
from kyoso.events.tests.after_event import make_event, organizer, write_minutes
from kyoso.issues import messages as issue_messages
from kyoso.issues.models import Issue, Stage
from kyoso.issues.tests.factories import IssueFactory, hidden
from kyoso.regions.models import Municipality


@pytest.fixture
def creator(db):
    return organizer()


@pytest.fixture
def event(creator):
    sakata = Municipality.objects.get(code="06204")
    return make_event(created_by=creator, theme="gender", municipality=sakata)


@pytest.fixture
def signed_in(client, creator):
    client.force_login(creator)
    return client


def _edit(event):
    return reverse("events:minutes_edit", args=[event.pk])


def test_writing_then_publishing_for_members(signed_in, event):
    response = signed_in.post(
        _edit(event), {"body": "## 出た意見\n\n- 居場所", "visibility": "members"}
    )
    assert response.status_code == 302
    minutes = Minutes.objects.get(event=event)
    assert minutes.published_at is None
    page = signed_in.get(response["Location"])
    assert str(messages.MINUTES_SAVED) in page.content.decode()

    signed_in.post(reverse("events:minutes_publish", args=[event.pk]), {"visibility": "members"})
    minutes.refresh_from_db()
    assert minutes.published_at is not None and minutes.visibility == "members"

    signed_in.post(reverse("events:minutes_unpublish", args=[event.pk]))
    minutes.refresh_from_db()
    assert minutes.published_at is None


def test_minutes_render_sanitized_markdown(client, event):
    write_minutes(
        event,
        published=True,
        visibility="public",
        body="# 見出し\n\n<script>alert(1)</script> **太字**",
    )
    html = client.get(reverse("events:minutes", args=[event.pk])).content.decode()
    assert "<strong>太字</strong>" in html
    assert "<h3>見出し</h3>" in html
    assert "<script>alert(1)" not in html


def test_minutes_over_the_limit_are_refused_and_kept(signed_in, event):
    write_minutes(event, body="前の版")
    too_long = "あ" * (MINUTES_MAX + 1)
    response = signed_in.post(_edit(event), {"body": too_long, "visibility": "members"})
    assert response.status_code == 400
    html = response.content.decode()
    expected = messages.MINUTES_TOO_LONG % {
        "limit_value": MINUTES_MAX,
        "show_value": MINUTES_MAX + 1,
    }
    assert str(expected) in html
    assert too_long in html  # what was typed is still in the form
    assert Minutes.objects.get(event=event).body == "前の版"


def test_empty_minutes_and_unknown_visibility_are_refused(signed_in, event):
    response = signed_in.post(_edit(event), {"body": "  ", "visibility": "secret"})
    assert response.status_code == 400
    html = response.content.decode()
    assert str(messages.MINUTES_REQUIRED) in html
    assert str(messages.MINUTES_VISIBILITY_INVALID) in html
    assert not Minutes.objects.filter(event=event).exists()


def test_publishing_before_writing_says_what_to_do(signed_in, event):
    response = signed_in.post(
        reverse("events:minutes_publish", args=[event.pk]), {"visibility": "public"}, follow=True
    )
    assert str(messages.MINUTES_MISSING) in response.content.decode()
    assert not Minutes.objects.filter(event=event).exists()


def test_linking_an_issue_by_number_and_twice(signed_in, event):
    write_minutes(event)
    issue = IssueFactory(title="放課後の居場所がない")
    link = reverse("events:minutes_link_issue", args=[event.pk])
    response = signed_in.post(link, {"issue": f"＃{issue.pk}"}, follow=True)
    assert str(messages.MINUTES_ISSUE_LINKED % {"title": issue.title}) in response.content.decode()
    response = signed_in.post(link, {"issue": f"/issues/{issue.pk}/"}, follow=True)
    assert (
        str(messages.MINUTES_ISSUE_ALREADY_LINKED % {"title": issue.title})
        in response.content.decode()
    )
    assert list(Minutes.objects.get(event=event).surfaced_issues.all()) == [issue]

    signed_in.post(reverse("events:minutes_unlink_issue", args=[event.pk, issue.pk]))
    assert not Minutes.objects.get(event=event).surfaced_issues.exists()
    assert Issue.objects.filter(pk=issue.pk).exists()


@pytest.mark.parametrize(
    "value, message",
    [
        ("99999", messages.MINUTES_ISSUE_NOT_FOUND),
        ("課題", messages.MINUTES_ISSUE_NOT_FOUND),
        ("", messages.MINUTES_ISSUE_NOT_FOUND),
        ("hidden", messages.MINUTES_ISSUE_NOT_FOUND),  # the organizer cannot see it
        ("merged", messages.MINUTES_ISSUE_NOT_LINKABLE),
    ],
)
def test_linking_what_cannot_be_linked(signed_in, event, value, message):
    write_minutes(event)
    if value == "hidden":
        value = str(hidden().pk)
    elif value == "merged":
        target = IssueFactory()
        value = str(IssueFactory(stage=Stage.MERGED, merged_into=target).pk)
    response = signed_in.post(
        reverse("events:minutes_link_issue", args=[event.pk]), {"issue": value}
    )
    assert response.status_code == 400
    assert str(message) in response.content.decode()
    assert not Minutes.objects.get(event=event).surfaced_issues.exists()


def test_linking_needs_minutes_first(signed_in, event):
    issue = IssueFactory()
    response = signed_in.post(
        reverse("events:minutes_link_issue", args=[event.pk]), {"issue": issue.pk}
    )
    assert str(messages.MINUTES_MISSING) in response.content.decode()


def test_new_issue_form_starts_with_the_event_theme_and_municipality(signed_in, event):
    write_minutes(event)
    response = signed_in.get(reverse("events:minutes_new_issue", args=[event.pk]))
    form = response.context["form"]
    assert form["themes"].value() == ["gender"]
    assert str(form["municipality"].value()) == str(event.municipality_id)


def test_creating_an_issue_from_the_minutes_links_it(signed_in, event, creator):
    write_minutes(event)
    response = signed_in.post(
        reverse("events:minutes_new_issue", args=[event.pk]),
        {
            "title": "若い女性の相談先が分からない",
            "body": "定例会で複数の参加者から出ました。",
            "themes": ["gender"],
            "municipality": event.municipality.code,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = Issue.objects.get(title="若い女性の相談先が分からない")
    assert issue.author == creator
    assert issue.municipality_id == event.municipality_id
    assert list(Minutes.objects.get(event=event).surfaced_issues.all()) == [issue]


def test_an_issue_without_title_gets_the_issues_app_message_and_nothing_is_saved(signed_in, event):
    write_minutes(event)
    response = signed_in.post(
        reverse("events:minutes_new_issue", args=[event.pk]),
        {"title": "", "body": "本文は書いた", "themes": ["gender"]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert str(issue_messages.TITLE_REQUIRED) in html
    assert "本文は書いた" in html
    assert not Issue.objects.exists()
    assert not Minutes.objects.get(event=event).surfaced_issues.exists()


def test_an_issue_refused_by_the_posting_limit_links_nothing(signed_in, event, settings):
    settings.KYOSO_ISSUE_LIMIT_PER_ACCOUNT = 0
    write_minutes(event)
    response = signed_in.post(
        reverse("events:minutes_new_issue", args=[event.pk]),
        {"title": "題", "body": "本文", "themes": ["gender"]},
    )
    assert response.status_code == 400
    assert str(issue_messages.POSTING_LIMIT_ACCOUNT % {"limit": 0}) in response.content.decode()
    assert not Issue.objects.exists()


def test_the_secretariat_writing_someone_elses_minutes_is_audited(client, event, sato, creator):
    from kyoso.audit.models import AuditEvent

    client.force_login(creator)
    client.post(_edit(event), {"body": "主催者の版", "visibility": "members"})
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT).exists()
    client.force_login(sato)
    client.post(_edit(event), {"body": "事務局が直した版", "visibility": "members"})
    entry = AuditEvent.objects.get(action=AuditEvent.Action.STAFF_EDIT)
    assert entry.actor == sato and entry.target_id == str(event.pk)
    assert Minutes.objects.get(event=event).body == "事務局が直した版"


def test_publishing_and_unpublishing_are_audited(signed_in, event, creator):
    from kyoso.audit.models import AuditEvent
    from kyoso.events.services.minutes import AUDIT_PUBLISHED, AUDIT_UNPUBLISHED

    write_minutes(event)
    signed_in.post(reverse("events:minutes_publish", args=[event.pk]), {"visibility": "public"})
    signed_in.post(reverse("events:minutes_unpublish", args=[event.pk]))
    actions = list(
        AuditEvent.objects.filter(actor=creator).order_by("id").values_list("action", "data")
    )
    assert actions == [
        (AUDIT_PUBLISHED, {"event": event.pk, "visibility": "public"}),
        (AUDIT_UNPUBLISHED, {"event": event.pk}),
    ]
