"""The pages: who may see and do what (role × action × state), the detail and transparency
pages' queries, the CSV with its BOM, forms that refuse bad input with their messages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.campaigns import messages, services
from kyoso.campaigns.models import Campaign, Pledge, State
from kyoso.campaigns.tests.factories import make_campaign, supporter, tier_of
from kyoso.core.testing import assert_num_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(lead, project):
    return make_campaign(lead, project, open_it=False, tiers=[("お米5kg", 5_000, 3)])


@pytest.fixture
def campaign(lead, project):
    return make_campaign(lead, project, tiers=[("お米5kg", 5_000, 3)])


PAGES = ["detail", "transparency", "transparency_csv"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "state", "status"),
    [
        (None, "draft", 302),
        ("takahashi", "draft", 403),
        ("lead", "draft", 200),
        ("sato", "draft", 200),
        (None, "open", 200),
        ("takahashi", "open", 200),
    ],
)
def test_who_sees_a_campaign(client, request, draft, page, who, state, status):
    if state == "open":
        services.campaign_open(actor=request.getfixturevalue("lead"), campaign=draft)
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(f"campaigns:{page}", args=[draft.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 302), ("takahashi", 403), ("suzuki", 403), ("lead", 200), ("sato", 200)],
)
def test_who_starts_and_edits_a_campaign(client, request, project, draft, who, status):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("campaigns:create") + f"?project={project.pk}").status_code == status
    assert client.get(reverse("campaigns:edit", args=[draft.pk])).status_code == status
    assert client.post(reverse("campaigns:open", args=[draft.pk])).status_code in (
        (302,) if status == 200 else (status,)
    )
    draft.refresh_from_db()
    assert (draft.state == State.OPEN) == (status == 200)


def test_a_lead_drafts_adds_a_tier_and_opens(client, lead, project):
    client.force_login(lead)
    deadline = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("campaigns:create") + f"?project={project.pk}",
        {"title": "庄内の野菜", "goal": "10万円", "mode": "all_or_nothing", "deadline": deadline},
    )
    campaign = Campaign.objects.get()
    assert response.url == reverse("campaigns:detail", args=[campaign.pk])
    assert campaign.goal == 100_000
    response = client.post(
        reverse("campaigns:tier_add", args=[campaign.pk]),
        {"title": "お礼状", "min_amount": "3,000", "quantity": "10"},
    )
    assert response.status_code == 302
    client.post(reverse("campaigns:open", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.state == State.OPEN
    page = client.get(reverse("campaigns:edit", args=[campaign.pk])).content.decode()
    assert "目標金額・方式・締切は変更できません" in page


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", messages.AMOUNT_NOT_POSITIVE),
        ("-500", "マイナスの金額は入力できません"),
        ("12.5", "1円未満の端数"),
        ("たくさん", "金額として読み取れません"),
        ("1000000000", "1回の支援額は10,000,000円までです。"),
    ],
)
def test_a_bad_amount_on_the_form_is_told(client, campaign, suzuki, amount, message):
    client.force_login(suzuki)
    response = client.post(
        reverse("campaigns:pledge_create", args=[campaign.pk]),
        {"amount": amount, "method": "bank_transfer", "payer_name": "鈴木一郎", "tier": ""},
    )
    assert response.status_code == 400
    assert str(message) in response.content.decode()
    assert Pledge.objects.count() == 0


def test_a_pledge_from_the_page(client, campaign, suzuki):
    client.force_login(suzuki)
    tier = tier_of(campaign, "お米5kg")
    response = client.post(
        reverse("campaigns:pledge_create", args=[campaign.pk]),
        {
            "amount": "5,000",
            "method": "bank_transfer",
            "payer_name": "鈴木一郎",
            "tier": str(tier.pk),
            "show_name": "on",
        },
    )
    pledge = Pledge.objects.get()
    assert response.url == reverse("campaigns:pledge", args=[pledge.pk])
    assert client.get(response.url).status_code == 200
    assert client.get(reverse("campaigns:mine")).status_code == 200
    detail = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert "鈴木" in detail and "残り 2 / 3" in detail


def test_after_the_deadline_the_page_refuses(client, campaign, suzuki):
    Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    client.force_login(suzuki)
    response = client.post(
        reverse("campaigns:pledge_create", args=[campaign.pk]),
        {"amount": "5000", "method": "bank_transfer", "payer_name": "鈴木一郎", "tier": ""},
    )
    assert response.status_code == 400
    assert str(messages.AFTER_DEADLINE) in response.content.decode()


def test_only_the_supporter_sees_and_cancels_a_pledge(client, campaign, suzuki, takahashi):
    pledge = services.pledge_create(actor=suzuki, campaign=campaign, amount=1_000)
    client.force_login(takahashi)
    # 404, not 403: someone else's pledge must not be confirmed to exist (issue 20).
    assert client.get(reverse("campaigns:pledge", args=[pledge.pk])).status_code == 404
    assert client.post(reverse("campaigns:pledge_cancel", args=[pledge.pk])).status_code == 404
    client.force_login(suzuki)
    client.post(reverse("campaigns:pledge_cancel", args=[pledge.pk]))
    pledge.refresh_from_db()
    assert pledge.status == "cancelled"


def test_the_campaign_page_reads_a_fixed_number_of_queries(client, campaign, fake):
    for _ in range(5):
        pledge = services.pledge_create(actor=supporter(), campaign=campaign, amount=5_000)
        fake.receive(pledge.payment_id)
    url = reverse("campaigns:detail", args=[campaign.pk])
    # 1 campaign with its project, 2 tiers, 3 named supporters, 4 the ledger's balances
    with assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200


def test_the_transparency_page_and_csv(client, campaign, fake):
    pledge = services.pledge_create(actor=supporter(), campaign=campaign, amount=5_000)
    fake.receive(pledge.payment_id)
    # 1 campaign with its project, 2 the ledger's balances
    with assert_num_queries(2):
        page = client.get(reverse("campaigns:transparency", args=[campaign.pk]))
    assert "5,000" in page.content.decode()
    response = client.get(reverse("campaigns:transparency_csv", args=[campaign.pk]))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert "入金累計,5000" in body
    assert "pledge.captured" in body
