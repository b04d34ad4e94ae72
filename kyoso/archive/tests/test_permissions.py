"""Role × action × state: who may see, write, submit, publish, send back and see versions.

Personas: anonymous, 高橋 (signed in, nothing), 鈴木 (citizen, in no organization),
伊藤 (the author, in an organization), another organization member, 佐藤 (secretariat)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.archive.models import Audience, Status
from kyoso.archive.tests.factories import item_by
from kyoso.core.policy import check
from kyoso.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

STATES = [
    (Status.DRAFT, Audience.PUBLIC),
    (Status.REVIEW, Audience.PUBLIC),
    (Status.PUBLISHED, Audience.PUBLIC),
    (Status.PUBLISHED, Audience.MEMBERS),
]


@pytest.fixture
def people(sato, suzuki, takahashi, ito):
    other = UserFactory(email="kato@example.jp", display_name="加藤")
    MembershipFactory(user=other)
    return {
        "anonymous": None,
        "takahashi": takahashi,
        "suzuki": suzuki,
        "author": ito,
        "other_member": other,
        "secretariat": sato,
    }


def _item(ito, status, audience):
    from django.utils import timezone

    return item_by(
        ito,
        status=status,
        audience=audience,
        published_at=timezone.now() if status == Status.PUBLISHED else None,
    )


def _user(people, who):
    from django.contrib.auth.models import AnonymousUser

    return people[who] or AnonymousUser()


#: (who, state) → may view
VIEW = {
    "anonymous": {
        ("draft", "public"): 0,
        ("review", "public"): 0,
        ("published", "public"): 1,
        ("published", "members"): 0,
    },
    "takahashi": {
        ("draft", "public"): 0,
        ("review", "public"): 0,
        ("published", "public"): 1,
        ("published", "members"): 1,
    },
    "suzuki": {
        ("draft", "public"): 0,
        ("review", "public"): 0,
        ("published", "public"): 1,
        ("published", "members"): 1,
    },
    "author": {
        ("draft", "public"): 1,
        ("review", "public"): 1,
        ("published", "public"): 1,
        ("published", "members"): 1,
    },
    "other_member": {
        ("draft", "public"): 0,
        ("review", "public"): 0,
        ("published", "public"): 1,
        ("published", "members"): 1,
    },
    "secretariat": {
        ("draft", "public"): 1,
        ("review", "public"): 1,
        ("published", "public"): 1,
        ("published", "members"): 1,
    },
}


@pytest.mark.parametrize("who", list(VIEW))
@pytest.mark.parametrize("status,audience", STATES)
def test_who_sees_an_item_and_the_rest_get_a_404(client, people, ito, who, status, audience):
    item = _item(ito, status, audience)
    user = _user(people, who)
    if people[who] is not None:
        client.force_login(people[who])
    expected = VIEW[who][(status, audience)]
    assert check("archive.view_item", user, item) is bool(expected)
    response = client.get(reverse("archive:detail", args=[item.pk]))
    if expected:
        assert response.status_code == 200
    elif who == "anonymous" and audience == Audience.MEMBERS and status == Status.PUBLISHED:
        assert response.status_code == 302  # members only: log in to read
    else:
        assert response.status_code == 404


# (rule, state) → the people allowed
ACTIONS = {
    "archive.change_item": {
        "draft": {"author", "secretariat"},
        "review": {"secretariat"},
        "published": {"secretariat"},
    },
    "archive.submit_item": {
        "draft": {"author", "secretariat"},
        "review": set(),
        "published": set(),
    },
    "archive.publish_item": {"draft": set(), "review": {"secretariat"}, "published": set()},
    "archive.return_item": {
        "draft": set(),
        "review": {"secretariat"},
        "published": {"secretariat"},
    },
    "archive.view_versions": {
        "draft": {"author", "secretariat"},
        "review": {"author", "secretariat"},
        "published": {"author", "secretariat"},
    },
    "archive.add_attachment": {
        "draft": {"author", "secretariat"},
        "review": {"secretariat"},
        "published": {"secretariat"},
    },
}


@pytest.mark.parametrize("rule", list(ACTIONS))
@pytest.mark.parametrize("status", ["draft", "review", "published"])
def test_role_action_state_table(people, ito, rule, status):
    item = _item(ito, status, Audience.PUBLIC)
    allowed = {who for who in people if check(rule, _user(people, who), item)}
    assert allowed == ACTIONS[rule][status]


def test_who_may_write(people):
    allowed = {who for who in people if check("archive.add_item", _user(people, who))}
    assert allowed == {"author", "other_member", "secretariat"}


def test_an_unverified_member_may_not_write(people):
    member = people["other_member"]
    member.email_verified_at = None
    member.save()
    assert not check("archive.add_item", member)


@pytest.mark.parametrize(
    "who,expected", [("anonymous", 302), ("suzuki", 403), ("author", 200), ("secretariat", 200)]
)
def test_the_new_item_page(client, people, who, expected):
    if people[who] is not None:
        client.force_login(people[who])
    assert client.get(reverse("archive:create")).status_code == expected


@pytest.mark.parametrize(
    "who,expected",
    [
        ("anonymous", 404),
        ("suzuki", 404),
        ("other_member", 404),
        ("author", 200),
        ("secretariat", 200),
    ],
)
def test_a_draft_edit_page_is_a_404_to_those_who_may_not_see_it(
    client, people, draft, who, expected
):
    if people[who] is not None:
        client.force_login(people[who])
    assert client.get(reverse("archive:edit", args=[draft.pk])).status_code == expected


def test_publishing_a_draft_directly_is_refused_even_to_the_secretariat(client, sato, draft):
    client.force_login(sato)
    response = client.post(reverse("archive:publish", args=[draft.pk]))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_author_may_not_publish_their_own_item(client, ito, draft):
    draft.status = Status.REVIEW
    draft.save()
    client.force_login(ito)
    assert client.post(reverse("archive:publish", args=[draft.pk])).status_code == 403
