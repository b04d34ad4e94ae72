"""Needs, missions and issues as :class:`~kyoso.matching.features.WorkFeatures`, read through
their apps' selectors (never their models). A work's Sudachi terms are kept in the cache under
the work's ``updated_at``, so "for you" analyses each text once, not on every request."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.urls import reverse

from kyoso.matching.features import WorkFeatures, terms_of

#: How many of each kind of work "for you" weighs (the newest).
FOR_YOU_POOL = 200
HOURS_PER_WEEK_TO_MONTH = 4.3


def _themes(tags: Any) -> list[str]:
    return sorted({t.value for t in tags if t.kind == "theme"})


def _terms_cached(rows: list[tuple[str, Any, str]]) -> dict[str, dict[str, tuple[int, str]]]:
    """``(cache key, updated_at, text)`` → terms of each text, analysed only when not cached."""
    keys = {
        f"matching:terms:{key}:{updated.timestamp() if updated else 0}": (key, text)
        for key, updated, text in rows
    }
    found = cache.get_many(list(keys))
    result: dict[str, dict[str, tuple[int, str]]] = {}
    missing: dict[str, Any] = {}
    for cache_key, (key, text) in keys.items():
        if cache_key in found:
            result[key] = found[cache_key]
        else:
            result[key] = terms_of(text)
            missing[cache_key] = result[key]
    if missing:
        cache.set_many(missing, timeout=60 * 60 * 24 * 7)
    return result


def _project_place(project: Any) -> tuple[str, str]:
    places = list(project.municipalities.all())
    if not places:
        return "", ""
    return places[0].code, places[0].full_name


def need_features(need: Any) -> WorkFeatures:
    project = need.project
    code, name = _project_place(project)
    return WorkFeatures(
        kind="need",
        pk=need.pk,
        title=need.title,
        url=reverse("matching:need", args=[need.pk]),
        skill_keys=sorted({s.skill for s in need.skill_list}),
        theme_keys=_themes(project.tags.all()),
        municipality_code=code,
        municipality_name=name,
        hours_per_month=need.hours_per_month,
        work_style=need.work_style,
        label=str(need.get_kind_display()),
        context=project.title,
        project_id=project.pk,
    )


def mission_features(mission: Any) -> WorkFeatures:
    project = mission.project
    hours = mission.hours_per_week
    return WorkFeatures(
        kind="mission",
        pk=mission.pk,
        title=mission.title,
        url=reverse("missions:detail", args=[mission.pk]),
        skill_keys=sorted({s.skill for s in mission.skills.all()}),
        theme_keys=_themes(project.tags.all()) if project is not None else [],
        municipality_code=mission.municipality_id or "",
        municipality_name=mission.municipality.full_name if mission.municipality_id else "",
        hours_per_month=round(hours * HOURS_PER_WEEK_TO_MONTH) if hours else None,
        work_style=mission.work_style,
        label=str(mission.get_kind_display()),
        context=str(mission.owner),
        project_id=mission.project_id,
    )


def issue_features(issue: Any) -> WorkFeatures:
    return WorkFeatures(
        kind="issue",
        pk=issue.pk,
        title=issue.title,
        url=reverse("issues:detail", args=[issue.pk]),
        theme_keys=_themes(issue.tags.all()),
        municipality_code=issue.municipality_id or "",
        municipality_name=issue.municipality.full_name if issue.municipality_id else "",
    )


def need_text(need: Any) -> str:
    return f"{need.title}\n{need.description}\n{need.project.title}"


def mission_text(mission: Any) -> str:
    return "\n".join([mission.title, mission.background, mission.tasks, mission.deliverables])


def issue_text(issue: Any) -> str:
    return f"{issue.title}\n{issue.body}"


# --- Reads --------------------------------------------------------------------------------

_PLACE = ("municipality__prefecture", "municipality__parent")


def _needs() -> Any:
    from kyoso.projects.selectors_work import open_needs

    return open_needs().prefetch_related(
        "project__tags", "project__municipalities__prefecture", "project__municipalities__parent"
    )


def _missions() -> Any:
    from kyoso.missions.selectors import listed_missions

    return (
        listed_missions()
        .select_related("project", "organization", *_PLACE)
        .prefetch_related("skills", "project__tags")
        .order_by("-published_at", "-id")
    )


def _issues(viewer: Any) -> Any:
    from kyoso.issues.selectors import listed_issues

    return (
        listed_issues(viewer)
        .select_related(*_PLACE)
        .prefetch_related("tags")
        .order_by("-created_at", "-id")
    )


def open_need(pk: int) -> Any | None:
    """An open need of a visible project, or None."""
    return _needs().filter(pk=pk).first()


def open_mission(pk: int) -> Any | None:
    """A mission taking applications, or None."""
    return _missions().filter(pk=pk).first()


def listed_issue(pk: int, viewer: Any) -> Any | None:
    """An issue listed to the viewer, or None."""
    return _issues(viewer).filter(pk=pk).first()


def work_pool(viewer: Any) -> list[tuple[WorkFeatures, dict[str, tuple[int, str]]]]:
    """The newest open needs, missions taking applications and listed issues the viewer may
    see, each with its terms (needs 4 queries, missions 3, issues 2, plus the cache)."""
    needs = list(_needs()[:FOR_YOU_POOL])
    missions = list(_missions()[:FOR_YOU_POOL])
    pool = _issues(viewer)
    if getattr(viewer, "is_authenticated", False):
        pool = pool.exclude(author_id=viewer.pk)  # one's own issue is no suggestion
    issues = list(pool[:FOR_YOU_POOL])
    works = (
        [(need_features(n), n.updated_at, need_text(n)) for n in needs]
        + [(mission_features(m), m.updated_at, mission_text(m)) for m in missions]
        + [(issue_features(i), i.updated_at, issue_text(i)) for i in issues]
    )
    terms = _terms_cached([(w.ref, updated, text) for w, updated, text in works])
    return [(w, terms[w.ref]) for w, _updated, _text in works]


def subject_for(ref: str, viewer: Any) -> tuple[WorkFeatures, str] | None:
    """A need, mission or issue (``need:12``) with its text, if it is open and visible."""
    kind, _sep, raw = ref.partition(":")
    if not raw.isdigit():
        return None
    pk = int(raw)
    if kind == "need":
        need = open_need(pk)
        return (need_features(need), need_text(need)) if need else None
    if kind == "mission":
        mission = open_mission(pk)
        return (mission_features(mission), mission_text(mission)) if mission else None
    if kind == "issue":
        issue = listed_issue(pk, viewer)
        return (issue_features(issue), issue_text(issue)) if issue else None
    return None
