"""What the challenges app plugs into core: rules, audit actions, navigation, search, personal
data, notification types, home blocks and the screening subject. Each part is registered by
the module that owns it; this file only calls them."""

from __future__ import annotations

from typing import Any


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.audit.registry import register_actions
    from kyoso.challenges import audit, home, personal_data, rules
    from kyoso.core import navigation
    from kyoso.core import personal_data as core_personal_data

    rules.register()
    register_actions(audit.ACTIONS)
    navigation.register(_("チャレンジ"), "challenges:list", 38)
    register_search()
    core_personal_data.register(
        "challenges", export=personal_data.export, erase=personal_data.erase
    )
    register_notification_types()
    home.register()
    register_screening_subject()


# --- Search ----------------------------------------------------------------------------------


def search_document(challenge: Any) -> Any:
    """Listed challenges only: title, poster, problem, background, offer and place. Drafts
    have no document; proposals are never indexed."""
    from kyoso.search.registry import Document

    if not challenge.is_listed:
        return None
    words = [
        str(challenge.get_direction_display()),
        str(challenge.organization),
        challenge.problem,
        challenge.background,
        challenge.data_available,
        challenge.offer_place,
    ]
    if challenge.municipality_id is not None:
        words.append(challenge.municipality.full_name)
    return Document(title=challenge.title, body="\n".join(w for w in words if w))


def challenge_url(challenge: Any) -> str:
    from django.urls import reverse

    return reverse("challenges:detail", args=[challenge.pk])


def visible_challenges(viewer: Any) -> Any:
    from kyoso.challenges.selectors import listed_challenges

    return listed_challenges()


def search_queryset() -> Any:
    from kyoso.challenges.models import Challenge

    return Challenge.objects.select_related(
        "organization", "municipality__prefecture", "municipality__parent"
    )


def register_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.challenges.models import Challenge
    from kyoso.search import registry as search_registry

    search_registry.register(
        "challenges",
        label=_("チャレンジ"),
        model=Challenge,
        document=search_document,
        visible=visible_challenges,
        url=challenge_url,
        order=38,
        queryset=search_queryset,
    )


# --- Notification types ------------------------------------------------------------------------


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "challenges.answers",
        _("フォロー中のチャレンジの質問と回答"),
        kinds=["challenges.answer", "challenges.question"],
        order=52,
    )
    register_type(
        "challenges.proposals",
        _("チャレンジへの提案と採否"),
        kinds=["challenges.proposal", "challenges.decision"],
        order=53,
    )


# --- Screening -----------------------------------------------------------------------------------


def register_screening_subject() -> None:
    from kyoso.challenges import screening_link

    if not screening_link.available():
        return
    from kyoso.challenges.adapter import ProposalAdapter
    from kyoso.screening.subjects import register_subject

    register_subject(screening_link.SUBJECT_KIND, ProposalAdapter())
