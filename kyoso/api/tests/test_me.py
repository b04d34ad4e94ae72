"""GET and PATCH /me: the person behind the token or the browser session."""

import pyotp
import pytest
from django import forms
from django.test import Client
from django.utils import timezone

from kyoso.accounts import messages as account_messages
from kyoso.accounts.models import TOTPDevice
from kyoso.api import messages
from kyoso.api.tests.factories import error_of, send
from kyoso.core.testing import assert_num_queries
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, organization_with_owner
from kyoso.roles.models import PlatformRole, RoleAssignment
from kyoso.sitepages.models import SiteSettings

#: What the web form says for an empty required field (Django's own message).
REQUIRED = forms.Field.default_error_messages["required"]


def test_anonymous_gets_401(client, db):
    # No query: neither a token nor a session to look up
    with assert_num_queries(0):
        response = send(client, "get", "/me")
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


def test_token_gets_the_person_with_roles_and_organizations(client, suzuki, suzuki_read):
    RoleAssignment.objects.create(user=suzuki, role=PlatformRole.PLAYER)
    organization_with_owner(suzuki, name="仙台テスト団体", slug="sendai-test")
    MembershipFactory(user=suzuki, role=MemberRole.MEMBER, organization__slug="other")

    # 1 token with its user, 2 last_used_at update, 3 roles, 4 memberships with organizations
    with assert_num_queries(4):
        response = send(client, "get", "/me", **suzuki_read)

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "id": suzuki.pk,
        "email": "suzuki@example.jp",
        "display_name": "鈴木",
        "family_name": "鈴木",
        "given_name": "一郎",
        "family_name_kana": "スズキ",
        "given_name_kana": "イチロウ",
        "email_verified": True,
        "platform_roles": [{"code": "player", "label": str(PlatformRole.PLAYER.label)}],
        "organizations": [
            {
                "slug": "sendai-test",
                "name": "仙台テスト団体",
                "role": "owner",
                "role_label": str(MemberRole.OWNER.label),
            },
            {
                "slug": "other",
                "name": body["organizations"][1]["name"],
                "role": "member",
                "role_label": str(MemberRole.MEMBER.label),
            },
        ],
    }


def test_session_gets_the_person(client, sato):
    client.force_login(sato)
    # 1 session, 2 user, 3 roles (staff must use 2FA?), 4 site settings (is it required?),
    # 5 memberships
    with assert_num_queries(5):
        response = send(client, "get", "/me")
    assert response.status_code == 200
    assert response.json()["platform_roles"] == [
        {"code": "secretariat", "label": str(PlatformRole.SECRETARIAT.label)}
    ]


def test_citizen_session_costs_no_site_settings_query(client, suzuki):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles (not staff: 2FA policy does not apply), 4 memberships
    with assert_num_queries(4):
        assert send(client, "get", "/me").status_code == 200


def test_staff_session_needs_2fa_when_the_site_requires_it(client, sato):
    SiteSettings.objects.update_or_create(
        singleton=True, defaults={"require_two_factor_for_staff": True}
    )
    client.force_login(sato)
    refused = send(client, "get", "/me")
    assert refused.status_code == 403
    assert error_of(refused) == {
        "code": "two_factor_setup_required",
        "message": str(messages.TWO_FACTOR_SETUP_REQUIRED),
        "details": [],
    }
    TOTPDevice.objects.create(user=sato, secret=pyotp.random_base32(), confirmed_at=timezone.now())
    assert send(client, "get", "/me").status_code == 200


def test_patch_normalizes_like_the_web_form(
    client, suzuki, suzuki_write, django_capture_on_commit_callbacks
):
    body = {"display_name": "  ｽｽﾞｷ　一郎 ", "family_name_kana": "すずき", "given_name": None}
    # 1 token with its user, 2 last_used_at update, 3 savepoint, 4 profile, 5 user update,
    # 6 release savepoint, 7 roles, 8 memberships; after the commit, the person's search
    # document, once: 9 the user as committed, 10 its profile, 11 document upsert, 12 text upsert;
    # then the matching row (kyoso.accounts.hooks, a task run at once in tests): 13 profile,
    # 14 opt-out, 15 projects' themes, 16 attended events' themes, 17 recent posts,
    # 18 savepoint, 19 its old words (the term counts), 20-21 delete, 22 insert the row,
    # 23 release (no key rows: the person gave no skills, themes or place).
    with assert_num_queries(23), django_capture_on_commit_callbacks(execute=True):
        response = send(client, "patch", "/me", body, **suzuki_write)

    assert response.status_code == 200
    suzuki.refresh_from_db()
    assert suzuki.display_name == "スズキ 一郎"
    assert suzuki.family_name_kana == "スズキ"
    assert suzuki.given_name == ""
    assert suzuki.family_name == "鈴木"  # not sent, not changed
    assert response.json()["display_name"] == "スズキ 一郎"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"family_name_kana": "suzuki"}, "family_name_kana", account_messages.KANA_INVALID),
        ({"given_name_kana": "一郎"}, "given_name_kana", account_messages.KANA_INVALID),
        ({"display_name": "   "}, "display_name", REQUIRED),
        ({"display_name": None}, "display_name", REQUIRED),
        ({"family_name": "長" * 51}, "family_name", None),
        ({"email": "other@example.jp"}, "email", messages.FIELD_UNKNOWN),
    ],
)
def test_patch_rejects_bad_input_and_keeps_what_is_stored(
    client, suzuki, suzuki_write, body, field, message
):
    response = send(client, "patch", "/me", body, **suzuki_write)
    assert response.status_code == 422
    details = error_of(response)["details"]
    assert [d["field"] for d in details] == [field]
    if message is not None:
        assert details[0]["message"] == str(message)
    suzuki.refresh_from_db()
    assert (suzuki.display_name, suzuki.family_name, suzuki.email) == (
        "鈴木",
        "鈴木",
        "suzuki@example.jp",
    )


def test_session_patch_needs_the_csrf_token(suzuki):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(suzuki)
    browser.get("/")  # sets the CSRF cookie like any page does

    refused = send(browser, "patch", "/me", {"display_name": "すずき"})
    assert refused.status_code == 403
    assert error_of(refused) == {
        "code": "csrf_failed",
        "message": str(messages.CSRF_FAILED),
        "details": [],
    }

    token = browser.cookies["csrftoken"].value
    accepted = send(browser, "patch", "/me", {"display_name": "すずき"}, HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200
    suzuki.refresh_from_db()
    assert suzuki.display_name == "すずき"


def test_session_get_needs_no_csrf_token(suzuki):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(suzuki)
    assert send(browser, "get", "/me").status_code == 200


def test_anonymous_patch_is_401_not_a_csrf_failure(db):
    browser = Client(enforce_csrf_checks=True)
    response = send(browser, "patch", "/me", {"display_name": "x"})
    assert response.status_code == 401
