"""Reads of matching: people for a need, works for a person, a person's setting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from kyoso.matching import ranking, works
from kyoso.matching.models import MatchingPreference, MatchProfile
from kyoso.matching.ranking import PersonSuggestion, WorkSuggestion

#: How many people a need's page shows, and how many works "for you" and its block show.
NEED_PAGE = 10
FOR_YOU_PAGE = 20
FOR_YOU_BLOCK = 3


@dataclass
class OrganizationSuggestion:
    slug: str
    name: str
    score: float
    reasons: list[tuple[str, str, int]]


@dataclass
class NeedMatches:
    need: Any
    people: list[PersonSuggestion]
    organizations: list[OrganizationSuggestion] | None = None


#: How many organizations a need's page shows.
NEED_ORGANIZATIONS = 3
#: Organizations are scored on what they said they offer: skills, themes and place.
ORGANIZATION_WEIGHTS = {"skills": 0.5, "themes": 0.3, "place": 0.2}


def organizations_for_need(need: Any, *, limit: int = NEED_ORGANIZATIONS) -> list[Any]:
    """Verified organizations whose skills, themes and place fit the need, with reasons (one
    query: the verified organizations' onboarding answers; their fields are public)."""
    from django.utils import timezone

    from kyoso.matching import features
    from kyoso.orgs.selectors import verified_organizations_for_matching

    work = works.need_features(need)
    now = timezone.now()
    found = []
    for org in verified_organizations_for_matching():
        candidate = features.PersonFeatures(
            pk=org["id"],
            skill_keys=list(org["skill_keys"] or []),
            theme_keys=list(org["theme_keys"] or []),
            municipality_code=org["municipality_id"] or "",
            municipality_name=org["municipality__name"] or "",
        )
        parts = features.contributions(work, candidate, now=now, weights=ORGANIZATION_WEIGHTS)
        if any(p.feature in ("skills", "themes") for p in parts):
            scored = features.explain(parts)
            found.append(
                OrganizationSuggestion(org["slug"], org["name"], scored.score, scored.reasons)
            )
    found.sort(key=lambda o: (-o.score, o.slug))
    return found[:limit]


def need_for_matching(need_id: int, viewer: Any) -> Any:
    """The open need of a visible project (404 otherwise, or if the viewer may not see the
    project at all); the need page's rule then asks whether the viewer works on it."""
    from kyoso.core.policy import check

    need = works.open_need(need_id)
    if need is None or not check("projects.view_need", viewer, need):
        raise Http404
    return need


def project_member_ids(need: Any) -> set[int]:
    """The project's active members: they are on the project already, not suggestions."""
    from kyoso.projects.selectors import members_of

    return {m.user_id for m in members_of(need.project)}


def people_for_need(
    need: Any, viewer: Any, *, limit: int = NEED_PAGE, organizations: bool = False
) -> NeedMatches:
    work = works.need_features(need)
    people = ranking.rank_people(
        work, works.need_text(need), viewer=viewer, exclude=project_member_ids(need), limit=limit
    )
    return NeedMatches(
        need=need,
        people=people,
        organizations=organizations_for_need(need) if organizations else None,
    )


def mission_for_matching(mission_id: int, viewer: Any) -> Any:
    """A mission taking applications that the viewer may see (404 otherwise); the page's rule
    then asks whether the viewer hosts it."""
    from kyoso.core.policy import check

    mission = works.open_mission(mission_id)
    if mission is None or not check("missions.view_mission", viewer, mission):
        raise Http404
    return mission


def issue_for_matching(issue_id: int, viewer: Any) -> Any:
    """An issue listed to the viewer (404 otherwise); the page's rule then asks whether the
    viewer posted it."""
    issue = works.listed_issue(issue_id, viewer)
    if issue is None:
        raise Http404
    return issue


def people_for_mission(
    mission: Any, viewer: Any, *, limit: int = NEED_PAGE
) -> list[PersonSuggestion]:
    """The people who could take the mission on, for its host (the host left out)."""
    return ranking.rank_people(
        works.mission_features(mission), works.mission_text(mission), viewer=viewer, limit=limit
    )


def people_for_issue(issue: Any, viewer: Any, *, limit: int = NEED_PAGE) -> list[PersonSuggestion]:
    """The people who could help with the issue, for its poster (the poster left out)."""
    return ranking.rank_people(
        works.issue_features(issue), works.issue_text(issue), viewer=viewer, limit=limit
    )


def suggestions_for(
    viewer: Any, *, limit: int = FOR_YOU_PAGE, kinds: tuple[str, ...] = ("mission", "need", "issue")
) -> list[WorkSuggestion]:
    """Missions, project needs and issues for the viewer, best first, with reasons."""
    # Read only: a page never writes. The row is built when the profile changes (the accounts'
    # hook), for everyone without one by `match_profiles_fill_missing` (the demo) and nightly by
    # `rebuild_match_profiles`; someone without a row has told us nothing to match on yet.
    row = MatchProfile.objects.filter(user_id=viewer.pk).first()
    if row is None:
        return []
    from kyoso.projects.selectors import member_project_themes

    own_projects = set(member_project_themes([viewer.pk]).get(viewer.pk, ([], []))[0])
    pool = [
        (work, terms)
        for work, terms in works.work_pool(viewer)
        if work.project_id is None or work.project_id not in own_projects
    ]
    return ranking.rank_works(row, pool, viewer=viewer, kinds=kinds, limit=limit)


def suggest_me(user: Any) -> bool:
    preference = MatchingPreference.objects.filter(user_id=user.pk).first()
    return preference.suggest_me if preference else True
