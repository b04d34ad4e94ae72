"""The shape of a demo issue, and the places they are pinned to.

A demo issue is a frozen dataclass so that a typo in a field name fails at import time. People
are ``people.PEOPLE[*]["key"]`` values, organizations are ``organizations.ORGANIZATIONS[*]
["slug"]`` values, vocabularies are the values of ``kyoso.issues.vocab``. The loader creates
each issue through the issues services, so the search index, counters and history are what a
person clicking through the site would have produced.
"""

from __future__ import annotations

from dataclasses import dataclass

from kyoso.issues.models import HelpOffer, Stage

SKILLS = HelpOffer.Kind.SKILLS
TIME = HelpOffer.Kind.TIME
PLACE = HelpOffer.Kind.PLACE
MONEY = HelpOffer.Kind.MONEY

#: The support stages an issue climbs, in order (seed 000, 図1: ①課題発見 → ④解決策普及).
LADDER = (Stage.SEED, Stage.SURFACED, Stage.IN_ACTION, Stage.SOLVED, Stage.SPREAD)


@dataclass(frozen=True)
class Comment:
    author: str
    body: str
    #: Replies one level deep: (author, body).
    replies: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Offer:
    """「手伝えます」: who, what kinds (``HelpOffer.Kind`` values) and a short message."""

    user: str
    kinds: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Move:
    """One stage change: to which stage, by whom, and why (shown on the timeline)."""

    to: str
    actor: str
    reason: str


@dataclass(frozen=True)
class DemoIssue:
    #: The natural key: a second run of the loader skips an issue whose title exists.
    title: str
    #: Markdown.
    body: str
    author: str
    #: JIS X 0402 code (Miyagi 04xxx, Yamagata 06xxx) or None.
    municipality: str | None
    themes: tuple[str, ...]
    sdgs: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    walls: tuple[str, ...] = ()
    #: Posted on behalf of this organization (the author is a member).
    organization: str | None = None
    name_hidden: bool = False
    #: (latitude, longitude) near the municipality's centre; see :func:`near`.
    point: tuple[float, float] | None = None
    #: Stage changes in order, starting from 種 (seed).
    moves: tuple[Move, ...] = ()
    #: Title of the issue this one was merged into (a duplicate).
    merged_into: str | None = None
    empathy: tuple[str, ...] = ()
    follows: tuple[str, ...] = ()
    offers: tuple[Offer, ...] = ()
    comments: tuple[Comment, ...] = ()
    #: How long ago it was posted; history and comments are spread from then until now.
    days_ago: int = 0

    @property
    def final_stage(self) -> str:
        if self.merged_into:
            return Stage.MERGED
        return self.moves[-1].to if self.moves else Stage.SEED


#: Approximate centre (city or town hall) of the municipalities the demo issues are in.
CENTRES: dict[str, tuple[float, float]] = {
    "04100": (38.268215, 140.869356),  # 仙台市
    "04101": (38.268215, 140.869356),  # 青葉区 (the city hall is in Aoba-ku)
    "04102": (38.260420, 140.901380),  # 宮城野区
    "04103": (38.242300, 140.895400),  # 若林区
    "04104": (38.224400, 140.877600),  # 太白区
    "04105": (38.323500, 140.880600),  # 泉区
    "04202": (38.434400, 141.302900),  # 石巻市
    "04203": (38.314400, 141.022000),  # 塩竈市
    "04205": (38.908100, 141.569900),  # 気仙沼市
    "04207": (38.171700, 140.891800),  # 名取市
    "04209": (38.293900, 141.004100),  # 多賀城市
    "04212": (38.691700, 141.187800),  # 登米市
    "04213": (38.730200, 141.021100),  # 栗原市
    "04215": (38.577300, 140.955600),  # 大崎市
    "04216": (38.399900, 140.895600),  # 富谷市
    "04341": (37.911300, 140.765500),  # 丸森町
    "04581": (38.445500, 141.444300),  # 女川町
    "04606": (38.679600, 141.450500),  # 南三陸町
    "06201": (38.255400, 140.339600),  # 山形市
    "06203": (38.727700, 139.826700),  # 鶴岡市
    "06204": (38.914400, 139.836600),  # 酒田市
    "06205": (38.765000, 140.301500),  # 新庄市
    "06210": (38.362200, 140.378000),  # 天童市
    "06213": (38.055400, 140.147700),  # 南陽市
    "06362": (38.758900, 140.519500),  # 最上町
    "06426": (38.797500, 139.845800),  # 三川町
    "06428": (38.846900, 139.905000),  # 庄内町
    "06461": (39.014900, 139.908000),  # 遊佐町
}


def near(code: str, north_m: int = 0, east_m: int = 0) -> tuple[float, float]:
    """A point ``north_m`` metres north and ``east_m`` metres east of a municipality's centre.

    One degree of latitude is about 111 km; at 38–39° N one degree of longitude is about
    87 km. Six decimals (about 10 cm) is what ``Issue.latitude`` stores.
    """
    lat, lon = CENTRES[code]
    return (round(lat + north_m / 111_000, 6), round(lon + east_m / 87_000, 6))
