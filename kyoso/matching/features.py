"""Every feature and weight of the matching ranker, in one place (docs/matching.md).

A suggestion's score is ``Σ WEIGHTS[f] · x_f`` with each ``x_f`` in [0, 1]:

===========  =====  ==========================================================================
feature      weight x_f
===========  =====  ==========================================================================
skills       0.30   shared skill keys (``kyoso.core.skills``) / skill keys the work asks for
themes       0.18   shared theme keys (``kyoso.issues.vocab.Theme``) / themes of the work
place        0.15   1 in the same municipality, falling linearly to 0 at ``PLACE_RADIUS_KM``
                    between the municipalities' points (``data/municipality_points.csv``); a
                    remote job counts it at ``REMOTE_PLACE_FACTOR``
text         0.14   BM25 of the work's Sudachi terms (folded long units, nouns/verbs/adjectives,
                    from ``kyoso.search.text.analyze``) against the person's bio and posts,
                    divided by the best possible score of those terms
hours        0.08   the person's hours a month / the hours the work asks (at most 1)
remote       0.05   1 when the work is remote (or mixed) and the person takes side jobs or
                    volunteer work
past_work    0.05   themes of the projects the person works on that the work shares / themes
recency      0.05   1 when active in the last ``RECENT_DAYS`` days, falling to 0 at a year
===========  =====  ==========================================================================

Feedback then moves the score (``feedback_adjustment``): "not now" removes the suggestion for
good; "interested" adds ``FEEDBACK_INTERESTED``; in "for you" the skills and themes of the
things a person answered lean the rest: ``FEEDBACK_AFFINITY`` × (interested − ½ · not now)
sharing a key, capped to ±1.

Privacy: every person-side value comes from a :class:`PersonFeatures` built by ``masked()``,
which empties a field whose visibility the viewer's level does not reach. A reason is made only
from a contribution above zero, so it never names a field the ranker did not use.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext

from kyoso.core.skills import Skill
from kyoso.issues.vocab import Theme

WEIGHTS: dict[str, float] = {
    "skills": 0.30,
    "themes": 0.18,
    "place": 0.15,
    "text": 0.14,
    "hours": 0.08,
    "remote": 0.05,
    "past_work": 0.05,
    "recency": 0.05,
}
#: "For you" ranks works for the person themselves: their own recency says nothing there.
FOR_YOU_WEIGHTS = {name: w for name, w in WEIGHTS.items() if name != "recency"}
#: The text-only baseline of the evaluation uses this feature alone.
TEXT_ONLY = {"text": 1.0}

PLACE_RADIUS_KM = 60.0
REMOTE_PLACE_FACTOR = 0.3
RECENT_DAYS = 30
STALE_DAYS = 365
BM25_K1 = 1.2
BM25_B = 0.75
BM25_AVERAGE_TERMS = 40
#: Terms kept per person (the highest BM25 weights) and per work.
MAX_PERSON_TERMS = 40
MAX_SUBJECT_TERMS = 24
#: How many people the postings' score short-lists before hours, remote fit and recency
#: re-order them; words more than ``COMMON_SHARE`` of people use, and places under
#: ``SHORTLIST_MIN_PROXIMITY``, still score the short list's people but do not short-list.
SHORTLIST = 200
COMMON_SHARE = 0.01
SHORTLIST_MIN_PROXIMITY = 0.5
#: At most this many postings are read per key when short-listing: a key more people hold
#: (a skill, a theme, a town at 100 k people) gives its best weights, most recently active
#: first. The short list is then scored exactly from its feature rows.
KEY_CAP = 500
#: The features read from a row's plain columns (no posting).
SCALAR_FEATURES = ("hours", "remote", "recency")
FEEDBACK_INTERESTED = 0.05
FEEDBACK_AFFINITY = 0.04
#: Contributions below this share of the score are not worth a sentence.
MIN_REASON_SHARE = 0.03

#: Long-unit parts of speech that carry meaning (Sudachi's first POS field).
CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})


# --- Places -------------------------------------------------------------------------------


@cache
def municipality_points() -> dict[str, tuple[float, float]]:
    """JIS code → (latitude, longitude) of the town hall, for the regions Kyoso loads."""
    path = Path(__file__).parent / "data" / "municipality_points.csv"
    with path.open(encoding="utf-8") as handle:
        return {
            row["code"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        }


def distance_km(a: str, b: str) -> float | None:
    """Great-circle distance between two municipalities, None when either has no point."""
    points = municipality_points()
    if a not in points or b not in points:
        return None
    (lat1, lon1), (lat2, lon2) = points[a], points[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def proximity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    km = distance_km(a, b)
    if km is None:
        return 0.0
    return max(0.0, 1.0 - km / PLACE_RADIUS_KM)


def nearby_codes(code: str) -> dict[str, float]:
    """Municipalities within the radius of ``code`` with their proximity (itself 1)."""
    if not code:
        return {}
    found = {code: 1.0}
    for other in municipality_points():
        if other != code and (p := proximity(code, other)) > 0:
            found[other] = p
    return found


# --- Free-text skills and themes ------------------------------------------------------------

#: Words of free-text profile entries (「Webデザイン」「町内会」) that name a vocabulary key; an
#: entry also meets a key when it contains a part of the key's label (「デザイン」).
SKILL_WORDS = {
    "企画": "planning",
    "事業計画": "planning",
    "計画策定": "planning",
    "ヒアリング": "research",
    "調査": "research",
    "統計": "data",
    "分析": "data",
    "オープンデータ": "data",
    "EC": "it",
    "DX": "it",
    "Web": "it",
    "SNS": "pr",
    "発信": "pr",
    "販路": "marketing",
    "商品開発": "marketing",
    "資金": "fundraising",
    "助成": "fundraising",
    "融資": "fundraising",
    "補助金": "fundraising",
    "経営": "management",
    "団体運営": "management",
    "事業相談": "management",
    "稲作": "agriculture",
    "農": "agriculture",
    "直販": "marketing",
    "相談支援": "care",
    "調整": "coordination",
    "図解": "design",
    "スマホ講座": "education",
    "庁内": "policy",
    "コミュニティ運営": "facilitation",
    "KPI": "data",
}
THEME_WORDS = {
    "子育て": "childcare",
    "農": "agriculture",
    "食": "agriculture",
    "デジタル": "digital",
    "まちづくり": "community",
    "町内会": "community",
    "地域": "community",
    "協働": "community",
    "防災": "disaster",
    "女性": "gender",
    "ジェンダー": "gender",
    "若者": "education",
    "ものづくり": "industry",
    "産業": "industry",
    "販路": "industry",
    "事業承継": "industry",
    "創業": "work",
    "起業": "work",
    "新規事業": "work",
    "働き方": "work",
    "居場所": "welfare",
    "生活困窮": "welfare",
    "公共空間": "community",
    "移住": "housing",
    "空き家": "housing",
    "観光": "tourism",
    "関係人口": "tourism",
    "環境": "environment",
    "交通": "mobility",
    "多文化": "multicultural",
    "文化": "culture",
    "スポーツ": "culture",
    "介護": "welfare",
}


def vocabulary_keys(entries: list[str], choices: Any, words: dict[str, str]) -> list[str]:
    """Keys of a vocabulary that free-text entries name (by a word or a part of a label)."""
    import unicodedata

    parts = [
        (key, part)
        for key, label in choices
        for part in str(label).replace("、", "・").split("・")
        if len(part) >= 2
    ]
    found: set[str] = set()
    for entry in entries:
        text = unicodedata.normalize("NFKC", entry)
        found.update(key for key, part in parts if part in text or text == part)
        found.update(key for word, key in words.items() if word in text)
    return sorted(found)


# --- Text ---------------------------------------------------------------------------------


def terms_of(text: str) -> dict[str, tuple[int, str]]:
    """Folded term → (count, surface) of the content words of ``text`` (the search app's
    Sudachi analysis and folding, so 空き家 and 空家 meet)."""
    from kyoso.search.text import analyze

    found: dict[str, tuple[int, str]] = {}
    for unit in analyze(text):
        if unit.pos[0] not in CONTENT_POS or unit.pos[1] in {"数詞", "非自立可能"}:
            continue
        if not unit.word.terms:
            continue
        term = unit.word.terms[0]
        if len(term) < 2 and not any("\u4e00" <= c <= "\u9fff" for c in term):
            continue
        count, surface = found.get(term, (0, unit.word.normalized))
        found[term] = (count + 1, surface)
    return found


def bm25_weights(terms: dict[str, tuple[int, str]]) -> dict[str, float]:
    """The document side of BM25 (saturated term frequency), the ``MAX_PERSON_TERMS`` best."""
    length = sum(count for count, _surface in terms.values()) or 1
    norm = 1 - BM25_B + BM25_B * length / BM25_AVERAGE_TERMS
    weights = {
        term: count * (BM25_K1 + 1) / (count + BM25_K1 * norm)
        for term, (count, _surface) in terms.items()
    }
    best = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_PERSON_TERMS]
    return {term: round(weight, 4) for term, weight in best}


def idf(df: int, total: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


# --- The two sides ------------------------------------------------------------------------


@dataclass
class WorkFeatures:
    """What a need, mission or issue asks for."""

    kind: str
    pk: int
    title: str
    url: str = ""
    skill_keys: list[str] = field(default_factory=list)
    theme_keys: list[str] = field(default_factory=list)
    municipality_code: str = ""
    municipality_name: str = ""
    hours_per_month: int | None = None
    work_style: str = ""
    #: term → (idf, surface), the ``MAX_SUBJECT_TERMS`` rarest.
    terms: dict[str, tuple[float, str]] = field(default_factory=dict)
    label: str = ""
    context: str = ""
    #: The project the work belongs to ("for you" leaves out a person's own projects).
    project_id: int | None = None

    @property
    def remote(self) -> bool:
        return self.work_style in {"remote", "mixed"}

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.pk}"


@dataclass
class PersonFeatures:
    """What a viewer may know of a person (``masked``), nothing more."""

    pk: int
    display_name: str = ""
    skill_keys: list[str] = field(default_factory=list)
    theme_keys: list[str] = field(default_factory=list)
    municipality_code: str = ""
    municipality_name: str = ""
    hours_per_month: int | None = None
    available: bool = False
    text_terms: dict[str, float] = field(default_factory=dict)
    past_theme_keys: list[str] = field(default_factory=list)
    event_theme_keys: list[str] = field(default_factory=list)
    active_at: datetime | None = None


def masked(profile: Any, level: int) -> PersonFeatures:
    """The features of a MatchProfile a viewer of ``level`` may use (0 public, 1 members,
    2 secretariat; a person sees all of their own)."""

    def seen(name: str) -> bool:
        return profile.level(name) <= level

    return PersonFeatures(
        pk=profile.user_id,
        display_name=profile.display_name,
        skill_keys=list(profile.skill_keys) if seen("skills") else [],
        theme_keys=list(profile.theme_keys) if seen("themes") else [],
        municipality_code=profile.municipality_code if seen("municipality") else "",
        municipality_name=profile.municipality_name if seen("municipality") else "",
        hours_per_month=profile.hours_per_month if seen("availability") else None,
        available=profile.available if seen("availability") else False,
        text_terms=dict(profile.text_terms) if seen("text") else {},
        past_theme_keys=list(profile.past_theme_keys),
        event_theme_keys=list(profile.event_theme_keys) if seen("themes") else [],
        active_at=profile.active_at,
    )


# --- Scoring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    feature: str
    value: float
    points: float
    reason: str


def _labels(keys: list[str], choices: Any) -> str:
    if not keys:
        return ""
    labels = dict(choices)
    return "、".join(str(labels[k]) for k in keys if k in labels)


def _overlap(wanted: list[str], offered: list[str]) -> tuple[float, list[str]]:
    if not wanted:
        return 0.0, []
    shared = [k for k in wanted if k in set(offered)]
    return len(shared) / len(wanted), shared


def _past_work(work: WorkFeatures, person: PersonFeatures) -> tuple[float, list[str], list[str]]:
    """Similar past work: the work's themes shared by the person's projects, and those shared
    only by the events they attended; the value counts both."""
    if not work.theme_keys:
        return 0.0, [], []
    _value, shared = _overlap(work.theme_keys, person.past_theme_keys)
    from_events = [
        k for k in work.theme_keys if k in set(person.event_theme_keys) and k not in shared
    ]
    return (len(shared) + len(from_events)) / len(work.theme_keys), shared, from_events


def text_score(work: WorkFeatures, person_terms: dict[str, float]) -> tuple[float, list[str]]:
    """BM25 of the work's terms in the person's text / the most those terms could score."""
    if not work.terms or not person_terms:
        return 0.0, []
    best = sum(weight * (BM25_K1 + 1) for weight, _surface in work.terms.values())
    got = 0.0
    shared: list[tuple[float, str]] = []
    for term, (weight, surface) in work.terms.items():
        if term in person_terms:
            points = weight * person_terms[term]
            got += points
            shared.append((points, surface))
    shared.sort(key=lambda s: (-s[0], s[1]))
    return min(1.0, got / best) if best else 0.0, [s for _p, s in shared[:3]]


def contributions(
    work: WorkFeatures,
    person: PersonFeatures,
    *,
    now: datetime,
    weights: dict[str, float] | None = None,
    scalar_only: bool = False,
) -> list[Contribution]:
    """Each feature's points with the sentence that explains it (only those above zero);
    ``scalar_only``: just hours, remote fit and recency, without sentences (the short list)."""
    weights = WEIGHTS if weights is None else weights
    found: list[Contribution] = []

    def add(name: str, value: float, reason: str) -> None:
        if name in weights and value > 0:
            found.append(Contribution(name, value, weights[name] * value, reason))

    if scalar_only:
        return _scalar_contributions(work, person, now=now, weights=weights)

    value, shared = _overlap(work.skill_keys, person.skill_keys)
    add(
        "skills",
        value,
        gettext("スキルが合う: %(skills)s") % {"skills": _labels(shared, Skill.choices)},
    )
    value, shared = _overlap(work.theme_keys, person.theme_keys)
    add(
        "themes",
        value,
        gettext("関心のあるテーマが重なる: %(themes)s")
        % {"themes": _labels(shared, Theme.choices)},
    )
    near = proximity(work.municipality_code, person.municipality_code)
    if near:
        factor = REMOTE_PLACE_FACTOR if work.work_style == "remote" else 1.0
        if work.municipality_code == person.municipality_code:
            reason = gettext("同じ市区町村（%(place)s）") % {"place": person.municipality_name}
        else:
            km = distance_km(work.municipality_code, person.municipality_code) or 0
            reason = gettext("近い（約%(km)s km）") % {"km": max(1, round(km))}
        add("place", near * factor, reason)
    value, words = text_score(work, person.text_terms)
    add(
        "text",
        value,
        gettext("プロフィールや投稿の言葉が近い: %(words)s") % {"words": "、".join(words)},
    )
    if work.hours_per_month and person.hours_per_month:
        add(
            "hours",
            min(1.0, person.hours_per_month / work.hours_per_month),
            gettext("月%(hours)s時間ほど関われる（目安: 月%(need)s時間）")
            % {"hours": person.hours_per_month, "need": work.hours_per_month},
        )
    if work.remote and person.available:
        add("remote", 1.0, gettext("リモートで関われる仕事で、副業・ボランティアで関われる"))
    value, shared, from_events = _past_work(work, person)
    if from_events and shared:
        reason = gettext(
            "同じテーマのプロジェクト（%(projects)s）やイベント（%(events)s）に参加している"
        ) % {
            "projects": _labels(shared, Theme.choices),
            "events": _labels(from_events, Theme.choices),
        }
    elif from_events:
        reason = gettext("同じテーマのイベントに参加した: %(themes)s") % {
            "themes": _labels(from_events, Theme.choices)
        }
    else:
        reason = gettext("同じテーマのプロジェクトに参加している: %(themes)s") % {
            "themes": _labels(shared, Theme.choices)
        }
    add("past_work", value, reason)
    if person.active_at is not None:
        add("recency", recency(person.active_at, now), gettext("最近も活動している"))
    return found


def points(
    work: WorkFeatures, person: PersonFeatures, *, now: datetime, weights: dict[str, float]
) -> float:
    """The score :func:`contributions` sums, without writing its sentences (to order a short
    list; only the people shown are explained)."""
    total = 0.0
    if "skills" in weights:
        total += weights["skills"] * _overlap(work.skill_keys, person.skill_keys)[0]
    if "themes" in weights:
        total += weights["themes"] * _overlap(work.theme_keys, person.theme_keys)[0]
    if "place" in weights:
        near = proximity(work.municipality_code, person.municipality_code)
        factor = REMOTE_PLACE_FACTOR if work.work_style == "remote" else 1.0
        total += weights["place"] * near * factor
    if "text" in weights and work.terms and person.text_terms:
        total += weights["text"] * text_score(work, person.text_terms)[0]
    if "past_work" in weights:
        total += weights["past_work"] * _past_work(work, person)[0]
    scalars = _scalar_contributions(work, person, now=now, weights=weights)
    return total + sum(p.points for p in scalars)


def _scalar_contributions(
    work: WorkFeatures, person: PersonFeatures, *, now: datetime, weights: dict[str, float]
) -> list[Contribution]:
    found = []
    if "hours" in weights and work.hours_per_month and person.hours_per_month:
        value = min(1.0, person.hours_per_month / work.hours_per_month)
        found.append(Contribution("hours", value, weights["hours"] * value, ""))
    if "remote" in weights and work.remote and person.available:
        found.append(Contribution("remote", 1.0, weights["remote"], ""))
    if "recency" in weights and person.active_at is not None:
        value = recency(person.active_at, now)
        if value > 0:
            found.append(Contribution("recency", value, weights["recency"] * value, ""))
    return found


def recency(active_at: datetime, now: datetime) -> float:
    days = (now - active_at) / timedelta(days=1)
    return 1.0 if days <= RECENT_DAYS else max(0.0, 1 - (days - RECENT_DAYS) / STALE_DAYS)


@dataclass
class Scored:
    """One suggestion: the score and its reasons, each with its share of the score."""

    score: float
    reasons: list[tuple[str, str, int]]  # (feature, sentence, percent)


def explain(parts: list[Contribution], bonus: float = 0.0, bonus_reason: str = "") -> Scored:
    total = sum(p.points for p in parts) + bonus
    reasons: list[tuple[str, str, int]] = []
    if total > 0:
        ordered = sorted(parts, key=lambda p: (-p.points, p.feature))
        for part in ordered:
            share = part.points / total
            if share >= MIN_REASON_SHARE:
                reasons.append((part.feature, part.reason, round(share * 100)))
        if bonus > 0 and bonus / total >= MIN_REASON_SHARE:
            reasons.append(("feedback", bonus_reason, round(bonus / total * 100)))
    return Scored(score=round(total, 6), reasons=reasons)


def interested_reason() -> str:
    return gettext("前に「興味あり」と答えた")


def affinity_reason() -> str:
    return gettext("「興味あり」と答えたものと似ている")
