"""The ledger's staff pages: who may read them (role × page), what they show, their query
counts, and bad input (unknown account, a broken cursor) that never errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.ledger.services import transaction_post

pytestmark = pytest.mark.django_db

PERSONAS = ["sato", "suzuki", "takahashi", "superuser", "anonymous"]
ALLOWED = {"sato", "superuser"}


@pytest.fixture
def donations(chart):
    for amount in range(1, 56):
        transaction_post(
            actor=None,
            kind="donation.received",
            entries=[("bank", amount), ("fund:1:available", -amount)],
            memo=f"寄附{amount}",
        )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", ["/ledger/", "/ledger/accounts/fund:1:available/"])
def test_only_the_secretariat_reads_the_ledger(client, login_as, chart, persona, url):
    login_as(persona)
    response = client.get(url)
    if persona in ALLOWED:
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 403


def test_the_account_list_shows_balances(client, sato, donations):
    client.force_login(sato)
    client.get("/ledger/")  # warm the session and site settings
    # 1 session, 2 user, 3 secretariat role, 4 site settings, 5 count, 6 the page of accounts
    with assert_num_queries(6):
        response = client.get("/ledger/")
    body = response.content.decode()
    assert "fund:1:available" in body and "¥1,540" in body  # 1 + 2 + … + 55
    filtered = client.get("/ledger/?q=fund:").content.decode()
    assert "fund:1:committed" in filtered and "campaign:1:escrow" not in filtered


def test_the_account_page_pages_entries_with_running_balances(client, sato, donations):
    client.force_login(sato)
    url = reverse("ledger:account", args=["fund:1:available"])
    client.get(url)
    # 1 session, 2 user, 3 secretariat role, 4 site settings, 5 the account, 6 a page of
    # entries with their transactions
    with assert_num_queries(6):
        response = client.get(url)
    body = response.content.decode()
    assert "寄附55" in body and "¥1,540" in body
    assert "寄附5<" not in body  # the 51st newest is on the next page
    older = response.context["next_before"]
    second = client.get(f"{url}?before={older}").content.decode()
    assert "寄附5<" in second and "¥15<" in second  # 1 + … + 5


@pytest.mark.parametrize("cursor", ["abc", "-1", "99999999999999999999999", ""])
def test_a_broken_cursor_shows_the_first_page(client, sato, donations, cursor):
    client.force_login(sato)
    response = client.get(f"/ledger/accounts/fund:1:available/?before={cursor}")
    assert response.status_code == 200
    assert "寄附55" in response.content.decode()


def test_an_unknown_account_is_404(client, sato, chart):
    client.force_login(sato)
    assert client.get("/ledger/accounts/fund:404:available/").status_code == 404
