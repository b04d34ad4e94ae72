"""Rate limits on posting, introductions and API tokens, per address and per account
(kyoso.core.ratelimit.refuse_form; docs/security.md).

Every form here counts each POST; past the limit it answers 429 with ``Retry-After`` and the
form again, holding what was typed, with the message saying how long to wait.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMITS = {
    "posting": (2, 600),
    "posting_account": (2, 600),
    "introduction": (2, 3600),
    "introduction_account": (2, 3600),
    "api_token": (2, 3600),
    "api_token_account": (2, 3600),
}
TYPED = "入力した文を失わない"


@dataclass
class Form:
    url: str
    data: dict[str, Any]


def _issue_form(user):
    return Form(reverse("issues:create"), {"title": TYPED})


def _issue_comment(user):
    from kyoso.issues.tests.factories import IssueFactory

    issue = IssueFactory()
    return Form(reverse("issues:comment_create", args=[issue.pk]), {"body": TYPED + "。"})


def _board_post(user):
    from kyoso.communities.tests.factories import CommunityFactory, add_member

    community = CommunityFactory()
    add_member(community, user)
    return Form(reverse("communities:post_create", args=[community.slug]), {"body": TYPED})


def _board_comment(user):
    from kyoso.communities.tests.factories import BoardPostFactory, CommunityFactory, add_member

    community = CommunityFactory()
    add_member(community, user)
    post = BoardPostFactory(community=community)
    return Form(
        reverse("communities:comment_create", args=[community.slug, post.pk]),
        {"body": TYPED + "。"},
    )


def _project_comment(user):
    from kyoso.projects.tests.factories import ProjectFactory, add_member

    project = ProjectFactory()
    add_member(project, user)
    return Form(reverse("projects:comments", args=[project.pk]), {"body": TYPED + "。"})


def _project_update(user):
    from kyoso.projects.tests.factories import ProjectFactory, add_member

    project = ProjectFactory()
    add_member(project, user, role="lead")
    return Form(reverse("projects:updates", args=[project.pk]), {"body": TYPED + "。"})


def _introduction(user):
    target = UserFactory(display_name="紹介先")
    return Form(reverse("introductions:new") + f"?to=user:{target.pk}", {"reason": TYPED})


def _token(user):
    return Form(reverse("tokens:list"), {"name": TYPED, "scope": "read"})


FORMS = {
    "issue": _issue_form,
    "issue comment": _issue_comment,
    "community board post": _board_post,
    "community board comment": _board_comment,
    "project comment": _project_comment,
    "project update": _project_update,
    "introduction": _introduction,
    "API token (web page)": _token,
}


def _client(user, address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def _assert_refused_with_the_form(response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert TYPED in page, "what was typed is in the form again"
    assert "秒ほど待ってからもう一度送信してください" in page


@override_settings(KYOSO_RATE_LIMITS=LIMITS)
@pytest.mark.parametrize("kind", FORMS)
def test_a_third_post_from_one_account_is_refused_keeping_what_was_typed(suzuki, kind):
    forms = [FORMS[kind](suzuki) for _ in range(3)]  # a new object each time
    for address, form in zip(("203.0.113.1", "203.0.113.2"), forms, strict=False):
        assert _client(suzuki, address).post(form.url, form.data).status_code != 429
    # A third address, the same account.
    refused = _client(suzuki, "203.0.113.3").post(forms[2].url, forms[2].data)
    _assert_refused_with_the_form(refused)


@override_settings(KYOSO_RATE_LIMITS=LIMITS)
@pytest.mark.parametrize("kind", FORMS)
def test_a_third_post_from_one_address_is_refused(kind):
    people = [UserFactory() for _ in range(3)]
    forms = [FORMS[kind](person) for person in people]
    for person, form in zip(people[:2], forms[:2], strict=True):
        assert _client(person, "198.51.100.9").post(form.url, form.data).status_code != 429
    refused = _client(people[2], "198.51.100.9").post(forms[2].url, forms[2].data)
    _assert_refused_with_the_form(refused)
    # Another address and another account are not held up.
    other = UserFactory()
    form = FORMS[kind](other)
    assert _client(other, "198.51.100.10").post(form.url, form.data).status_code != 429


@override_settings(KYOSO_RATE_LIMITS=LIMITS)
def test_api_tokens_issued_to_one_account_are_limited_from_any_address(suzuki):
    suzuki.set_password("correct horse battery")
    suzuki.save()
    body = {
        "email": suzuki.email,
        "password": "correct horse battery",
        "name": "t",
        "scopes": ["read"],
    }
    for address in ("203.0.113.11", "203.0.113.12"):
        response = Client(REMOTE_ADDR=address).post(
            "/api/v1/auth/token", body, content_type="application/json"
        )
        assert response.status_code == 201
    refused = Client(REMOTE_ADDR="203.0.113.13").post(
        "/api/v1/auth/token", body, content_type="application/json"
    )
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0


@override_settings(KYOSO_RATE_LIMITS=LIMITS)
def test_posting_through_the_api_counts_with_the_forms(suzuki):
    from kyoso.api.tests.factories import bearer, issue_token
    from kyoso.issues.tests.factories import IssueFactory

    token = bearer(issue_token(suzuki, ["write"]))
    issue = IssueFactory()
    url = f"/api/v1/issues/{issue.pk}/comments"
    form = _issue_comment(suzuki)
    assert _client(suzuki, "203.0.113.21").post(form.url, form.data).status_code != 429
    first = Client(REMOTE_ADDR="203.0.113.22", **token).post(
        url, {"body": "APIから"}, content_type="application/json"
    )
    assert first.status_code == 201
    refused = Client(REMOTE_ADDR="203.0.113.23", **token).post(
        url, {"body": "APIから"}, content_type="application/json"
    )
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
