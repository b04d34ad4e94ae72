"""What the network app plugs into core: rules, audit actions, navigation, personal data,
notification types and the tie sources of the apps already there."""

from __future__ import annotations

from datetime import date
from typing import Any


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.audit.registry import register_actions
    from kyoso.core import navigation
    from kyoso.core import personal_data as core_personal_data
    from kyoso.network import audit, home, personal_data, rules
    from kyoso.notifications.types import register_type

    rules.register()
    home.register()
    register_actions(audit.ACTIONS)
    navigation.register(_("紹介と相談"), "introductions:list", 60)
    core_personal_data.register("network", export=personal_data.export, erase=personal_data.erase)
    register_type(
        "network.introductions", _("紹介の依頼"), kinds=["network.introduction"], order=60
    )
    register_type("network.advice", _("アドバイザーへの相談"), kinds=["network.advice"], order=61)
    register_tie_sources()


# --- Tie sources of the apps already there (each read through that app's selectors) --------


def _event_ties(start: date, end: date) -> Any:
    from kyoso.events.selectors import attendee_rows
    from kyoso.network.ties import pairs_from_groups

    # Everyone at an event meets on the event's day: the rows' dates are all in range.
    return pairs_from_groups(attendee_rows(start, end).iterator(chunk_size=5000), start, end)


def _community_ties(start: date, end: date) -> Any:
    from kyoso.communities.selectors import member_rows
    from kyoso.network.ties import pairs_from_groups

    return pairs_from_groups(member_rows().iterator(chunk_size=5000), start, end)


def _project_ties(start: date, end: date) -> Any:
    from kyoso.network.ties import pairs_from_groups
    from kyoso.projects.selectors import member_rows

    return pairs_from_groups(member_rows().iterator(chunk_size=5000), start, end)


def _mission_ties(start: date, end: date) -> Any:
    from kyoso.missions.selectors import accepted_pairs

    return accepted_pairs().iterator(chunk_size=5000)


def _introduction_ties(start: date, end: date) -> Any:
    from kyoso.network.models import Introduction, IntroductionStatus

    return (
        Introduction.objects.filter(status=IntroductionStatus.ACCEPTED, to_user__isnull=False)
        .values_list("requester_id", "to_user_id", "decided_at")
        .iterator(chunk_size=5000)
    )


def register_tie_sources() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.network.ties import register_tie_source

    register_tie_source("event", _event_ties, label=_("イベントへの同時参加"))
    register_tie_source("community", _community_ties, label=_("同じコミュニティ"))
    register_tie_source("project", _project_ties, label=_("同じプロジェクト"))
    register_tie_source("introduction", _introduction_ties, label=_("成立した紹介"))
    register_tie_source("mission", _mission_ties, label=_("ミッションの受け入れ"))
