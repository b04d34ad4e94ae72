"""The ranker: people for a work (short-listed from the postings, then scored with every
feature), and works for a person ("for you"). Weights and features: ``features.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from kyoso.matching import features
from kyoso.matching.features import PersonFeatures, Scored, WorkFeatures
from kyoso.matching.models import (
    LEVEL_MEMBERS,
    LEVEL_SECRETARIAT,
    Feedback,
    MatchKey,
    MatchProfile,
    MatchTerm,
    SubjectKind,
    Verdict,
)


@dataclass
class PersonSuggestion:
    person_id: int
    display_name: str
    score: float
    reasons: list[tuple[str, str, int]]
    interested: bool = False

    @property
    def ref(self) -> str:
        return f"user:{self.person_id}"


@dataclass
class WorkSuggestion:
    work: WorkFeatures
    score: float
    reasons: list[tuple[str, str, int]]
    interested: bool = False

    @property
    def kind_label(self) -> str:
        return str(dict(SubjectKind.choices)[self.work.kind])


def viewer_level(viewer: Any) -> int:
    """Signed-in members see "members" fields; the secretariat sees all."""
    from kyoso.roles.selectors import is_secretariat

    return LEVEL_SECRETARIAT if is_secretariat(viewer) else LEVEL_MEMBERS


def with_terms(work: WorkFeatures, text: str, *, total: int, df: dict[str, int]) -> WorkFeatures:
    """The work's ``MAX_SUBJECT_TERMS`` rarest terms with their idf among people."""
    terms = features.terms_of(text)
    ranked = sorted(
        ((features.idf(df.get(t, 0), total), t, surface) for t, (_c, surface) in terms.items()),
        key=lambda r: (-r[0], r[1]),
    )[: features.MAX_SUBJECT_TERMS]
    work.terms = {t: (weight, surface) for weight, t, surface in ranked}
    return work


def _query_weights(
    work: WorkFeatures, weights: dict[str, float], common: set[str] | frozenset[str] = frozenset()
) -> dict[str, float]:
    """Each posting key the work asks for and what one unit of its weight is worth (words in
    ``common`` and places beyond ``SHORTLIST_RADIUS_KM`` do not short-list)."""
    found: dict[str, float] = {}
    if work.skill_keys and "skills" in weights:
        for skill in work.skill_keys:
            found[f"s:{skill}"] = weights["skills"] / len(work.skill_keys)
    if work.theme_keys:
        for theme in work.theme_keys:
            if "themes" in weights:
                found[f"t:{theme}"] = weights["themes"] / len(work.theme_keys)
            if "past_work" in weights:
                found[f"p:{theme}"] = weights["past_work"] / len(work.theme_keys)
    if "place" in weights:
        factor = features.REMOTE_PLACE_FACTOR if work.work_style == "remote" else 1.0
        for code, near in features.nearby_codes(work.municipality_code).items():
            if near >= features.SHORTLIST_MIN_PROXIMITY:
                found[f"m:{code}"] = weights["place"] * near * factor
    if work.terms and "text" in weights:
        best = sum(w * (features.BM25_K1 + 1) for w, _s in work.terms.values())
        for term, (weight, _surface) in work.terms.items():
            if term not in common:
                found[f"w:{term}"] = weights["text"] * weight / best
    return found


def _feedback(viewer: Any, subject_kind: str, subject_id: int) -> dict[tuple[str, int], str]:
    rows = Feedback.objects.filter(
        viewer_id=viewer.pk, subject_kind=subject_kind, subject_id=subject_id
    ).values_list("candidate_kind", "candidate_id", "verdict")
    return {(kind, pk): verdict for kind, pk, verdict in rows}


def _suggestible_count() -> int:
    """How many people can be suggested (for idf), counted at most every ten minutes."""
    return int(
        cache.get_or_set(
            "matching:suggestible",
            lambda: MatchProfile.objects.filter(suggestible=True).count(),
            timeout=600,
        )
        or 0
    )


def _shortlist(
    query: dict[str, float], level: int, size: int, cap: int = features.KEY_CAP
) -> list[tuple[int, float]]:
    """The ``size`` people whose postings (those ``level`` may see) score best, reading at most
    ``cap`` postings per key in the index's order (best weight, then most recently active):
    one query, summed and cut to ``size`` in the database."""
    table = connection.ops.quote_name(MatchKey._meta.db_table)
    key = connection.ops.quote_name("key")
    parts: list[str] = []
    params: list[Any] = []
    for n, (posting_key, value) in enumerate(query.items()):
        # Only quoted names, numbers and placeholders are formatted in; values are parameters.
        parts.append(
            f"SELECT c{n}.person_id, c{n}.weight * %s AS points FROM ("  # noqa: S608
            f"SELECT person_id, weight FROM {table} WHERE {key} = %s AND level <= %s "
            f"ORDER BY weight DESC, active DESC LIMIT %s) AS c{n}"
        )
        params += [value, posting_key, level, cap]
    sql = (
        "SELECT u.person_id, SUM(u.points) AS score FROM ("  # noqa: S608
        + " UNION ALL ".join(parts)
        + ") AS u GROUP BY u.person_id ORDER BY score DESC, u.person_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, size])
        return [(int(pk), float(score)) for pk, score in cursor.fetchall()]


def rank_people(
    work: WorkFeatures,
    text: str,
    *,
    viewer: Any,
    exclude: set[int] | frozenset[int] = frozenset(),
    limit: int = 10,
    weights: dict[str, float] | None = None,
    level: int | None = None,
    now: Any = None,
) -> list[PersonSuggestion]:
    """The best people for the work as ``viewer`` may see them.

    Four queries: 1 the viewer's feedback on this work, 2 the people count of the work's words
    (idf; the count of suggestible people is cached), 3 the short list from the postings the
    viewer may see (capped per key), 4 the short list's feature rows, each scored exactly with
    its reasons (plus the viewer's roles, once per request).
    """
    feedback = weights is None
    weights = features.WEIGHTS if weights is None else weights
    level = viewer_level(viewer) if level is None else level
    now = now or timezone.now()
    answers = _feedback(viewer, work.kind, work.pk)
    dismissed = {pk for (kind, pk), v in answers.items() if kind == "user" and v == Verdict.NOT_NOW}
    skip = set(exclude) | dismissed | {viewer.pk}
    candidate_terms = [f"w:{t}" for t in features.terms_of(text)]
    df = dict(MatchTerm.objects.filter(key__in=candidate_terms).values_list("key", "people"))
    total = max(_suggestible_count(), 1)
    with_terms(work, text, total=total, df={k[2:]: n for k, n in df.items()})
    query = _query_weights(
        work, weights, common={k[2:] for k, n in df.items() if n > total * features.COMMON_SHARE}
    )
    if not query:
        return []
    # A work that asks for skills short-lists by skills, place and words; its themes then
    # re-score the short list (fewer postings read: the themes are the densest keys).
    themes_later = bool(work.skill_keys) and "skills" in weights
    if themes_later:
        query = {k: w for k, w in query.items() if not k.startswith(("t:", "p:"))}
    listed = [
        pk
        for pk, _points in _shortlist(query, level, features.SHORTLIST + len(skip))
        if pk not in skip
    ][: features.SHORTLIST]
    # The short list's postings were capped, so each of its people is scored again exactly,
    # every feature from their row as the viewer may see it; only the best are explained.
    scored_rows = []
    for row in MatchProfile.objects.filter(user_id__in=listed, suggestible=True):
        person = features.masked(row, level)
        interested = answers.get((SubjectKind.USER, row.user_id)) == Verdict.INTERESTED
        points = features.points(work, person, now=now, weights=weights)
        if feedback and interested and points > 0:
            points += features.FEEDBACK_INTERESTED
        scored_rows.append((points, row, person, interested))
    scored_rows.sort(key=lambda r: (-r[0], r[1].user_id))
    suggestions = []
    for points, row, person, interested in scored_rows[: limit + 2]:
        if points <= 0:
            continue
        scored = _score(
            work, person, weights=weights, now=now, interested=interested, feedback=feedback
        )
        if scored.score > 0:
            suggestions.append(
                PersonSuggestion(
                    row.user_id, row.display_name, scored.score, scored.reasons, interested
                )
            )
    suggestions.sort(key=lambda s: (-s.score, s.person_id))
    return suggestions[:limit]


def _score(
    work: WorkFeatures,
    person: PersonFeatures,
    *,
    weights: dict[str, float],
    now: Any,
    interested: bool = False,
    affinity: float = 0.0,
    feedback: bool = True,
) -> Scored:
    parts = features.contributions(work, person, now=now, weights=weights)
    bonus, reason = 0.0, ""
    if feedback and parts:
        if interested:
            bonus, reason = features.FEEDBACK_INTERESTED, features.interested_reason()
        elif affinity:
            bonus, reason = features.FEEDBACK_AFFINITY * affinity, features.affinity_reason()
    scored = features.explain(parts, bonus, reason)
    if affinity < 0 and feedback:
        scored.score = round(scored.score + features.FEEDBACK_AFFINITY * affinity, 6)
    return scored


# --- For a person ---------------------------------------------------------------------------


def _affinity(work: WorkFeatures, liked: dict[str, int], disliked: dict[str, int]) -> float:
    keys = [f"s:{k}" for k in work.skill_keys] + [f"t:{k}" for k in work.theme_keys]
    raw = sum(liked.get(k, 0) for k in keys) - 0.5 * sum(disliked.get(k, 0) for k in keys)
    return max(-1.0, min(1.0, raw))


def rank_works(
    person_row: MatchProfile | None,
    pool: list[tuple[WorkFeatures, dict[str, tuple[int, str]]]],
    *,
    viewer: Any,
    kinds: tuple[str, ...] = ("mission", "need", "issue"),
    limit: int = 10,
    weights: dict[str, float] | None = None,
    now: Any = None,
) -> list[WorkSuggestion]:
    """Works for the person themselves: they see all of their own fields. The idf of a word is
    taken among the works of the pool. One query (their feedback) besides the pool."""
    feedback = weights is None
    weights = features.FOR_YOU_WEIGHTS if weights is None else weights
    now = now or timezone.now()
    if person_row is None:
        return []
    person = features.masked(person_row, LEVEL_SECRETARIAT)
    answers = {
        (kind, pk): verdict
        for kind, pk, verdict in Feedback.objects.filter(
            viewer_id=viewer.pk, subject_kind=SubjectKind.USER, subject_id=viewer.pk
        ).values_list("candidate_kind", "candidate_id", "verdict")
    }
    df: dict[str, int] = {}
    for _work, terms in pool:
        for term in terms:
            df[term] = df.get(term, 0) + 1
    liked: dict[str, int] = {}
    disliked: dict[str, int] = {}
    for work, _terms in pool:
        verdict = answers.get((work.kind, work.pk))
        target = liked if verdict == Verdict.INTERESTED else disliked if verdict else None
        if target is not None:
            for key in [f"s:{k}" for k in work.skill_keys] + [f"t:{k}" for k in work.theme_keys]:
                target[key] = target.get(key, 0) + 1
    found = []
    for work, terms in pool:
        if work.kind not in kinds or answers.get((work.kind, work.pk)) == Verdict.NOT_NOW:
            continue
        ranked = sorted(
            ((features.idf(df[t], len(pool)), t, s) for t, (_c, s) in terms.items()),
            key=lambda r: (-r[0], r[1]),
        )[: features.MAX_SUBJECT_TERMS]
        work.terms = {t: (w, s) for w, t, s in ranked}
        interested = answers.get((work.kind, work.pk)) == Verdict.INTERESTED
        scored = _score(
            work,
            person,
            weights=weights,
            now=now,
            interested=interested,
            affinity=_affinity(work, liked, disliked),
            feedback=feedback,
        )
        if scored.score > 0 and any(f != "recency" for f, _r, _s in scored.reasons):
            found.append(WorkSuggestion(work, scored.score, scored.reasons, interested))
    found.sort(key=lambda s: (-s.score, s.work.kind, s.work.pk))
    return found[:limit]
