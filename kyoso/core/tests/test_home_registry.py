"""The home's block registry: a capability that lands later appears without editing the home."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core import home
from kyoso.core.testing import assert_num_queries


@pytest.fixture
def fund_figure():
    """A figure the fund would register (money raised), with a template of its own."""
    calls = []

    def data(viewer, filters):
        calls.append(filters)
        return {
            "figures": [{"label": "集まった寄付", "value": "1,200,000", "unit": "円"}],
            "label": "今年度",
            "more_url": "/",
        }

    home.register_home(
        "funding.raised",
        title="集まった寄付",
        order=30,
        template="events/blocks/figures.html",
        data=data,
        depends_on=["funding"],
        section=home.FIGURES,
    )
    yield calls
    home.unregister("funding.raised")


@pytest.mark.django_db
def test_a_block_registered_later_appears_and_is_cached(client, fund_figure):
    page = client.get(reverse("core:home")).content.decode()
    assert "集まった寄付" in page and "1,200,000" in page
    with assert_num_queries(0):
        client.get(reverse("core:home"))
    assert len(fund_figure) == 1
    home.touch("funding")
    client.get(reverse("core:home"))
    assert len(fund_figure) == 2


@pytest.mark.django_db
def test_money_raised_shows_nothing_until_someone_registers_it(client):
    assert "寄付" not in client.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_a_block_with_nothing_to_show_is_left_out(client, suzuki):
    home.register_dashboard(
        "futureapp.nothing",
        title="まだないアプリの枠",
        order=5,
        template="core/blocks/_count.html",
        data=lambda viewer, filters: None,
    )
    try:
        client.force_login(suzuki)
        assert "まだないアプリの枠" not in client.get(reverse("core:dashboard")).content.decode()
    finally:
        home.unregister("futureapp.nothing")


@pytest.mark.parametrize("key", ["funding", "Funding.raised", "funding.raised.more", ".raised"])
def test_keys_are_app_dot_name(key):
    with pytest.raises(ValueError):
        home.register_home(
            key, title="x", order=1, template="x.html", data=lambda v, f: None, depends_on=[]
        )


def test_sections_are_known():
    with pytest.raises(ValueError):
        home.register_home(
            "funding.raised",
            title="x",
            order=1,
            template="x.html",
            data=lambda v, f: None,
            depends_on=[],
            section="sidebar",
        )
    with pytest.raises(ValueError):
        home.register_dashboard(
            "funding.mine",
            title="x",
            order=1,
            template="x.html",
            data=lambda v, f: None,
            section="pulse",
        )


def test_every_app_registers_its_blocks():
    assert [b.key for b in home.home_blocks()] == [
        "events.figures",
        "issues.empathy",
        "events.upcoming",
        "projects.needs",
        "missions.open",
        "challenges.open",
    ]
    assert {b.key for b in home.dashboard_blocks()} == {
        "issues.attention",
        "issues.mine",
        "events.this_week",
        "events.mine",
        "projects.attention",
        "projects.mine",
        "missions.mine",
        "campaigns.mine",
        "orgs.verification",
        "orgs.join_requests",
        "communities.posts",
        "challenges.mine",
        "hubs.mine",
        "matching.for_you",
        "network.waiting",
        "concierge.desk",
        "screening.reviews",
        "funding.donations",
    }
