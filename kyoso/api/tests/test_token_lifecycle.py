"""Issuing, using, listing and revoking personal API tokens."""

import hashlib
import re
from datetime import timedelta

import pyotp
import pytest
from django.db import connection
from django.utils import timezone

from kyoso.accounts.models import TOTPDevice
from kyoso.accounts.services.privacy import user_delete
from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.api import messages
from kyoso.api.models import ApiToken
from kyoso.api.services import api_token_create, api_token_revoke, api_token_touch
from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.sitepages.models import SiteSettings

SECRET_SHAPE = re.compile(r"^kyo_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$")


def _every_text_in_the_database() -> str:
    """All values of all rows of all tables, as one string."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            chunks.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(chunks)


def _token_request(**fields):
    return {"email": "suzuki@example.jp", "password": DEFAULT_PASSWORD, "name": "集計", **fields}


# --- Issuing ---------------------------------------------------------------------------------


def test_service_issues_a_hashed_token_and_audits_it(suzuki):
    issued = api_token_create(actor=suzuki, name="  データ連携  ", scopes=["read"])

    assert SECRET_SHAPE.match(issued.secret)
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith(f"kyo_{token.prefix}_")
    assert token.token_hash == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert token.name == "データ連携"
    assert token.scopes == ["read"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.TOKEN_CREATED)
    assert event.actor == suzuki
    assert event.target_id == str(token.pk)
    assert issued.secret not in _every_text_in_the_database()


def test_write_implies_read_and_unknown_scopes_are_refused(suzuki):
    assert api_token_create(actor=suzuki, name="w", scopes=["write"]).token.scopes == [
        "read",
        "write",
    ]
    assert api_token_create(actor=suzuki, name="r", scopes=[]).token.scopes == ["read"]
    with pytest.raises(ValueError):
        api_token_create(actor=suzuki, name="x", scopes=["admin"])


def test_api_issues_a_token_shown_once(client, suzuki):
    response = send(client, "post", "/auth/token", _token_request(scopes=["write"]))

    assert response.status_code == 201
    body = response.json()
    assert SECRET_SHAPE.match(body["token"])
    assert body["scopes"] == ["read", "write"]
    assert body["active"] is True
    assert body["token"] not in _every_text_in_the_database()
    # The secret works, and the list never shows it again.
    assert send(client, "get", "/me", **bearer(body["token"])).json()["email"] == suzuki.email
    listed = send(client, "get", "/tokens", **bearer(body["token"])).content.decode()
    assert body["token"] not in listed
    assert body["prefix"] in listed


def test_api_token_request_is_validated(client, suzuki):
    past = (timezone.now() - timedelta(days=1)).isoformat()
    response = send(
        client, "post", "/auth/token", _token_request(name="   ", scopes=["admin"], expires_at=past)
    )
    error = error_of(response)
    assert response.status_code == 422
    by_field = {d["field"]: d for d in error["details"]}
    assert set(by_field) == {"name", "scopes.0", "expires_at"}
    assert by_field["name"]["message"] == str(messages.FIELD_BLANK)
    assert by_field["expires_at"]["message"] == str(messages.EXPIRES_IN_PAST)
    assert not ApiToken.objects.exists()


def test_naive_expiry_is_japan_time(client, suzuki):
    later = timezone.localtime() + timedelta(days=30)
    naive = later.replace(tzinfo=None, microsecond=0).isoformat()
    response = send(client, "post", "/auth/token", _token_request(expires_at=naive))
    assert response.status_code == 201
    token = ApiToken.objects.get()
    assert token.expires_at == later.replace(microsecond=0)


def test_wrong_password_gives_401_in_the_error_format(client, suzuki):
    response = send(client, "post", "/auth/token", _token_request(password="wrong-password"))
    assert response.status_code == 401
    assert error_of(response) == {
        "code": "login_failed",
        "message": str(messages.LOGIN_FAILED),
        "details": [],
    }
    assert not ApiToken.objects.exists()


def test_inactive_account_cannot_get_a_token(client, suzuki):
    suzuki.is_active = False
    suzuki.save()
    response = send(client, "post", "/auth/token", _token_request())
    assert response.status_code == 401
    assert error_of(response)["code"] == "login_failed"


# --- Two-factor sign-in ---------------------------------------------------------------------


@pytest.fixture
def suzuki_totp(suzuki):
    return TOTPDevice.objects.create(
        user=suzuki, secret=pyotp.random_base32(), confirmed_at=timezone.now()
    )


def test_totp_account_needs_a_valid_code(client, suzuki_totp):
    missing = send(client, "post", "/auth/token", _token_request())
    assert missing.status_code == 401
    assert error_of(missing)["message"] == str(messages.TOTP_REQUIRED)

    wrong = send(client, "post", "/auth/token", _token_request(totp_code="000000"))
    assert wrong.status_code == 401
    assert error_of(wrong)["code"] == "totp_invalid"
    assert not ApiToken.objects.exists()

    code = pyotp.TOTP(suzuki_totp.secret).now()
    assert send(client, "post", "/auth/token", _token_request(totp_code=code)).status_code == 201


def test_failed_totp_codes_are_throttled(client, suzuki_totp):
    for _ in range(5):
        response = send(client, "post", "/auth/token", _token_request(totp_code="000000"))
        assert response.status_code == 401
    code = pyotp.TOTP(suzuki_totp.secret).now()
    throttled = send(client, "post", "/auth/token", _token_request(totp_code=code))
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert not ApiToken.objects.exists()


def test_staff_who_must_use_2fa_get_no_token_before_setting_it_up(client, sato):
    SiteSettings.objects.update_or_create(
        singleton=True, defaults={"require_two_factor_for_staff": True}
    )
    response = send(client, "post", "/auth/token", _token_request(email=sato.email))
    assert response.status_code == 403
    assert error_of(response)["code"] == "two_factor_setup_required"


# --- Using -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Bearer kyo_abcdefgh_not-a-real-token", "token_invalid"),
        ("Bearer something-else", "token_invalid"),
        ("Bearer " + "kyo_" + "x" * 200, "token_invalid"),
        ("Basic c3V6dWtpOnB3", "not_authenticated"),
        ("", "not_authenticated"),
    ],
)
def test_unknown_tokens_are_401(client, suzuki, header, code):
    response = send(client, "get", "/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert error_of(response)["code"] == code
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_rejected(client, suzuki):
    issued = api_token_create(actor=suzuki, name="t", scopes=["read"])
    api_token_revoke(actor=suzuki, token=issued.token)
    response = send(client, "get", "/me", **bearer(issued.secret))
    assert response.status_code == 401
    assert error_of(response)["message"] == str(messages.TOKEN_INVALID)


def test_expired_token_is_rejected(client, suzuki):
    secret = issue_token(suzuki, expires_at=timezone.now() + timedelta(hours=1))
    assert send(client, "get", "/me", **bearer(secret)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert send(client, "get", "/me", **bearer(secret)).status_code == 401


def test_token_of_an_inactive_account_is_rejected(client, suzuki):
    secret = issue_token(suzuki)
    suzuki.is_active = False
    suzuki.save()
    assert error_of(send(client, "get", "/me", **bearer(secret)))["code"] == "token_invalid"


def test_leaving_kyoso_erases_and_disables_tokens(client, suzuki):
    secret = issue_token(suzuki)
    user_delete(actor=suzuki, user=suzuki)
    assert not ApiToken.objects.exists()
    assert send(client, "get", "/me", **bearer(secret)).status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("patch", "/me", {"display_name": "すずき"}),
        ("post", "/organizations", {"name": "団体", "type": "npo"}),
        ("delete", "/tokens/1", None),
    ],
)
def test_read_scope_cannot_write(client, suzuki, suzuki_read, method, path, body):
    response = send(client, method, path, body, **suzuki_read)
    assert response.status_code == 403
    assert error_of(response) == {
        "code": "insufficient_scope",
        "message": str(messages.INSUFFICIENT_SCOPE),
        "details": [],
    }
    suzuki.refresh_from_db()
    assert suzuki.display_name == "鈴木"


def test_last_used_is_written_at_most_once_a_minute(client, suzuki):
    secret = issue_token(suzuki)
    token = ApiToken.objects.get()
    assert token.last_used_at is None

    # 1 token with its user, 2 last_used_at update, 3 roles, 4 memberships
    with assert_num_queries(4):
        send(client, "get", "/me", **bearer(secret))
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None

    # 1 token with its user, 2 roles, 3 memberships: no write within the minute
    with assert_num_queries(3):
        send(client, "get", "/me", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == first_use

    ApiToken.objects.update(last_used_at=first_use - timedelta(minutes=2))
    send(client, "get", "/me", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at > first_use


def test_touch_is_a_conditional_update(suzuki):
    token = api_token_create(actor=suzuki, name="t", scopes=["read"]).token
    now = timezone.now()
    stale_copy = ApiToken.objects.get(pk=token.pk)
    assert api_token_touch(token=token, now=now)
    # A second request that loaded the row before the first wrote it does not write again.
    assert not api_token_touch(token=stale_copy, now=now + timedelta(seconds=5))
    assert api_token_touch(token=stale_copy, now=now + timedelta(minutes=1))


# --- Listing and revoking --------------------------------------------------------------------


def test_list_shows_own_tokens_only(client, suzuki, takahashi):
    mine = issue_token(suzuki, ["write"])
    issue_token(takahashi)
    revoked = api_token_create(actor=suzuki, name="古い", scopes=["read"]).token
    api_token_revoke(actor=suzuki, token=revoked)

    # 1 token with its user, 2 last_used_at update, 3 count, 4 page of tokens
    with assert_num_queries(4):
        response = send(client, "get", "/tokens", **bearer(mine))
    body = response.json()
    assert body["count"] == 2
    assert [t["active"] for t in body["items"]] == [False, True]
    assert {t["name"] for t in body["items"]} == {"古い", "テスト用"}
    assert "token_hash" not in response.content.decode()


def test_revoke_own_token_through_the_api(client, suzuki):
    keep = issue_token(suzuki, ["write"])
    doomed = api_token_create(actor=suzuki, name="消す", scopes=["read"])

    # 1 token with its user, 2 last_used_at update, 3 the token to revoke (own only),
    # 4 savepoint, 5 conditional revoke, 6 audit row, 7 release savepoint
    with assert_num_queries(7):
        response = send(client, "delete", f"/tokens/{doomed.token.pk}", **bearer(keep))
    assert response.status_code == 204
    assert response.content == b""
    assert send(client, "get", "/me", **bearer(doomed.secret)).status_code == 401
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_REVOKED).count() == 1

    again = send(client, "delete", f"/tokens/{doomed.token.pk}", **bearer(keep))
    assert again.status_code == 204
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_REVOKED).count() == 1


def test_someone_elses_token_is_not_found(client, suzuki, takahashi):
    theirs = api_token_create(actor=takahashi, name="高橋の", scopes=["read"])
    response = send(
        client, "delete", f"/tokens/{theirs.token.pk}", **bearer(issue_token(suzuki, ["write"]))
    )
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert send(client, "get", "/me", **bearer(theirs.secret)).status_code == 200


def test_service_refuses_to_revoke_someone_elses_token(suzuki, takahashi):
    theirs = api_token_create(actor=takahashi, name="高橋の", scopes=["read"]).token
    with pytest.raises(PermissionError):
        api_token_revoke(actor=suzuki, token=theirs)


def test_tokens_are_in_the_personal_data_download(client, suzuki):
    from kyoso.core import personal_data

    issue_token(suzuki)
    exported = personal_data.export_sections(suzuki)["api_tokens"]
    assert [t["name"] for t in exported] == ["テスト用"]
    assert "token_hash" not in exported[0]


def test_session_user_can_revoke_own_token(client, suzuki):
    issued = api_token_create(actor=suzuki, name="t", scopes=["read"])
    client.force_login(suzuki)
    # The test client skips CSRF checks unless asked; test_me.py checks them.
    response = send(client, "delete", f"/tokens/{issued.token.pk}")
    assert response.status_code == 204
    assert ApiToken.objects.get().revoked_at is not None


def test_a_bad_token_is_not_rescued_by_a_session(client, suzuki):
    client.force_login(suzuki)
    response = send(client, "get", "/me", **bearer("kyo_abcdefgh_revoked-or-wrong"))
    assert response.status_code == 401
    assert error_of(response)["code"] == "token_invalid"
