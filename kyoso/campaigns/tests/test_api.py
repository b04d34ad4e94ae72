"""/api/v1/campaigns, /api/v1/campaigns/{id}, /api/v1/me/pledges: who sees what, the figures
from the ledger, the queries."""

from __future__ import annotations

import pytest

from kyoso.campaigns import services
from kyoso.campaigns.tests.factories import make_campaign, supporter
from kyoso.core.testing import assert_num_queries

pytestmark = pytest.mark.django_db


def test_the_list_shows_open_campaigns_not_drafts(client, lead, project):
    shown = make_campaign(lead, project, title="公開中")
    make_campaign(lead, project, title="下書き", open_it=False)
    # 1 count, 2 the page with projects
    with assert_num_queries(2):
        body = client.get("/api/v1/campaigns").json()
    assert [c["id"] for c in body["items"]] == [shown.pk]
    assert body["items"][0]["goal"] == 100_000


def test_one_campaign_with_tiers_and_figures(client, lead, project, fake, takahashi):
    campaign = make_campaign(lead, project, tiers=[("お米5kg", 5_000, 3)])
    pledge = services.pledge_create(actor=supporter(), campaign=campaign, amount=5_000)
    fake.receive(pledge.payment_id)
    body = client.get(f"/api/v1/campaigns/{campaign.pk}").json()
    assert body["figures"] == {"raised": 5_000, "refunded": 0, "collected": 0, "held": 5_000}
    assert body["tiers"][0]["remaining"] == 3
    draft = make_campaign(lead, project, open_it=False)
    assert client.get(f"/api/v1/campaigns/{draft.pk}").status_code == 401
    client.force_login(takahashi)
    response = client.get(f"/api/v1/campaigns/{draft.pk}")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert client.get("/api/v1/campaigns/999999").status_code == 404


def test_my_pledges_are_mine_only(client, lead, project, suzuki, takahashi):
    campaign = make_campaign(lead, project)
    services.pledge_create(actor=suzuki, campaign=campaign, amount=2_000, show_name=False)
    services.pledge_create(actor=takahashi, campaign=campaign, amount=3_000)
    assert client.get("/api/v1/me/pledges").status_code == 401
    client.force_login(suzuki)
    body = client.get("/api/v1/me/pledges").json()
    assert [(p["amount"], p["show_name"], p["status"]) for p in body["items"]] == [
        (2_000, False, "pending")
    ]
