"""Rate limits per client address, shared through the cache (kyoso.core.ratelimit).

Per-account limits live with their apps and have their own tests: login failures
(kyoso/accounts), issue posting and comments (kyoso/issues), introductions 20 a day
(kyoso/network). Here: login, signup, password reset and API token requests per address.
"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from kyoso.core import ratelimit

LIMITS = {"login": (3, 600), "signup": (3, 3600), "password_reset": (3, 3600), "api_token": (3, 60)}


@override_settings(KYOSO_RATE_LIMITS=LIMITS)
@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("accounts:login", {"email": "nobody@example.jp", "password": "x"}),
        ("accounts:signup", {"email": "bad"}),
        ("accounts:password_reset", {"email": "nobody@example.jp"}),
    ],
)
@pytest.mark.django_db
def test_the_fourth_post_from_one_address_is_refused_with_429(url_name, data):
    client = Client(REMOTE_ADDR="203.0.113.7")
    url = reverse(url_name)
    for _ in range(3):
        assert client.post(url, data).status_code in (200, 302)
    refused = client.post(url, data)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "しばらくお待ちください" in refused.content.decode()
    # Another address is not held up, and reading the page is never limited.
    assert Client(REMOTE_ADDR="203.0.113.8").post(url, data).status_code in (200, 302)
    assert client.get(url).status_code == 200


@override_settings(KYOSO_RATE_LIMITS=LIMITS)
@pytest.mark.django_db
def test_api_token_requests_are_limited_per_address_in_the_api_error_format(client):
    body = {"email": "nobody@example.jp", "password": "x", "name": "t", "scopes": ["read"]}
    for _ in range(3):
        response = client.post("/api/v1/auth/token", body, content_type="application/json")
        assert response.status_code in (401, 422, 429)
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


@override_settings(KYOSO_RATE_LIMITS={"t": (2, 60)})
def test_a_window_counts_in_the_shared_cache_and_tells_the_wait():
    assert ratelimit.hit("t", "a") == 0
    assert ratelimit.hit("t", "a") == 0
    assert 1 <= ratelimit.hit("t", "a") <= 60
    assert ratelimit.hit("t", "b") == 0
