"""Upcoming events of the demo region, dated from the day the demo is loaded (issue 14).

The FY2021 sessions (``events/fy2021.csv``) are all past; these are the next ones, of the
kinds the seeds describe:

- Sendai (seed 000, /work/shared/seeds/000_38240aa280e4ce2b.txt): the 情報交換会 定例会 and
  テーマ勉強会 of the social hub (lines 247–273; the third study session was 「若年女性への
  支援」, line 264), the hearings with local companies (lines 293–315), held at the support
  centre (address line 328; マチノワひろば line 189) or on Zoom (line 249).
- Sakata (seed 001, /work/shared/seeds/001_39eedf24b86ec709.txt): チーム庄内, the event that
  brings 「アイデアと仲間」 to people with something they want to do (line 149), run by
  サンロク (line 149); the サンロクIT女子 community's skills (lines 133, 211); crossings such
  as クリエイター×高校生 (line 65).

Titles, descriptions, pitches and the people registering are written for the demo. One event
is full with a waitlist, the idea event is open for pitches and already has teams, the others
have seats left. ``title`` is the natural key: an event whose title exists is skipped with
everything it carries. People are ``people.py`` keys; ``takahashi`` (just signed up) is left
out. ``organizer`` is an organization slug whose owner or admin ``actor`` is.
"""

from __future__ import annotations

from dataclasses import dataclass

from kyoso.events.models import Attendance, EventKind, EventMode
from kyoso.issues.vocab import Theme

SAPOSEN = "マチノワひろば（仙台市市民活動サポートセンター）"
SAPOSEN_ADDRESS = "宮城県仙台市青葉区一番町4丁目1-3"  # seed 000 line 328
SANROKU = "酒田市産業振興まちづくりセンター（サンロク）"
#: Shown only to confirmed online registrants; .invalid, so it leads to no real meeting.
ZOOM = "https://zoom.example.invalid/j/kyoso-demo"

VENUE = Attendance.VENUE
ONLINE = Attendance.ONLINE


@dataclass(frozen=True)
class DemoPitch:
    author: str
    title: str
    summary: str
    wanted: str
    #: People who joined the team (confirmed registrants of the event).
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class UpcomingEvent:
    title: str
    kind: str
    organizer: str
    actor: str
    #: Days from the load to the event, and its local start time ("HH:MM") and length.
    days_ahead: int
    start: str
    minutes: int
    mode: str
    municipality: str
    description: str
    topic: str = ""
    theme: str = ""
    audience: str = ""
    venue_name: str = ""
    venue_address: str = ""
    capacity_venue: int | None = None
    capacity_online: int | None = None
    #: (person, attendance) in the order they registered (over the week before the load).
    registrations: tuple[tuple[str, str], ...] = ()
    related_issues: tuple[str, ...] = ()
    #: Idea events only: the pitches, then the round the event is left in.
    pitches: tuple[DemoPitch, ...] = ()
    idea_round: str = ""


UPCOMING: list[UpcomingEvent] = [
    UpcomingEvent(
        title="情報交換会 定例会「地域の担い手不足を地区ごとに見る」",
        kind=EventKind.REGULAR,
        organizer="sendai-miyagi-social-hub",
        actor="sato",
        days_ahead=6,
        start="19:00",
        minutes=75,
        mode=EventMode.HYBRID,
        municipality="04101",
        venue_name=SAPOSEN,
        venue_address=SAPOSEN_ADDRESS,
        capacity_venue=20,
        capacity_online=40,
        theme=Theme.COMMUNITY,
        topic="担い手不足の見える化",
        audience="まちづくりや市民活動に関心のある人",
        description=(
            "行政職員、活動団体、企業、学生などが一堂に集まる情報交換会です。"
            "今回は、町内会や市民活動の担い手不足が地区ごとにどれくらい違うのかを、"
            "調査を始めた大学の研究者と一緒に考えます。会場とZoomのどちらからでも参加できます。"
        ),
        registrations=(
            ("suzuki", VENUE),
            ("nakamura", VENUE),
            ("kobayashi", ONLINE),
            ("tanaka", VENUE),
            ("ito", ONLINE),
            ("yamamoto", ONLINE),
            ("sasaki", ONLINE),
        ),
        related_issues=(
            "地域の担い手不足が、どの地区でどれくらい深刻なのかが見えない",
            "町内会の役員のなり手がいない",
        ),
    ),
    UpcomingEvent(
        title="テーマ勉強会「若年女性への支援」その後 — 支える人どうしの経験交流",
        kind=EventKind.STUDY,
        organizer="sendai-miyagi-social-hub",
        actor="watanabe",
        days_ahead=11,
        start="19:00",
        minutes=90,
        mode=EventMode.VENUE,
        municipality="04101",
        venue_name=SAPOSEN,
        venue_address=SAPOSEN_ADDRESS,
        capacity_venue=10,
        theme=Theme.GENDER,
        topic="若年女性への支援",
        audience="若年女性の相談や支援に関わっている人",
        description=(
            "令和3年度の第3回勉強会で取り上げた「若年女性への支援」の続きです。"
            "相談を受ける側が一人で抱えないように、事例を匿名にして持ち寄り、"
            "対応の工夫や悩みを話し合います。話しやすさを大切にするため、少人数の会場開催です。"
        ),
        registrations=(
            ("ito", VENUE),
            ("tanaka", VENUE),
            ("nakamura", VENUE),
            ("matsumoto", VENUE),
            ("kobayashi", VENUE),
            ("sasaki", VENUE),
            ("suzuki", VENUE),
            ("yamamoto", VENUE),
            ("kato", VENUE),
            ("yoshida", VENUE),
            # Full: the next three wait.
            ("yamada", VENUE),
            ("saito", VENUE),
            ("yamaguchi", VENUE),
        ),
        related_issues=(
            "若年女性を支える人どうしが、相談の受け方や悩みを共有できる場がない",
            "若い女性が夜でも安心して立ち寄れる居場所が足りない",
        ),
    ),
    UpcomingEvent(
        title="チーム庄内「高校生とクリエイターのアイデアを形に」",
        kind=EventKind.IDEA,
        organizer="sakata-sanroku",
        actor="yamada",
        days_ahead=13,
        start="13:30",
        minutes=210,
        mode=EventMode.VENUE,
        municipality="06204",
        venue_name=SANROKU,
        capacity_venue=30,
        theme=Theme.INDUSTRY,
        topic="アイデアと仲間を集める",
        audience="やりたいことがある人、誰かのやりたいことを手伝いたい人",
        description=(
            "「やりたいこと、実現したい事業」を持つ人に、参加者がアイデアと仲間を持ち寄る"
            "チーム庄内です。事前にこのページでピッチ（やりたいことの紹介）を受け付けています。"
            "当日はピッチのあと、気になったチームに加わって次の一歩を考えます。"
        ),
        registrations=(
            ("matsumoto", VENUE),
            ("saito", VENUE),
            ("sasaki", VENUE),
            ("kato", VENUE),
            ("yoshida", VENUE),
            ("yamaguchi", VENUE),
            ("nakamura", VENUE),
            ("tanaka", VENUE),
        ),
        related_issues=(
            "チーム庄内で集まったアイデアが、その後の実行につながりにくい",
            "高校生の起業アイデアを、地元のクリエイターと一緒に形にしたい",
        ),
        pitches=(
            DemoPitch(
                author="matsumoto",
                title="農家の直売を、IT女子のチームでネットショップにする",
                summary=(
                    "小さな農家やお店のネット販売を、サンロクIT女子が数人のチームで"
                    "立ち上げから更新まで手伝う仕組みをつくりたいです。"
                ),
                wanted="写真や文章が得意な人、販売を試してくれる農家さん",
                members=("sasaki", "kato"),
            ),
            DemoPitch(
                author="saito",
                title="田んぼの水位センサーを、集落の何軒かで一緒に試す",
                summary=(
                    "毎朝の水の見回りを減らすため、センサーで水位をスマホに送る仕組みを"
                    "数軒の農家で共同で試したいです。費用と保守の分担も考えます。"
                ),
                wanted="機器やデータに詳しい人、資金の相談に乗ってくれる人",
                members=("yoshida",),
            ),
        ),
        idea_round="pitch",
    ),
    UpcomingEvent(
        title="サンロクIT女子 勉強会「はじめてのネットショップ」",
        kind=EventKind.STUDY,
        organizer="sanroku-it-joshi",
        actor="matsumoto",
        days_ahead=17,
        start="10:00",
        minutes=120,
        mode=EventMode.HYBRID,
        municipality="06204",
        venue_name=SANROKU,
        capacity_venue=15,
        capacity_online=20,
        theme=Theme.DIGITAL,
        topic="EC・ホームページ",
        audience="ネット販売を始めたいお店や農家、ITスキルを仕事に生かしたい女性",
        description=(
            "地域の中小企業や農家から相談の多い、ネットショップの立ち上げを一緒に学びます。"
            "商品写真の撮り方から、注文の受け方まで。子ども連れでの参加も歓迎します。"
        ),
        registrations=(
            ("sasaki", ONLINE),
            ("saito", VENUE),
            ("kato", VENUE),
            ("yamada", VENUE),
        ),
        related_issues=("小さなお店や農家が、ネット販売やホームページに手が回らない",),
    ),
    UpcomingEvent(
        title="公開ヒアリング「地元企業が社会課題に関わる入口」",
        kind=EventKind.HEARING,
        organizer="sendai-miyagi-social-hub",
        actor="tanaka",
        days_ahead=20,
        start="19:00",
        minutes=60,
        mode=EventMode.ONLINE,
        municipality="04100",
        capacity_online=30,
        theme=Theme.WORK,
        topic="企業の社会課題への参画",
        audience="企業で地域貢献やSDGsを担当している人、企業と組みたいNPO",
        description=(
            "社会課題の解決に企業が加わるために何が必要かを探る、地元企業へのヒアリングを"
            "公開で行います。東北電力の担当者に地域活性化の取り組みと、"
            "助成プログラムで見つかった課題についてうかがい、参加者と意見を交わします。Zoomで開催します。"
        ),
        registrations=(
            ("yamamoto", ONLINE),
            ("watanabe", ONLINE),
            ("yoshida", ONLINE),
            ("kobayashi", ONLINE),
            ("nakamura", ONLINE),
        ),
        related_issues=("地元の企業が社会課題の解決に関わりたくても、最初の入口が分からない",),
    ),
    UpcomingEvent(
        title="情報交換会 定例会（オンライン）「活動を外に伝える」",
        kind=EventKind.REGULAR,
        organizer="sendai-miyagi-social-hub",
        actor="sato",
        days_ahead=27,
        start="19:30",
        minutes=60,
        mode=EventMode.ONLINE,
        municipality="04100",
        theme=Theme.COMMUNITY,
        topic="情報発信とアーカイブ",
        audience="まちづくりや市民活動に関心のある人",
        description=(
            "情報交換会でわかったことを、参加していない人にも届けるには。"
            "Facebookグループやnoteでの発信に加えて、このサイトに記録を残すやり方を話し合います。"
        ),
        registrations=(("watanabe", ONLINE), ("suzuki", ONLINE), ("tanaka", ONLINE)),
        related_issues=("情報交換会でわかったことが、参加していない人には届いていない",),
    ),
]
