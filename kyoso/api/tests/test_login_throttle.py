"""POST /auth/token is limited per account like the login form: 5 failures a minute."""

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.api import messages
from kyoso.api.models import ApiToken
from kyoso.api.tests.factories import error_of, send
from kyoso.core.testing import assert_num_queries


def _attempt(client, password):
    body = {"email": "suzuki@example.jp", "password": password, "name": "t"}
    return send(client, "post", "/auth/token", body)


def test_sixth_attempt_within_a_minute_is_429_with_retry_after(client, suzuki):
    for _ in range(5):
        assert _attempt(client, "wrong-password").status_code == 401

    # 1 audit row of the throttled attempt; the password is not even checked
    with assert_num_queries(1):
        response = _attempt(client, DEFAULT_PASSWORD)

    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 61
    error = error_of(response)
    assert error["code"] == "login_throttled"
    assert error["message"] == str(messages.LOGIN_THROTTLED % {"seconds": retry_after})
    assert not ApiToken.objects.exists()


def test_four_failures_still_allow_the_right_password(client, suzuki):
    for _ in range(4):
        _attempt(client, "wrong-password")
    assert _attempt(client, DEFAULT_PASSWORD).status_code == 201


def test_issuing_a_token_query_count(client, suzuki):
    # 1 user by email, 2 confirmed TOTP device?, 3 roles (is staff?), 4 savepoint,
    # 5 insert token, 6 audit row, 7 release savepoint
    with assert_num_queries(7):
        response = _attempt(client, DEFAULT_PASSWORD)
    assert response.status_code == 201
