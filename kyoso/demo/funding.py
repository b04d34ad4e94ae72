"""Loading the demo's local fund (seed 001: サンロク takes the ローカルファンド function in).

Idempotent like the rest of ``load-demo``: the fund is looked up by (organization, name); when
it exists nothing is added. Everything goes through the services as its people would: サンロク's
owner opens the fund, a shinkin bank and two citizens donate by bank transfer and the payments
app captures the transfers (as reconciling the bank statement does), a round is opened with its
published criteria, two projects apply, two reviewers score them, one is selected, granted and
paid its first tranche.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

FUND: dict[str, Any] = {
    "organization": "sakata-sanroku",
    "manager": "yamada",
    "name": "さかたローカルファンド",
    "purpose": (
        "地域で資金を集め、地域課題の解決や地域産業の発展に資するビジネスプロジェクトに投じる"
        "しくみです。寄附した市民や企業が、プロジェクトを応援し参加する立場にもなります。"
    ),
    "rules": (
        "助成は公募で募り、公開した基準と重みで審査員が採点し、理由を添えて採否を決めます。"
        "助成金は分割で支払い、2回目以降は前の回の報告（進捗と費目ごとの支出）を受けてから"
        "支払います。"
    ),
    "themes": ["ビジネスプロジェクト", "女性のはたらき方", "農業"],
}
#: (person, organization slug or None, yen, public name, message).
DONATIONS = [
    (
        "yoshida",
        "shonai-minato-shinkin",
        3_000_000,
        "庄内みなと信用金庫",
        "地域の挑戦を応援します。",
    ),
    ("suzuki", None, 30_000, "鈴木", "酒田のプロジェクトを応援しています。"),
    ("ito", None, 10_000, "", ""),
]
ROUND: dict[str, Any] = {
    "title": "令和8年度 ローカルファンド 第1回公募",
    "description": (
        "地域課題の解決や地域産業の発展に資するビジネスプロジェクトを助成します。"
        "1件あたり100万円まで。"
    ),
    "max_amount": 1_000_000,
    "eligibility": ["酒田市または庄内地域で活動するプロジェクトですか"],
    "criteria": [("地域課題の解決", 40), ("地域産業への波及", 30), ("実現可能性", 30)],
    "reviewers": [("sato", True), ("watanabe", False)],
}
APPLICATIONS: list[dict[str, Any]] = [
    {
        "project": "枝豆の共同出荷で首都圏の販路をひらく",
        "lead": "saito",
        "plan": "農家5軒の出荷をまとめる保冷便と、首都圏の飲食店向けの営業資料をつくります。",
        "budget": [("保冷便の運賃", 500_000), ("営業資料の制作", 200_000), ("試食会", 100_000)],
        "scores": (5, 4),
        "outcome": "selected",
        "reason": "地域の農家の販路を広げる効果が大きく、計画も具体的です。",
        "grant": [500_000, 300_000],
    },
    {
        "project": "サンロクIT女子 リモート業務の共同受託",
        "lead": "kato",
        "plan": "受託業務の品質管理の研修を3回開き、チームで受ける体制をつくります。",
        "budget": [("研修講師の謝金", 300_000), ("業務用ソフトの利用料", 150_000)],
        "scores": (3, 3),
        "outcome": "not_selected",
        "reason": "意義は大きいものの、今回は既存の委託費で賄える部分が多いと判断しました。",
        "grant": None,
    },
]


def load_funding(run: Any) -> None:
    """The ``load_funding`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.funding.models import Fund
    from kyoso.orgs.models import Organization

    run.totals["funds"] += 1
    organization = Organization.objects.filter(slug=FUND["organization"]).first()
    if (
        organization is None
        or Fund.objects.filter(organization=organization, name=FUND["name"]).exists()
    ):
        return
    _load(run, organization)
    run.created["funds"] += 1


def _load(run: Any, organization: Any) -> None:
    from kyoso.funding.models import Fund
    from kyoso.funding.services import (
        application_submit,
        donation_start,
        fund_create,
        grant_agree,
        round_create,
        tranche_pay,
    )
    from kyoso.funding.services.grants import screening_round
    from kyoso.orgs.models import Organization
    from kyoso.payments.services import record_capture
    from kyoso.projects.models import Project
    from kyoso.screening import selectors as screening
    from kyoso.screening.services import CriterionSpec, decision_record, scores_submit
    from kyoso.search.services import index_object

    manager = run.users[FUND["manager"]]
    fund = fund_create(
        actor=manager,
        organization=organization,
        name=FUND["name"],
        purpose=FUND["purpose"],
        rules=FUND["rules"],
        themes=FUND["themes"],
    )
    for n, (person, org_slug, amount, public_name, message) in enumerate(DONATIONS):
        donor = run.users[person]
        _donation, payment = donation_start(
            actor=donor,
            fund=fund,
            amount=amount,
            method="bank_transfer",
            receipt_name=Organization.objects.get(slug=org_slug).name
            if org_slug
            else donor.display_name,
            organization=Organization.objects.get(slug=org_slug) if org_slug else None,
            public_name=public_name,
            message=message,
            idempotency_key=f"demo-fund-{fund.pk}-{n}",
        )
        payment.refresh_from_db()
        record_capture(actor=None, payment=payment)

    grant_round = round_create(
        actor=manager,
        fund=fund,
        title=ROUND["title"],
        description=ROUND["description"],
        deadline=run.now + timedelta(days=30),
        max_amount=ROUND["max_amount"],
        criteria=[CriterionSpec(name, weight) for name, weight in ROUND["criteria"]],
        eligibility=ROUND["eligibility"],
        reviewers=[(run.users[key], decides) for key, decides in ROUND["reviewers"]],
    )
    round_ = screening_round(grant_round)
    criteria = screening.criteria_of(round_)
    reviewers = [run.users[key] for key, _decides in ROUND["reviewers"]]
    for entry in APPLICATIONS:
        project = Project.objects.filter(title=entry["project"]).first()
        if project is None:
            continue
        application = application_submit(
            actor=run.users[entry["lead"]],
            grant_round=grant_round,
            project=project,
            plan=entry["plan"],
            budget=[{"label": label, "amount": amount} for label, amount in entry["budget"]],
            eligibility_answers=[True] * len(ROUND["eligibility"]),
        )
        item_id = next(
            i.item.pk
            for i in screening.items_for_reviewer(round_, reviewers[0])
            if i.item.subject_id == application.pk
        )
        item = screening.item_get(round_, item_id)
        if item is None:  # listed for the reviewer just above
            raise RuntimeError(f"The demo's screening item {item_id} vanished.")
        for reviewer, value in zip(reviewers, entry["scores"], strict=True):
            scores_submit(
                actor=reviewer,
                item=item,
                values={c.pk: (value, "") for c in criteria},
            )
        decided = screening.item_get(round_, item_id)  # again, now with the scores
        assert decided is not None
        decision_record(
            actor=reviewers[0],
            item=decided,
            outcome=entry["outcome"],
            reason=entry["reason"],
        )
        if entry["grant"]:
            application.refresh_from_db()
            grant = grant_agree(
                actor=manager,
                application=application,
                amount=sum(entry["grant"]),
                tranches=entry["grant"],
                terms="年度末までに成果報告を提出し、2回目の支払いの前に1回目分の報告を出すこと。",
            )
            tranche_pay(actor=manager, tranche=grant.tranches.get(number=1))
    index_object(Fund.objects.select_related("organization").get(pk=fund.pk))
