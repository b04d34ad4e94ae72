"""Loading the demo's advisors, advice requests and introductions (issue 16).

Idempotent like the rest of ``load-demo``: an advisor is looked up by person, an advice
request by (requester, subject), an introduction by (requester, person asked, reason); only
what is missing is created. Dates are set in FY2021 and FY2022 (年度) so that the network
figures of the two years differ (accepted introductions are ties dated when they were
accepted). Rows are written directly, with their history, as the demo's other history is:
the services would date them today and notify everyone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

#: (person, expertise, kinds, monthly limit)
ADVISORS = [
    ("ito", "地域金融・事業計画・補助金の申請", ["advice", "introduction"], 5),
    ("watanabe", "農業と6次産業化、販路づくり", ["advice", "introduction"], 3),
    ("yamamoto", "広報・デザイン・SNSでの発信", ["advice"], 4),
]

#: (requester, subject, body, advisor or None, status, created (y, m, d), record or "")
ADVICE = [
    (
        "suzuki",
        "補助金の申請の進め方",
        "地域の空き家を活かす活動で、使える補助金と申請の順番を知りたいです。",
        None,
        "new",
        (2023, 5, 10),
        "",
    ),
    (
        "tanaka",
        "直売所の販路を広げたい",
        "枝豆の直売所の売上が伸びません。飲食店への販路を相談したいです。",
        "watanabe",
        "assigned",
        (2023, 4, 20),
        "",
    ),
    (
        "kobayashi",
        "イベントの告知を工夫したい",
        "若い人に届く告知の方法を教えてください。",
        "yamamoto",
        "in_conversation",
        (2022, 9, 2),
        "SNSの投稿計画と写真の撮り方を一緒に考えた。",
    ),
    (
        "kato",
        "事業計画書の書き方",
        "創業の事業計画書を見てほしいです。",
        "ito",
        "done",
        (2022, 6, 15),
        "資金計画の表を作り直し、信用金庫の創業相談につないだ。",
    ),
    (
        "yoshida",
        "観光の専門家を紹介してほしい",
        "インバウンド向けの体験づくりに詳しい方を探しています。",
        None,
        "declined",
        (2021, 11, 5),
        "",
    ),
]

#: (requester, person asked, reason, status, asked (y, m, d), answered (y, m, d) or None)
INTRODUCTIONS = [
    (
        "tanaka",
        "kobayashi",
        "枝豆の加工品づくりでご一緒したいです。",
        "accepted",
        (2021, 6, 1),
        (2021, 6, 3),
    ),
    (
        "yamada",
        "sasaki",
        "子ども食堂の食材の仕入れで相談したいです。",
        "accepted",
        (2021, 10, 12),
        (2021, 10, 14),
    ),
    (
        "suzuki",
        "watanabe",
        "空き家を使った農業体験を企画しています。",
        "accepted",
        (2022, 5, 9),
        (2022, 5, 10),
    ),
    (
        "kato",
        "yamaguchi",
        "創業した店の内装を相談したいです。",
        "accepted",
        (2022, 7, 21),
        (2022, 7, 25),
    ),
    (
        "yoshida",
        "matsumoto",
        "観光ガイドの研修でお話を伺いたいです。",
        "accepted",
        (2022, 11, 2),
        (2022, 11, 4),
    ),
    (
        "saito",
        "nakamura",
        "福祉の送迎の仕組みについて教えてください。",
        "accepted",
        (2023, 1, 16),
        (2023, 1, 18),
    ),
    ("takahashi", "tanaka", "直売所の手伝いをしたいです。", "declined", (2022, 8, 1), (2022, 8, 3)),
    (
        "kobayashi",
        "suzuki",
        "空き家の片づけのボランティアに参加したいです。",
        "pending",
        (2023, 5, 1),
        None,
    ),
]


def _at(day: tuple[int, int, int] | None) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime(*day, 10, 0))


def load_network(run: Any) -> None:
    """The ``load_network`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.network.models import (
        AdviceRecord,
        AdviceRequest,
        AdviceRequestChange,
        Advisor,
        AdvisorMonth,
        Introduction,
        IntroductionChange,
    )

    users = run.users
    advisors: dict[str, Advisor] = {}
    for key, expertise, kinds, limit in ADVISORS:
        run.totals["advisors"] += 1
        row, created = Advisor.objects.get_or_create(
            user=users[key],
            defaults={"expertise": expertise, "kinds": kinds, "monthly_limit": limit},
        )
        advisors[key] = row
        run.created["advisors"] += int(created)

    for requester, subject, body, advisor_key, status, day, record in ADVICE:
        run.totals["advice_requests"] += 1
        if AdviceRequest.objects.filter(requester=users[requester], subject=subject).exists():
            continue
        at = _at(day)
        advisor = advisors[advisor_key] if advisor_key else None
        advice = AdviceRequest.objects.create(
            requester=users[requester],
            kind="advice",
            subject=subject,
            body=body,
            advisor=advisor,
            status=status,
        )
        AdviceRequest.objects.filter(pk=advice.pk).update(created_at=at, updated_at=at)
        path = ["new"]
        if advisor is not None:
            path.append("assigned")
            month, _created = AdvisorMonth.objects.get_or_create(
                advisor=advisor, month=timezone.localdate(at).replace(day=1)
            )
            AdvisorMonth.objects.filter(pk=month.pk).update(count=month.count + 1)
        if status not in path:
            if status == "done":
                path.append("in_conversation")
            path.append(status)
        previous = ""
        for step in path:
            actor = users[requester] if step == "new" else run.secretariat
            change = AdviceRequestChange.objects.create(
                request=advice, from_status=previous, to_status=step, actor=actor
            )
            AdviceRequestChange.objects.filter(pk=change.pk).update(at=at)
            previous = step
        if record and advisor is not None:
            AdviceRecord.objects.create(request=advice, author=advisor.user, text=record)
        run.created["advice_requests"] += 1

    for requester, target, reason, status, asked, answered in INTRODUCTIONS:
        run.totals["introductions"] += 1
        rows = Introduction.objects.filter(
            requester=users[requester], to_user=users[target], reason=reason
        )
        if rows.exists():
            continue
        asked_at, answered_at = _at(asked), _at(answered)
        intro = Introduction.objects.create(
            requester=users[requester],
            to_user=users[target],
            reason=reason,
            status=status,
            requester_accepted_at=asked_at,
            target_accepted_at=answered_at if status == "accepted" else None,
            answered_by=users[target] if answered_at else None,
            decided_at=answered_at,
        )
        Introduction.objects.filter(pk=intro.pk).update(created_at=asked_at)
        events = [("requested", "", "pending", users[requester], asked_at)]
        if answered_at is not None:
            events.append((f"target_{status}", "pending", status, users[target], answered_at))
        for event, from_status, to_status, actor, at in events:
            intro_change = IntroductionChange.objects.create(
                introduction=intro,
                event=event,
                from_status=from_status,
                to_status=to_status,
                actor=actor,
            )
            IntroductionChange.objects.filter(pk=intro_change.pk).update(at=at)
        run.created["introductions"] += 1
