"""The ID token check on its own: every claim that must hold, and each way it fails."""

import time

import pytest

from kyoso.linelogin.client import LineError, verify_id_token
from kyoso.linelogin.testing import CHANNEL_ID, CHANNEL_SECRET, LINE_SUB, sign_id_token

NONCE = "n-0123456789"


def claims(**overrides):
    now = int(time.time())
    base = {
        "iss": "https://access.line.me",
        "sub": LINE_SUB,
        "aud": CHANNEL_ID,
        "exp": now + 3600,
        "iat": now,
        "nonce": NONCE,
    }
    base.update(overrides)
    return base


def check(token):
    return verify_id_token(token, channel_id=CHANNEL_ID, channel_secret=CHANNEL_SECRET, nonce=NONCE)


def test_a_good_token_gives_its_claims():
    assert check(sign_id_token(claims(), CHANNEL_SECRET))["sub"] == LINE_SUB


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (sign_id_token(claims(), "another-secret"), "bad_signature"),
        (sign_id_token(claims(), CHANNEL_SECRET, alg="none"), "bad_algorithm"),
        (sign_id_token(claims(iss="https://evil.example"), CHANNEL_SECRET), "bad_issuer"),
        (sign_id_token(claims(aud="999"), CHANNEL_SECRET), "bad_audience"),
        (sign_id_token(claims(exp=int(time.time()) - 3600), CHANNEL_SECRET), "expired"),
        (sign_id_token(claims(nonce="other"), CHANNEL_SECRET), "bad_nonce"),
        (sign_id_token(claims(nonce=None), CHANNEL_SECRET), "bad_nonce"),
        (sign_id_token(claims(sub=""), CHANNEL_SECRET), "no_subject"),
        (sign_id_token(claims(iat=int(time.time()) + 3600), CHANNEL_SECRET), "issued_in_future"),
        ("not-a-token", "malformed_token"),
        ("a.b.c", "malformed_token"),
    ],
)
def test_a_bad_token_is_refused(token, reason):
    with pytest.raises(LineError) as refused:
        check(token)
    assert refused.value.reason == reason


def test_a_token_with_its_payload_swapped_is_refused():
    good = sign_id_token(claims(), CHANNEL_SECRET).split(".")
    other = sign_id_token(claims(sub="Uattacker"), "x").split(".")
    with pytest.raises(LineError, match="bad_signature"):
        check(f"{good[0]}.{other[1]}.{good[2]}")


@pytest.mark.parametrize(
    "base", ["http://api.line.me", "http://localhost.evil.example", "file:///etc", "ftp://x"]
)
def test_plain_http_goes_to_loopback_only(settings, base):
    from kyoso.linelogin.client import fetch_profile

    settings.KYOSO_LINE_API_BASE = base
    with pytest.raises(LineError, match="insecure_endpoint"):
        fetch_profile(access_token="t")
