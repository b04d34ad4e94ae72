"""The precomputed side of matching: one :class:`MatchProfile` row and its postings
(:class:`MatchKey`) per person, rebuilt when their profile changes (the accounts app's
``profile_changed`` hook, then a task), when they change their matching setting, and by
``rebuild_match_profiles``. A ranking reads only these tables, never profiles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django_tasks import task

from kyoso.core.skills import Skill
from kyoso.issues.vocab import Theme
from kyoso.matching import features
from kyoso.matching.models import (
    LEVEL_MEMBERS,
    LEVEL_PUBLIC,
    LEVEL_SECRETARIAT,
    MatchingPreference,
    MatchKey,
    MatchProfile,
    MatchTerm,
)

LEVELS = {"public": LEVEL_PUBLIC, "members": LEVEL_MEMBERS, "secretariat": LEVEL_SECRETARIAT}
#: The profile fields matching reads, and the visibility each is shown under.
FIELDS = {
    "skills": "skills",
    "themes": "themes",
    "municipality": "municipality",
    "availability": "availability",
    "bio": "bio",
}
BATCH = 2000


@dataclass
class PersonInput:
    """What one person's features are computed from (also built directly by the benchmark)."""

    user_id: int
    display_name: str
    suggestible: bool
    levels: dict[str, int]
    skill_keys: list[str] = field(default_factory=list)
    theme_keys: list[str] = field(default_factory=list)
    municipality_code: str = ""
    prefecture_code: str = ""
    municipality_name: str = ""
    hours_per_month: int | None = None
    available: bool = False
    bio: str = ""
    posts: list[str] = field(default_factory=list)
    past_theme_keys: list[str] = field(default_factory=list)
    event_theme_keys: list[str] = field(default_factory=list)
    project_count: int = 0
    active_at: datetime | None = None
    #: Precomputed BM25 weights (the benchmark); else computed from bio and posts.
    text_terms: dict[str, float] | None = None


def _text(person: PersonInput) -> tuple[dict[str, float], int]:
    """BM25 weights of the person's words and the level they are seen at: the bio's level when
    members may read it, else the posts alone (public); a secretariat-only bio is never used."""
    if person.text_terms is not None:
        return person.text_terms, person.levels.get("bio", LEVEL_PUBLIC)
    if person.levels.get("bio", LEVEL_SECRETARIAT) <= LEVEL_MEMBERS:
        text, level = "\n".join([person.bio, *person.posts]), person.levels["bio"]
    else:
        text, level = "\n".join(person.posts), LEVEL_PUBLIC
    return features.bm25_weights(features.terms_of(text)), level


def build(person: PersonInput) -> tuple[MatchProfile, list[MatchKey]]:
    terms, text_level = _text(person)
    levels = {**person.levels, "text": text_level}
    profile = MatchProfile(
        user_id=person.user_id,
        suggestible=person.suggestible,
        display_name=person.display_name,
        skill_keys=sorted(set(person.skill_keys)),
        theme_keys=sorted(set(person.theme_keys)),
        municipality_code=person.municipality_code,
        prefecture_code=person.prefecture_code,
        municipality_name=person.municipality_name,
        hours_per_month=person.hours_per_month,
        available=person.available,
        text_terms=terms,
        past_theme_keys=sorted(set(person.past_theme_keys)),
        event_theme_keys=sorted(set(person.event_theme_keys)),
        project_count=person.project_count,
        levels=levels,
        active_at=person.active_at,
    )
    if not person.suggestible:
        return profile, []
    keys: dict[str, tuple[float, int]] = {}
    for skill in profile.skill_keys:
        keys[f"s:{skill}"] = (1.0, levels["skills"])
    for theme in profile.theme_keys:
        keys[f"t:{theme}"] = (1.0, levels["themes"])
    for theme in profile.event_theme_keys:
        keys[f"p:{theme}"] = (1.0, levels["themes"])
    for theme in profile.past_theme_keys:
        keys[f"p:{theme}"] = (1.0, LEVEL_PUBLIC)
    if profile.municipality_code:
        keys[f"m:{profile.municipality_code}"] = (1.0, levels["municipality"])
    for term, weight in terms.items():
        key = f"w:{term}"
        if len(key) <= 80:
            keys[key] = (weight, text_level)
    active = profile.active_at.timestamp() if profile.active_at else 0.0
    rows = [
        MatchKey(person_id=person.user_id, key=key, weight=weight, level=level, active=active)
        for key, (weight, level) in keys.items()
    ]
    return profile, rows


def store(people: Iterable[PersonInput], *, count_terms: bool = True) -> int:
    """Replace the features and postings of these people (batched bulk writes), keeping the
    word counts in step unless the caller recounts them all afterwards."""
    count = 0
    batch: list[PersonInput] = []
    for person in people:
        batch.append(person)
        if len(batch) >= BATCH:
            count += _store_batch(batch, count_terms=count_terms)
            batch = []
    if batch:
        count += _store_batch(batch, count_terms=count_terms)
    return count


@transaction.atomic
def _store_batch(people: list[PersonInput], *, count_terms: bool) -> int:
    built = [build(p) for p in people]
    ids = [p.user_id for p in people]
    old_terms = Counter(
        MatchKey.objects.filter(person_id__in=ids, key__startswith="w:").values_list(
            "key", flat=True
        )
    )
    MatchKey.objects.filter(person_id__in=ids).delete()
    MatchProfile.objects.filter(user_id__in=ids).delete()
    MatchProfile.objects.bulk_create([profile for profile, _keys in built], batch_size=BATCH)
    rows = [k for _profile, keys in built for k in keys]
    MatchKey.objects.bulk_create(rows, batch_size=5000)
    if count_terms:
        new_terms = Counter(k.key for k in rows if k.key.startswith("w:"))
        _adjust_term_counts(new_terms - old_terms, old_terms - new_terms)
    return len(built)


def _adjust_term_counts(added: Counter[str], removed: Counter[str]) -> None:
    """One conditional UPDATE per changed word (a refresh changes a few dozen)."""
    for key, n in added.items():
        if not MatchTerm.objects.filter(key=key).update(people=F("people") + n):
            MatchTerm.objects.get_or_create(key=key, defaults={"people": n})
    for key, n in removed.items():
        MatchTerm.objects.filter(key=key, people__gte=n).update(people=F("people") - n)


def recount_terms() -> int:
    """Count every word's people again from the postings (``rebuild_match_profiles``)."""
    from django.db.models import Count

    MatchTerm.objects.all().delete()
    counts = (
        MatchKey.objects.filter(key__startswith="w:")
        .values("key")
        .annotate(n=Count("id"))
        .values_list("key", "n")
    )
    MatchTerm.objects.bulk_create(
        [MatchTerm(key=key, people=n) for key, n in counts.iterator()], batch_size=5000
    )
    return MatchTerm.objects.count()


# --- From the other apps ----------------------------------------------------------------


def inputs_for(user_ids: list[int]) -> list[PersonInput]:
    """Read profiles, matching settings, project work and public posts of these people."""
    from django.contrib.auth.models import AnonymousUser

    from kyoso.accounts.selectors import profiles_for_matching
    from kyoso.events.selectors import attended_event_themes
    from kyoso.issues.selectors import listed_issues
    from kyoso.projects.selectors import member_project_themes

    profiles = profiles_for_matching(user_ids)
    opted_out = set(
        MatchingPreference.objects.filter(user_id__in=user_ids, suggest_me=False).values_list(
            "user_id", flat=True
        )
    )
    past = member_project_themes(user_ids)
    events = attended_event_themes(user_ids)
    posts: dict[int, list[str]] = {}
    for author_id, title, body in (
        listed_issues(AnonymousUser())
        .filter(author_id__in=user_ids, name_hidden=False)
        .values_list("author_id", "title", "body")
        .order_by("-created_at")[: 20 * len(user_ids)]
    ):
        if len(posts.setdefault(author_id, [])) < 20:
            posts[author_id].append(f"{title}\n{body}")
    found = []
    for profile in profiles:
        user = profile.user
        municipality = profile.municipality
        project_ids, past_themes = past.get(user.pk, ([], []))
        active = [t for t in (profile.updated_at, user.last_login) if t is not None]
        found.append(
            PersonInput(
                user_id=user.pk,
                display_name=user.display_name,
                suggestible=bool(
                    user.is_active and user.deleted_at is None and user.pk not in opted_out
                ),
                levels={
                    name: LEVELS.get(profile.visibility_of(source), LEVEL_SECRETARIAT)
                    for name, source in FIELDS.items()
                },
                skill_keys=[
                    *(profile.skill_keys or []),
                    *features.vocabulary_keys(profile.skills, Skill.choices, features.SKILL_WORDS),
                ],
                theme_keys=[
                    *(profile.theme_keys or []),
                    *features.vocabulary_keys(profile.themes, Theme.choices, features.THEME_WORDS),
                ],
                municipality_code=municipality.code if municipality else "",
                prefecture_code=municipality.prefecture_id if municipality else "",
                municipality_name=municipality.full_name if municipality else "",
                hours_per_month=profile.hours_per_month,
                available=bool(
                    profile.available_side_job
                    or profile.available_volunteer
                    or "time" in (profile.offers or [])
                ),
                bio=profile.bio,
                posts=posts.get(user.pk, []),
                past_theme_keys=past_themes,
                event_theme_keys=events.get(user.pk, []),
                project_count=len(project_ids),
                active_at=max(active) if active else None,
            )
        )
    return found


def match_profiles_refresh(user_ids: list[int], *, count_terms: bool = True) -> int:
    """Recompute these people's features; a person without a profile loses theirs."""
    people = inputs_for(user_ids)
    missing = set(user_ids) - {p.user_id for p in people}
    if missing:
        forget(list(missing), count_terms=count_terms)
    return store(people, count_terms=count_terms)


@transaction.atomic
def forget(ids: list[int], *, count_terms: bool = True) -> None:
    """Remove these people's features and postings (and their words from the counts)."""
    if count_terms:
        old = Counter(
            MatchKey.objects.filter(person_id__in=ids, key__startswith="w:").values_list(
                "key", flat=True
            )
        )
        _adjust_term_counts(Counter(), old)
    MatchKey.objects.filter(person_id__in=ids).delete()
    MatchProfile.objects.filter(user_id__in=ids).delete()


@task()
def refresh_match_profile(user_id: int) -> None:
    match_profiles_refresh([user_id])


def refresh_later(user_id: int) -> None:
    """The accounts' ``profile_changed`` listener (already after commit): queue the task."""
    refresh_match_profile.enqueue(user_id)


def rebuild_all(*, batch: int = 500) -> int:
    """Every person with a profile (``rebuild_match_profiles``)."""
    from kyoso.accounts.selectors import all_profile_user_ids

    ids = all_profile_user_ids()
    total = 0
    for start in range(0, len(ids), batch):
        total += match_profiles_refresh(ids[start : start + batch], count_terms=False)
    stale = MatchProfile.objects.exclude(user_id__in=ids)
    MatchKey.objects.filter(person_id__in=stale.values("user_id")).delete()
    stale.delete()
    recount_terms()
    return total


def person_input_for_self(user: Any) -> PersonInput | None:
    people = inputs_for([user.pk])
    return people[0] if people else None


def match_profiles_fill_missing() -> int:
    """Build the rows of everyone with a profile who has none yet (a new install, the demo);
    a second run finds nobody missing and writes nothing."""
    from kyoso.accounts.selectors import all_profile_user_ids

    have = set(MatchProfile.objects.values_list("user_id", flat=True))
    missing = [pk for pk in all_profile_user_ids() if pk not in have]
    return match_profiles_refresh(missing) if missing else 0
