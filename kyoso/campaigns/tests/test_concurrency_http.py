"""The last reward of a tier, asked for at once over HTTP: supporters signed in on a real app
server (``kyoso serve``: gunicorn, two worker processes × four threads) on this test's
database — PostgreSQL's test database, or on SQLite a file copy of it (production's settings:
WAL, IMMEDIATE transactions, a 5 s busy timeout) — all send the pledge form at a barrier.
Exactly one is pledged; every other one sees the campaign page with "sold out"; the database
afterwards holds one pledge for the tier, nothing left, and a ledger that checks.

The same as benchmarks/campaigns.py's ``last_reward_http`` (100 people) on a small scale; the
server's few database connections take any number of people, which threads of the test, each
with its own connection, cannot do on PostgreSQL (``max_connections``)."""

from __future__ import annotations

import os
import uuid

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from benchmarks import http_contention
from kyoso.campaigns import messages
from kyoso.campaigns.models import Campaign, Pledge, Tier
from kyoso.campaigns.tests.factories import make_campaign, supporter, tier_of
from kyoso.core.concurrency_testing import database_url, read, thread_databases

CLIENTS = 24


def _server_environment(tmp_path) -> dict[str, str]:
    """Production settings' shape on this test's database; the test's ``SECRET_KEY``, so the
    sessions written here are the server's."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "KYOSO_")) and k not in ("REDIS_URL", "CACHE_URL")
    }
    data = tmp_path / "data"
    data.mkdir()
    env.update(
        DJANGO_SETTINGS_MODULE="kyoso.settings",
        KYOSO_MODE="demo",
        KYOSO_DATA_DIR=str(data),
        KYOSO_CACHE_KEY_PREFIX="pledge-http-" + uuid.uuid4().hex,
        SECRET_KEY=settings.SECRET_KEY,
        DATABASE_URL=database_url(tmp_path),
        EMAIL_URL="consolemail://",
        KYOSO_LOG_LEVEL="WARNING",
    )
    return env


@pytest.mark.django_db(transaction=True)
def test_supporters_pledging_at_once_over_http_get_one_reward(tmp_path, lead, project):
    from kyoso.ledger.checks import check_ledger

    campaign = make_campaign(lead, project, tiers=[("限定Tシャツ", 5_000, 3)])
    tier = tier_of(campaign, "限定Tシャツ")
    Tier.objects.filter(pk=tier.pk).update(remaining=1)
    people = [supporter() for _ in range(CLIENTS)]
    keys = http_contention.sessions(people)
    form = {
        "amount": "5000",
        "tier": str(tier.pk),
        "method": "bank_transfer",
        "payer_name": "シエンシャ",
        "payer_kana": "シエンシャ",
        "show_name": "on",
    }
    pledges = reverse("campaigns:pledge", args=[0]).removesuffix("0/")
    sold_out = escape(str(messages.SOLD_OUT))

    def classify(status: int, location: str, page: str) -> str:
        if status == 302 and location.startswith(pledges):
            return "pledged"
        if status == 400 and sold_out in page:
            return "sold_out"
        return f"HTTP {status} {location}".strip()

    with thread_databases(tmp_path) as open_connection:
        server = http_contention.serve(
            2, 4, env=_server_environment(tmp_path), log=tmp_path / "serve.log", cwd=tmp_path
        )
        try:
            answers = http_contention.post_at_once(
                server.port,
                reverse("campaigns:pledge_create", args=[campaign.pk]),
                [form] * CLIENTS,
                keys,
                classify,
            )
        finally:
            http_contention.stop(server)
        remaining, count, total, problems = read(
            open_connection,
            lambda: (
                Tier.objects.get(pk=tier.pk).remaining,
                Pledge.objects.filter(tier_id=tier.pk).count(),
                Campaign.objects.get(pk=campaign.pk).pledged_total,
                check_ledger(),
            ),
        )

    assert answers.counts() == {"pledged": 1, "sold_out": CLIENTS - 1}, server.tail()
    assert (remaining, count, total) == (0, 1, 5_000)
    assert problems == []
