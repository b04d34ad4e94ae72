"""The funds API: the list and a fund's figures for everyone, its public ledger whose lines add
up to the balances, one's own donations (401 without a login); query counts asserted."""

from __future__ import annotations

import pytest

from kyoso.core.testing import assert_num_queries
from kyoso.funding.services import grant_agree, tranche_pay
from kyoso.funding.tests.conftest import donate
from kyoso.funding.tests.flow import apply, screen


@pytest.fixture
def granted(fund, manager, citizen, lead, project, grant_round, reviewers):
    donate(fund, citizen, 500_000, public_name="鈴木")
    application = apply(grant_round, lead, project)
    screen(application, reviewers)
    grant = grant_agree(
        actor=manager,
        application=application,
        amount=300_000,
        tranches=[200_000, 100_000],
        terms="条件",
    )
    tranche_pay(actor=manager, tranche=grant.tranches.get(number=1))
    return grant


def test_the_list(client, fund, granted):
    with assert_num_queries(2, label="fund list"):
        # 1 count, 2 the page of funds with their organizations
        body = client.get("/api/v1/funds").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["name"], item["raised"], item["granted"], item["disbursed"]) == (
        "さかた未来基金",
        500_000,
        300_000,
        200_000,
    )


def test_a_funds_figures(client, fund, granted):
    with assert_num_queries(4, label="fund detail"):
        # 1 the fund, 2 the two balances, 3 the 年度 rows, 4 the grants with their projects
        body = client.get(f"/api/v1/funds/{fund.pk}").json()
    assert (body["available"], body["committed"], body["balance"]) == (200_000, 100_000, 300_000)
    assert body["balance"] == body["raised"] - body["disbursed"]
    assert body["flows"][0]["title"] == "空き家で子ども食堂"
    assert client.get("/api/v1/funds/99999").status_code == 404


def test_the_public_ledger_adds_up_to_the_balances(client, fund, granted):
    available = client.get(f"/api/v1/funds/{fund.pk}/ledger").json()
    assert [line["kind"] for line in available["lines"]] == ["grant.committed", "payment.captured"]
    assert [line["amount"] for line in available["lines"]] == [-300_000, 500_000]
    assert sum(line["amount"] for line in available["lines"]) == available["balance"] == 200_000
    assert available["lines"][0]["balance_after"] == available["balance"]
    assert "memo" not in available["lines"][0]  # a payment's memo names its payer
    committed = client.get(f"/api/v1/funds/{fund.pk}/ledger?account=committed").json()
    assert [line["amount"] for line in committed["lines"]] == [-200_000, 300_000]
    assert committed["balance"] == 100_000
    page = client.get(f"/api/v1/funds/{fund.pk}/ledger?limit=1").json()
    assert len(page["lines"]) == 1 and page["next_before"]
    older = client.get(f"/api/v1/funds/{fund.pk}/ledger?limit=1&before={page['next_before']}")
    assert older.json()["lines"][0]["kind"] == "payment.captured"
    assert client.get(f"/api/v1/funds/{fund.pk}/ledger?account=bank").status_code == 422
    assert client.get(f"/api/v1/funds/{fund.pk}/ledger?limit=0").status_code == 422


def test_my_donations(client, fund, citizen, outsider):
    donate(fund, citizen, 8_000)
    assert client.get("/api/v1/me/donations").status_code == 401
    client.force_login(citizen)
    body = client.get("/api/v1/me/donations").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["amount"], item["status"], item["receipt"]) == (8_000, "captured", item["receipt"])
    assert item["receipt"].endswith("-00001") and item["receipt_url"]
    client.force_login(outsider)
    assert client.get("/api/v1/me/donations").json()["count"] == 0
