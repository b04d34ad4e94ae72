"""nDCG@10 and recall@10 of the ranker on the labelled set, and of a text-only baseline.

Each person of ``labelled.json`` becomes a feature row through the same code as a real
profile (``services.profiles.build``: vocabulary keys from free text, Sudachi BM25 terms), every
need ranks all of them with ``features.contributions``, and the judged grades (2 fits, 1 partly,
0 or unjudged not) score the top ten. The baseline ranks by the text feature alone, with the
same idf. No database is needed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kyoso.matching import features
from kyoso.matching.features import WorkFeatures

PATH = Path(__file__).with_name("labelled.json")
FIGURES = Path(__file__).with_name("figures.json")
K = 10
NOW = datetime(2026, 4, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Figures:
    ndcg: float
    recall: float


def _people(data: dict[str, Any]) -> list[Any]:
    from kyoso.core.skills import Skill
    from kyoso.issues.vocab import Theme
    from kyoso.matching.services.profiles import PersonInput, build

    inputs = [PersonInput(**row) for row in data["demo_people"]]
    for row in data["generated_people"]:
        inputs.append(
            PersonInput(
                user_id=row["user_id"],
                display_name=row["display_name"],
                suggestible=True,
                levels={"skills": 0, "themes": 0, "municipality": 0, "availability": 0, "bio": 0},
                skill_keys=features.vocabulary_keys(
                    row["skills"], Skill.choices, features.SKILL_WORDS
                ),
                theme_keys=features.vocabulary_keys(
                    row["themes"], Theme.choices, features.THEME_WORDS
                ),
                municipality_code=row["municipality"],
                hours_per_month=row["hours_per_month"],
                available=row["available"],
                bio="\n".join([*row["skills"], row["bio"]]),
            )
        )
    return [features.masked(build(p)[0], 0) for p in inputs]


def _dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def evaluate(weights: dict[str, float], data: dict[str, Any] | None = None) -> Figures:
    data = data or json.loads(PATH.read_text(encoding="utf-8"))
    people = _people(data)
    df: dict[str, int] = {}
    for person in people:
        for term in person.text_terms:
            df[term] = df.get(term, 0) + 1
    grades: dict[int, dict[int, int]] = {}
    for j in data["judgments"]:
        grades.setdefault(j["need"], {})[j["person"]] = j["grade"]
    ndcgs, recalls = [], []
    for row in data["works"]:
        judged = grades.get(row["pk"], {})
        relevant = {pk for pk, g in judged.items() if g > 0}
        if not relevant:
            continue
        work = WorkFeatures(
            kind="need",
            pk=row["pk"],
            title=row["title"],
            skill_keys=row["skill_keys"],
            theme_keys=row["theme_keys"],
            municipality_code=row["municipality_code"],
            hours_per_month=row["hours_per_month"],
            work_style=row["work_style"],
        )
        terms = features.terms_of(row["text"])
        ranked_terms = sorted(
            ((features.idf(df.get(t, 0), len(people)), t, s) for t, (_c, s) in terms.items()),
            key=lambda r: (-r[0], r[1]),
        )[: features.MAX_SUBJECT_TERMS]
        work.terms = {t: (w, s) for w, t, s in ranked_terms}
        scored = []
        for person in people:
            parts = features.contributions(work, person, now=NOW, weights=weights)
            scored.append((sum(p.points for p in parts), person.pk))
        scored.sort(key=lambda s: (-s[0], s[1]))
        top = [pk for score, pk in scored[:K] if score > 0]
        ideal = sorted(judged.values(), reverse=True)[:K]
        ndcgs.append(_dcg([judged.get(pk, 0) for pk in top]) / _dcg(ideal))
        recalls.append(len(relevant & set(top)) / len(relevant))
    return Figures(
        ndcg=round(sum(ndcgs) / len(ndcgs), 3), recall=round(sum(recalls) / len(recalls), 3)
    )


def run() -> dict[str, Figures]:
    data = json.loads(PATH.read_text(encoding="utf-8"))
    return {
        "full": evaluate(features.WEIGHTS, data),
        "text_only": evaluate(features.TEXT_ONLY, data),
    }
