"""Loading the demo's concierge consultations (issue 18): a concierge at each demo hub
(せんだい・みやぎソーシャルハブ and SANROKU) with a month of consultations, introductions and
follow-ups, and a few open slots to book.

The hubs come from the hubs app's demo step; this step finds each by slug (or by the
organization that runs it) and does nothing for a hub that is absent. Idempotent like the rest
of ``load-demo``: a hub that already has consultations is left as it is.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

#: hub slugs to try, the organization that runs it, its concierge, and the month's
#: consultations as (days ago, hour, person key, topic, themes, introduced to, follow-up in days)
HUBS: list[dict[str, Any]] = [
    {
        "slugs": ["sendai-miyagi-social-hub", "sendai-social-hub", "sendai"],
        "organization": "sendai-miyagi-social-hub",
        "concierge": "watanabe",
        "consultations": [
            (
                28,
                14,
                "suzuki",
                "町内会の担い手が足りない",
                ["community"],
                "org:sendai-miyagi-npo-center",
                14,
            ),
            (
                24,
                10,
                "takahashi",
                "子ども食堂を始めたい",
                ["childcare", "welfare"],
                "person:ito",
                7,
            ),
            (20, 15, "nakamura", "学生と地域の課題をつなぎたい", ["education"], "org:manaco", None),
            (
                15,
                13,
                "yamamoto",
                "企業の社員ボランティアの受け皿",
                ["work", "community"],
                "person:tanaka",
                10,
            ),
            (9, 11, "suzuki", "防災訓練に若い人を呼びたい", ["disaster"], "org:switch", 3),
            (4, 16, "kobayashi", "空き店舗の活用", ["housing", "industry"], "person:tanaka", None),
        ],
    },
    {
        "slugs": ["sanroku", "sakata-sanroku"],
        "organization": "sakata-sanroku",
        "concierge": "yamada",
        "consultations": [
            (27, 10, "takahashi", "酒田で起業したい", ["work"], "person:yoshida", 14),
            (22, 14, "sasaki", "副業で庄内の農家を手伝いたい", ["agriculture"], "person:kato", 5),
            (18, 13, "kato", "移住者の相談窓口をつくりたい", ["housing", "community"], None, None),
            (
                12,
                15,
                "yamaguchi",
                "ITを学ぶ女性のコミュニティ",
                ["digital", "gender"],
                "org:sanroku-it-joshi",
                7,
            ),
            (6, 10, "sasaki", "地元の飲食店の販路", ["tourism", "industry"], "person:yoshida", 2),
        ],
    },
]


def _find_hub(entry: dict[str, Any]) -> Any:
    from kyoso.hubs.selectors import hub_list

    hubs = hub_list()
    for slug in entry["slugs"]:
        hub = hubs.filter(slug=slug).first()
        if hub is not None:
            return hub
    return hubs.filter(organization__slug=entry["organization"]).order_by("id").first()


def load_concierge(run: Any) -> None:
    """The ``load_concierge`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from django.utils import timezone

    from kyoso.concierge.models import (
        Concierge,
        Consultation,
        ConsultationStatus,
        ConsultationStatusChange,
        Introduction,
        Slot,
    )

    zone = timezone.get_current_timezone()
    today = timezone.localtime(run.now).date()
    for entry in HUBS:
        hub = _find_hub(entry)
        concierge = run.users.get(entry["concierge"])
        if hub is None or concierge is None:
            continue
        Concierge.objects.get_or_create(hub=hub, user=concierge)
        run.totals["concierge consultations"] += len(entry["consultations"])
        if Consultation.objects.filter(hub=hub).exists():
            continue
        for days_ago, hour, person_key, topic, themes, target, follow_days in entry[
            "consultations"
        ]:
            person = run.users.get(person_key)
            if person is None:
                continue
            day = today - timedelta(days=days_ago)
            starts_at = datetime.combine(day, time(hour), tzinfo=zone)
            follow_up_on = day + timedelta(days=follow_days) if follow_days else None
            consultation = Consultation.objects.create(
                hub=hub,
                concierge=concierge,
                person=person,
                starts_at=starts_at,
                minutes=60,
                topic=topic,
                themes=themes,
                status=ConsultationStatus.HELD,
                asked=topic + "について、これまでの経緯と困っていることを聞いた。",
                advised="近い取り組みをしている人・団体を紹介し、小さく試すことを勧めた。",
                follow_up_on=follow_up_on,
                follow_up_note=(
                    "紹介した方とはお会いできましたか。次の一歩を一緒に考えましょう。"
                    if follow_up_on
                    else ""
                ),
                followed_up_at=(
                    datetime.combine(follow_up_on, time(12), tzinfo=zone)
                    if follow_up_on and follow_up_on < today - timedelta(days=7)
                    else None
                ),
                recorded_at=starts_at + timedelta(hours=2),
                created_by=person,
            )
            ConsultationStatusChange.objects.create(
                consultation=consultation, from_status="", to_status="booked", actor=person
            )
            ConsultationStatusChange.objects.create(
                consultation=consultation, from_status="booked", to_status="held", actor=concierge
            )
            if target:
                kind, key = target.split(":")
                to_person = run.users.get(key) if kind == "person" else None
                to_org = run.organizations.get(key) if kind == "org" else None
                if (to_person is not None and to_person != person) or to_org is not None:
                    Introduction.objects.create(
                        consultation=consultation,
                        from_person=person,
                        to_person=to_person,
                        to_organization=to_org,
                        introduced_on=day,
                        created_by=concierge,
                    )
            run.created["concierge consultations"] += 1
        for offset in (2, 5, 9):
            Slot.objects.get_or_create(
                hub=hub,
                concierge=concierge,
                starts_at=datetime.combine(today + timedelta(days=offset), time(14), tzinfo=zone),
                defaults={"minutes": 60},
            )
