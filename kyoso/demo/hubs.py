"""Loading the demo's hubs: せんだい・みやぎソーシャルハブ (seed 000) and SANROKU in Sakata (seed
001), with their spaces, opening hours and a month of bookings around the load date (two weeks
before, two weeks after).

Idempotent like the rest of ``load-demo``: a hub is looked up by slug; its spaces and bookings
are written only when the hub is created. The bookings are written in bulk (a few hundred rows)
as the services would leave them: no overlap, the desk counters equal to the day passes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

HUBS: list[dict[str, Any]] = [
    {
        "organization": "sendai-miyagi-social-hub",
        "slug": "sendai-social-hub",
        "name": "せんだい・みやぎソーシャルハブ",
        "municipality": "04101",
        "address": "宮城県仙台市青葉区一番町（デモ）",
        "latitude": "38.260100",
        "longitude": "140.871000",
        "access_notes": "地下鉄東西線 青葉通一番町駅から徒歩3分。エレベーターあり。",
        "hours": (time(10), time(21)),
        "closed_weekdays": (0,),  # Mondays
        "spaces": [
            {
                "slug": "hiroba",
                "name": "マチノワひろば",
                "kind": "hall",
                "capacity": 40,
                "price_yen": 2000,
                "needs_approval": True,
                "min_minutes": 60,
                "max_minutes": 480,
                "buffer_minutes": 30,
                "equipment": "プロジェクター、マイク2本、長机12台",
                "accessibility_notes": "段差なし、多目的トイレあり",
            },
            {
                "slug": "room-a",
                "name": "会議室A",
                "kind": "room",
                "capacity": 8,
                "price_yen": 500,
                "free_for_members": True,
                "equipment": "モニター、ホワイトボード",
            },
            {
                "slug": "coworking",
                "name": "コワーキング",
                "kind": "desks",
                "capacity": 12,
                "price_unit": "day",
                "price_yen": 500,
                "free_for_members": True,
                "equipment": "電源、Wi-Fi",
            },
        ],
    },
    {
        "organization": "sakata-sanroku",
        "slug": "sanroku",
        "name": "SANROKU（酒田市産業振興まちづくりセンター）",
        "municipality": "06204",
        "address": "山形県酒田市中町（デモ）",
        "latitude": "38.914400",
        "longitude": "139.836500",
        "access_notes": "酒田駅から車で7分。駐車場あり。",
        "hours": (time(9), time(21)),
        "closed_weekdays": (1,),  # Tuesdays
        "spaces": [
            {
                "slug": "koryu",
                "name": "交流スペース",
                "kind": "hall",
                "capacity": 30,
                "price_yen": 1000,
                "approval_over_minutes": 180,
                "min_minutes": 60,
                "max_minutes": 360,
            },
            {
                "slug": "soudan",
                "name": "相談室",
                "kind": "room",
                "capacity": 4,
                "price_yen": 0,
                "who_may_book": "members",
            },
            {
                "slug": "coworking",
                "name": "コワーキング",
                "kind": "desks",
                "capacity": 8,
                "price_unit": "day",
                "price_yen": 300,
            },
        ],
    },
]

#: Room bookings of a day: (start hour, end hour) on rotating spaces and people.
SLOTS = [(10, 12), (13, 15), (18, 20)]
PASSES_PER_DAY = 3
PEOPLE = ["suzuki", "takahashi", "tanaka", "ito", "watanabe", "yamamoto"]


def load_hubs(run: Any) -> None:
    """The ``load_hubs`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.hubs.models import Hub, OpeningHours, Space
    from kyoso.orgs.models import Organization
    from kyoso.search.services import index_object

    for entry in HUBS:
        run.totals["hubs"] += 1
        if Hub.objects.filter(slug=entry["slug"]).exists():
            continue
        hub = Hub.objects.create(
            organization=Organization.objects.get(slug=entry["organization"]),
            slug=entry["slug"],
            name=entry["name"],
            municipality=run.municipality(entry["municipality"]),
            address=entry["address"],
            latitude=entry["latitude"],
            longitude=entry["longitude"],
            access_notes=entry["access_notes"],
        )
        opens, closes = entry["hours"]
        OpeningHours.objects.bulk_create(
            OpeningHours(hub=hub, weekday=w, opens=opens, closes=closes)
            for w in range(7)
            if w not in entry["closed_weekdays"]
        )
        spaces = [
            Space.objects.create(hub=hub, position=i, **fields)
            for i, fields in enumerate(entry["spaces"])
        ]
        run.created["hubs"] += 1
        _bookings(run, hub, spaces)
        index_object(hub)


def _bookings(run: Any, hub: Any, spaces: list[Any]) -> None:
    from kyoso.hubs.models import HOLDING_STATUSES, Booking, BookingTransition, DeskDay
    from kyoso.hubs.opening import TOKYO, hub_calendar

    today = run.now.astimezone(TOKYO).date()
    start, end = today - timedelta(days=14), today + timedelta(days=14)
    cal = hub_calendar(hub, start=start, end=end)
    people = [run.users[k] for k in PEOPLE if k in run.users]
    rooms = [s for s in spaces if not s.is_desk_pool and s.who_may_book == "everyone"]
    desks = [s for s in spaces if s.is_desk_pool]
    rows: list[Booking] = []
    counters: list[DeskDay] = []
    day: date = start
    n = 0
    while day <= end:
        hours = cal.on(day)
        if hours.is_open:
            for slot_index, (h1, h2) in enumerate(SLOTS):
                space = rooms[(n + slot_index) % len(rooms)]
                starts_at = datetime.combine(day, time(h1), tzinfo=TOKYO)
                ends_at = datetime.combine(day, time(h2), tzinfo=TOKYO)
                rows.append(
                    _row(
                        space, people[(n + slot_index) % len(people)], starts_at, ends_at, today, n
                    )
                )
            for desk in desks:
                passes = [
                    _row(
                        desk,
                        people[(n + k) % len(people)],
                        hours.opens_at,
                        hours.closes_at,
                        today,
                        n + k,
                        day_pass=True,
                    )
                    for k in range(PASSES_PER_DAY)
                ]
                rows += passes
                # A no-show gave its seat back: the counter holds the others.
                taken = sum(1 for p in passes if p.status in HOLDING_STATUSES)
                counters.append(DeskDay(space=desk, day=day, taken=taken))
            n += 1
        day += timedelta(days=1)
    created = Booking.objects.bulk_create(rows)
    DeskDay.objects.bulk_create(counters)
    BookingTransition.objects.bulk_create(
        BookingTransition(booking=b, from_status="", to_status=b.status) for b in created
    )
    run.totals["hub_bookings"] += len(created)
    run.created["hub_bookings"] += len(created)


def _row(
    space: Any,
    person: Any,
    starts_at: datetime,
    ends_at: datetime,
    today: date,
    n: int,
    *,
    day_pass: bool = False,
) -> Any:
    from kyoso.hubs.models import Booking, BookingStatus

    day = starts_at.date()
    past = day < today
    status = BookingStatus.CONFIRMED
    if past:
        status = BookingStatus.NO_SHOW if n % 7 == 3 else BookingStatus.CHECKED_IN
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    owed = space.price_yen if space.price_unit == "day" else space.price_yen * minutes // 60
    return Booking(
        space=space,
        hub_id=space.hub_id,
        user=person,
        kind="day_pass" if day_pass else "slot",
        status=status,
        day=day,
        starts_at=starts_at,
        ends_at=ends_at,
        blocked_until=ends_at + timedelta(minutes=0 if day_pass else space.buffer_minutes),
        purpose="" if day_pass else "打ち合わせ",
        owed_yen=owed,
        paid_at=starts_at if status == BookingStatus.CHECKED_IN and owed else None,
        checked_in_at=starts_at if status == BookingStatus.CHECKED_IN else None,
        free_cancel_until=starts_at - timedelta(hours=24),
    )
