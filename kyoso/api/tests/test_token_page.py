"""The settings page where people issue and revoke their own API tokens."""

import pytest
from django.urls import reverse

from kyoso.api.models import ApiToken
from kyoso.api.views import TOKEN_CREATED
from kyoso.core.testing import assert_num_queries


def test_issuing_shows_the_secret_once_and_it_authenticates(client, suzuki):
    client.force_login(suzuki)
    response = client.post(
        reverse("tokens:list"),
        {"name": "オープンデータ連携", "scope": "read", "expires_in_days": "30"},
    )

    token = ApiToken.objects.get(user=suzuki)
    secret = response.context["issued"].secret
    assert str(TOKEN_CREATED) in response.content.decode()
    assert secret in response.content.decode()
    assert token.expires_at is not None
    assert secret not in client.get(reverse("tokens:list")).content.decode()
    client.logout()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200
    assert me.json()["email"] == suzuki.email


def test_revoking_own_token_stops_it(client, suzuki):
    client.force_login(suzuki)
    secret = (
        client.post(reverse("tokens:list"), {"name": "t", "scope": "write"})
        .context["issued"]
        .secret
    )
    token = ApiToken.objects.get(user=suzuki)

    client.post(reverse("tokens:revoke", args=[token.pk]))
    client.logout()

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


@pytest.mark.parametrize("persona", ["anonymous", "takahashi", "sato"])
def test_nobody_else_can_revoke_a_token(client, suzuki, login_as, persona):
    client.force_login(suzuki)
    client.post(reverse("tokens:list"), {"name": "t", "scope": "read"})
    token = ApiToken.objects.get(user=suzuki)
    client.logout()
    login_as(persona)

    response = client.post(reverse("tokens:revoke", args=[token.pk]))

    # 404, not 403: someone else's token id must not be confirmed to exist (issue 20).
    assert response.status_code == (302 if persona == "anonymous" else 404)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_empty_name_is_refused_with_a_message(client, suzuki):
    client.force_login(suzuki)
    response = client.post(reverse("tokens:list"), {"name": "  ", "scope": "read"})
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_token_page_queries(client, suzuki):
    client.force_login(suzuki)
    for name in ("a", "b", "c"):
        client.post(reverse("tokens:list"), {"name": name, "scope": "read"})
    # 1 session, 2 user, 3 roles (2FA policy), 4 the person's tokens
    with assert_num_queries(4):
        assert client.get(reverse("tokens:list")).status_code == 200
