"""Matching at scale (issue 16): rank 100 k candidate people for one project need, with the
reasons, as the need's page does (``kyoso.matching.selectors.people_for_need``).

Run in a child process, one per throw-away database::

    python -m benchmarks.matching --database-url sqlite:///{data_dir}/bench.sqlite3 \
        --people 100000 --json benchmarks/results/matching-sqlite.json
    python -m benchmarks.matching \
        --database-url postgres://postgres@127.0.0.1:5432/kyoso_bench_matching \
        --people 100000 --json benchmarks/results/matching-postgresql.json

The database must be empty. People are inserted straight into the precomputed tables
(``MatchProfile``, ``MatchKey``) with plain ``INSERT``s, as ``rebuild_match_profiles`` would
leave them: two or three skills, one or two themes, a municipality of the regions Kyoso loads,
hours and availability, and twelve BM25-weighted words drawn from a Zipf-like vocabulary of
real Sudachi terms and rarer ones. Then eight needs in different places are ranked in turn,
``--rounds`` times; p50/p95/max in milliseconds and the query count go to the JSON file only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.issues import _server_version, _setup
from benchmarks.stats import time_calls

BATCH = 5_000
TERMS_PER_PERSON = 12
RARE_TERMS = 3_000
NEED_TEXTS = [
    "ECサイトの更新とSNSでの発信を手伝える人。商品写真の差し替えと在庫の更新を月に数回。",
    "移住者の起業相談の担い手。事業計画づくりと資金調達の相談に乗れる人。",
    "収穫期の選別作業の手伝い。農作業の経験があれば歓迎します。",
    "配布数を集計して見える化できる人。表にまとめて共有したい。",
    "空き家を活用した子ども食堂の運営を手伝える人。調理と会計。",
    "観光客向けの案内パンフレットをデザインできる人。",
    "防災訓練の企画と当日の運営を担う人。町内会と一緒に。",
    "高齢者の見守りアプリのデータを分析できる人。",
]
VOCABULARY_TEXT = "\n".join(NEED_TEXTS) + (
    "\n地域のまちづくりに関わりたい。子育てと仕事の両立。福祉の現場で働いています。"
    "プログラミングとデザインが得意。農業と観光をつなぐ。会計と資金調達の経験。"
    "写真と映像の撮影。イベントの司会と進行。英語の通訳。空き家の改修。"
)


def _vocabulary() -> list[str]:
    from kyoso.matching.features import terms_of

    common = sorted(terms_of(VOCABULARY_TEXT))
    return common + [f"語{n}" for n in range(RARE_TERMS)]


def populate(people: int, rng: random.Random) -> None:
    from django.db import connection, transaction

    from benchmarks.populate import FastInsert, reset_sequences
    from kyoso.accounts.models import User
    from kyoso.core.skills import Skill
    from kyoso.issues.vocab import Theme
    from kyoso.matching.features import municipality_points
    from kyoso.matching.models import MatchKey, MatchProfile

    skills = [s.value for s in Skill]
    themes = [t.value for t in Theme]
    places = sorted(municipality_points())
    vocabulary = _vocabulary()
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(vocabulary))]
    users, profiles, keys = FastInsert(User), FastInsert(MatchProfile), FastInsert(MatchKey)
    now = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    key_id = 1
    for start in range(0, people, BATCH):
        user_rows, profile_rows, key_rows = [], [], []
        for pk in range(start + 1, min(people, start + BATCH) + 1):
            mine_skills = sorted(set(rng.sample(skills, k=rng.choice([2, 3]))))
            mine_themes = sorted(set(rng.sample(themes, k=rng.choice([1, 2]))))
            past = sorted(set(rng.sample(themes, k=1))) if pk % 3 == 0 else []
            place = rng.choice(places)
            terms = {
                term: round(rng.uniform(0.6, 1.8), 4)
                for term in rng.choices(vocabulary, weights=weights, k=TERMS_PER_PERSON)
            }
            levels = {
                "skills": 0,
                "themes": 0,
                "municipality": 0 if pk % 10 else 2,
                "availability": 1,
                "bio": 0,
                "text": 0,
            }
            user_rows.append(
                {
                    "id": pk,
                    "email": f"bench{pk}@example.jp",
                    "display_name": f"候補者{pk}",
                    "password": "!",
                    "is_active": True,
                    "date_joined": now,
                }
            )
            profile_rows.append(
                {
                    "user_id": pk,
                    "suggestible": True,
                    "display_name": f"候補者{pk}",
                    "skill_keys": mine_skills,
                    "theme_keys": mine_themes,
                    "municipality_code": place,
                    "prefecture_code": place[:2],
                    "municipality_name": place,
                    "hours_per_month": rng.choice([None, 4, 10, 20, 40]),
                    "available": pk % 2 == 0,
                    "text_terms": terms,
                    "past_theme_keys": past,
                    "event_theme_keys": [],
                    "project_count": len(past),
                    "levels": levels,
                    "active_at": now - dt.timedelta(days=rng.randint(0, 400)),
                    "updated_at": now,
                }
            )
            posting = (
                [(f"s:{s}", 1.0, 0) for s in mine_skills]
                + [(f"t:{t}", 1.0, 0) for t in mine_themes]
                + [(f"p:{t}", 1.0, 0) for t in past]
                + [(f"m:{place}", 1.0, levels["municipality"])]
                + [(f"w:{term}", weight, 0) for term, weight in terms.items()]
            )
            active = profile_rows[-1]["active_at"].timestamp()
            for key, weight, level in posting:
                key_rows.append(
                    {
                        "id": key_id,
                        "person_id": pk,
                        "key": key,
                        "weight": weight,
                        "level": level,
                        "active": active,
                    }
                )
                key_id += 1
        with transaction.atomic():
            users.insert(user_rows)
            profiles.insert(profile_rows)
            keys.insert(key_rows)
    reset_sequences([User, MatchKey])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def make_needs(rng: random.Random) -> tuple[Any, list[Any]]:
    from kyoso.accounts.models import User
    from kyoso.projects.models import MemberRole, Membership, MemberStatus, Need, Project

    lead = User.objects.create(email="lead@example.jp", display_name="リーダー", password="!")
    places = ["06204", "04100", "04202", "06201", "04215", "06203", "04205", "06202"]
    skill_sets = [
        ["it", "marketing"],
        ["management", "planning"],
        ["agriculture"],
        ["data"],
        ["care", "accounting"],
        ["design", "tourism"],
        ["events", "facilitation"],
        ["data", "it"],
    ]
    needs = []
    for n, text in enumerate(NEED_TEXTS):
        project = Project.objects.create(title=f"ベンチマーク{n}", goal="試す", created_by=lead)
        Membership.objects.create(
            project=project,
            user=lead,
            role=MemberRole.LEAD,
            status=MemberStatus.ACTIVE,
            joined_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        project.municipalities.set([places[n]])
        project.tags.create(kind="theme", value=rng.choice(["digital", "work", "community"]))
        title, _sep, description = text.partition("。")
        need = Need.objects.create(
            project=project,
            kind="skills",
            title=title,
            description=description,
            hours_per_month=10,
            work_style=["remote", "onsite", "mixed"][n % 3],
        )
        for skill in skill_sets[n]:
            need.skills.create(skill=skill)
        needs.append(need.pk)
    return lead, needs


def measure(lead: Any, need_ids: list[int], rounds: int) -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from kyoso.matching import selectors

    loaded = [selectors.need_for_matching(pk, lead) for pk in need_ids]
    turn = iter(range(10**9))

    def rank() -> None:
        need = loaded[next(turn) % len(loaded)]
        people = selectors.people_for_need(need, lead).people
        assert people and all(p.reasons for p in people)

    with CaptureQueriesContext(connection) as captured:
        rank()
    queries = len(captured.captured_queries)
    reset_queries()
    sample = selectors.people_for_need(loaded[0], lead).people
    timing = time_calls(rank, rounds=rounds, warmup=len(loaded))
    return {
        "timing_ms": timing,
        "queries": queries,
        "example": [
            {"name": p.display_name, "score": p.score, "reasons": [r[1] for r in p.reasons]}
            for p in sample[:3]
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--data-dir", help="keep the SQLite data set in this directory")
    args = parser.parse_args()
    vendor = _setup(args.database_url, args.data_dir)
    from django.db import connection

    from kyoso.matching.models import MatchKey

    rng = random.Random(16)
    started = time.perf_counter()
    if MatchKey.objects.exists():  # a kept --data-dir: measure again without refilling
        from kyoso.accounts.models import User
        from kyoso.projects.models import Need

        lead = User.objects.filter(email="lead@example.jp").first()
        needs = list(Need.objects.order_by("pk").values_list("pk", flat=True))
        if lead is None or not needs:  # the fill stopped before the needs
            User.objects.filter(email="lead@example.jp").delete()
            lead, needs = make_needs(rng)
    else:
        populate(args.people, rng)
        from kyoso.matching.services.profiles import recount_terms

        recount_terms()
        lead, needs = make_needs(rng)
    built_s = time.perf_counter() - started
    result = measure(lead, needs, args.rounds)
    output = {
        "benchmark": "matching",
        "database": vendor,
        "server": _server_version(connection),
        "people": args.people,
        "postings": MatchKey.objects.count(),
        "needs": len(needs),
        "populate_s": round(built_s, 1),
        "python": platform.python_version(),
        "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **result,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(output, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(output["timing_ms"]), output["queries"], "queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
