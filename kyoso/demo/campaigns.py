"""Loading the demo's crowdfunding campaigns (issue 17): a keep-it-all campaign that
succeeded (its transfers arrived, it was collected) and an all-or-nothing campaign still open
that will fail (far from its goal).

Idempotent like the rest of ``load-demo``: a campaign is looked up by (project, title); only a
missing one is created, through the services. Pledges are paid by bank transfer, reconciled
as the payments app does for a statement line (``record_capture``); the ended campaign's
deadline is then moved into the past (history, written directly) and closed by
``close_funding_rounds``, so its ledger is the one a real close writes.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

SUCCEEDED = {
    "project": "生理用品の無料配布を多賀城から仙台の公共施設へ",
    "title": "公共施設に生理用品の配布箱を置く半年分の費用",
    "description": "多賀城と仙台の公共施設に配布箱を置き、半年分の生理用品を購入します。"
    "目標に届かなくても、集まった分で配布を始めます（実行確約）。",
    "goal": 120_000,
    "mode": "keep_it_all",
    "tiers": [("お礼のメール", 1_000, None), ("活動報告書（PDF）とお名前掲載", 5_000, 30)],
    "pledges": [
        ("suzuki", 5_000, 1, "スズキ イチロウ"),
        ("yamamoto", 30_000, 1, "ヤマモト"),
        ("nakamura", 3_000, 0, "ナカムラ"),
        ("kobayashi", 50_000, 1, "コバヤシ"),
    ],
}

FAILING = {
    "project": "枝豆の共同出荷で首都圏の販路をひらく",
    "title": "枝豆の保冷出荷ボックスを共同で買う",
    "description": "庄内の農家5軒で保冷ボックスを共同購入し、首都圏の飲食店へ直送します。"
    "目標金額に届いた場合だけ実行します（All or Nothing）。",
    "goal": 1_000_000,
    "mode": "all_or_nothing",
    "tiers": [("だだちゃ豆 1kg", 3_000, 20), ("飲食店向け 試食セット", 10_000, 5)],
    "pledges": [("yamada", 3_000, 0, "ヤマダ"), ("yoshida", 10_000, 1, "ヨシダ")],
}


def _campaign(run: Any, entry: dict, *, days: int) -> tuple[Any, bool]:
    from kyoso.campaigns import services
    from kyoso.campaigns.models import Campaign
    from kyoso.payments import services as payments
    from kyoso.payments.selectors import payment_by_id
    from kyoso.projects.models import MemberRole, Membership, Project

    project = Project.objects.filter(title=entry["project"]).first()
    if project is None:
        return None, False
    existing = Campaign.objects.filter(project=project, title=entry["title"]).first()
    if existing is not None:
        return existing, False
    lead_row = (
        Membership.objects.filter(project=project, role=MemberRole.LEAD)
        .select_related("user")
        .first()
    )
    lead = lead_row.user if lead_row else run.secretariat
    campaign = services.campaign_create(
        actor=lead,
        project=project,
        data={
            "title": entry["title"],
            "description": entry["description"],
            "goal": entry["goal"],
            "mode": entry["mode"],
            "deadline": run.now + timedelta(days=days),
        },
    )
    tiers = [
        services.tier_add(
            actor=lead,
            campaign=campaign,
            data={"title": title, "min_amount": amount, "quantity": quantity},
        )
        for title, amount, quantity in entry["tiers"]
    ]
    services.campaign_open(actor=lead, campaign=campaign)
    for key, amount, tier_index, kana in entry["pledges"]:
        person = run.users[key]
        tier = tiers[tier_index] if amount >= tiers[tier_index].min_amount else None
        pledge = services.pledge_create(
            actor=person,
            campaign=campaign,
            amount=amount,
            tier_id=tier.pk if tier else None,
            payer_name=person.public_name,
            payer_kana=kana,
            show_name=key != "nakamura",
        )
        payment = payment_by_id(pledge.payment_id) if pledge.payment_id else None
        if payment is None:  # a pledge always starts a payment; say so if it ever does not
            raise RuntimeError(f"The demo pledge {pledge.pk} has no payment.")
        payments.record_capture(actor=run.secretariat, payment=payment)
    return campaign, True


def load_campaigns(run: Any) -> None:
    """The ``load_campaigns`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.campaigns import services
    from kyoso.campaigns.models import Campaign

    succeeded, created = _campaign(run, SUCCEEDED, days=30)
    if succeeded is not None:
        run.totals["campaigns"] += 1
        if created:
            run.created["campaigns"] += 1
            Campaign.objects.filter(pk=succeeded.pk).update(deadline=run.now - timedelta(days=3))
            services.close_funding_rounds(now=run.now)
    failing, created = _campaign(run, FAILING, days=10)
    if failing is not None:
        run.totals["campaigns"] += 1
        run.created["campaigns"] += int(created)
