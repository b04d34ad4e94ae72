"""What the missions app plugs into core: rules, audit actions, navigation, search, personal
data. Each part is registered by the module that owns it; this file only calls them."""

from __future__ import annotations

from typing import Any


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.audit.registry import register_actions
    from kyoso.core import navigation
    from kyoso.core import personal_data as core_personal_data
    from kyoso.missions import audit, personal_data, rules

    rules.register()
    register_actions(audit.ACTIONS)
    navigation.register(_("ミッション"), "missions:list", 37)
    register_search()
    core_personal_data.register("missions", export=personal_data.export, erase=personal_data.erase)
    register_notification_types()
    from kyoso.missions import home

    home.register()


# --- Search ----------------------------------------------------------------------------------


def search_document(mission: Any) -> Any:
    """Published missions only: the sentence, kind, owner, background, tasks, deliverables,
    skills and region. Drafts and closed missions have no document."""
    from kyoso.core.skills import Skill
    from kyoso.missions.models import MissionStatus
    from kyoso.search.registry import Document

    if mission.status != MissionStatus.PUBLISHED:
        return None
    words = [
        str(mission.get_kind_display()),
        str(mission.owner),
        mission.background,
        mission.tasks,
        mission.deliverables,
        *(str(Skill(s.skill).label) for s in mission.skills.all() if s.skill in Skill.values),
    ]
    if mission.municipality_id is not None:
        words.append(mission.municipality.full_name)
    return Document(title=mission.title, body="\n".join(w for w in words if w))


def mission_url(mission: Any) -> str:
    from django.urls import reverse

    return reverse("missions:detail", args=[mission.pk])


def visible_missions(viewer: Any) -> Any:
    """Everyone sees the missions taking applications (published, deadline not passed)."""
    from kyoso.missions.selectors import listed_missions

    return listed_missions()


def search_queryset() -> Any:
    from kyoso.missions.models import Mission

    return Mission.objects.select_related(
        "project", "organization", "municipality__prefecture", "municipality__parent"
    ).prefetch_related("skills")


def register_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.missions.models import Mission
    from kyoso.search import registry as search_registry

    search_registry.register(
        "missions",
        label=_("ミッション"),
        model=Mission,
        document=search_document,
        visible=visible_missions,
        url=mission_url,
        order=37,
        queryset=search_queryset,
    )


# --- Notification types (the rows of the notification settings) --------------------------


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "missions.applications",
        _("ミッションの応募"),
        kinds=["missions.application", "missions.status", "missions.message"],
        order=50,
    )
