"""Reading people: what a given viewer may see of someone's profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from kyoso.accounts.models import Offer, Profile, Sector, User
from kyoso.accounts.rules import can_see_field
from kyoso.core.skills import Skill
from kyoso.issues.vocab import Theme


@dataclass(frozen=True)
class VisibleProfile:
    full_name: str | None
    full_name_kana: str | None
    bio: str | None
    skills: list[str] | None
    themes: list[str] | None
    sectors: list[str] | None
    municipality: Any
    availability: list[str] | None
    contact: str | None
    avatar_url: str | None


def _availability(profile: Profile) -> list[str]:
    labels = []
    if profile.available_side_job:
        labels.append(str(Profile._meta.get_field("available_side_job").verbose_name))
    if profile.available_volunteer:
        labels.append(str(Profile._meta.get_field("available_volunteer").verbose_name))
    if profile.available_advice:
        labels.append(str(Profile._meta.get_field("available_advice").verbose_name))
    offer_labels = dict(Offer.choices)
    labels.extend(str(offer_labels[o]) for o in profile.offers if o in offer_labels)
    if profile.hours_per_month:
        labels.append(gettext("月に%(hours)s時間ほど") % {"hours": profile.hours_per_month})
    return labels


def _with_keys(free: list[str], keys: list[str], choices: list) -> list[str]:
    """The free-text entries, then the labels of the onboarding's vocabulary keys."""
    labels = dict(choices)
    return [*free, *(str(labels[k]) for k in keys if k in labels and str(labels[k]) not in free)]


def profile_for_viewer(*, viewer: Any, person: User) -> VisibleProfile:
    """Only the fields ``viewer`` may see; the others are None."""
    profile = (
        Profile.objects.select_related("municipality__prefecture", "municipality__parent")
        .filter(user=person)
        .first()
    ) or Profile(user=person)

    def show(field: str) -> bool:
        return can_see_field(viewer, profile, field)

    sector_labels = dict(Sector.choices)
    return VisibleProfile(
        full_name=person.full_name if show("full_name") else None,
        full_name_kana=person.full_name_kana if show("full_name") else None,
        bio=profile.bio if show("bio") else None,
        skills=_with_keys(profile.skills, profile.skill_keys, Skill.choices)
        if show("skills")
        else None,
        themes=_with_keys(profile.themes, profile.theme_keys, Theme.choices)
        if show("themes")
        else None,
        sectors=[str(sector_labels.get(s, s)) for s in profile.sectors]
        if show("sectors")
        else None,
        municipality=profile.municipality if show("municipality") else None,
        availability=_availability(profile) if show("availability") else None,
        contact=profile.get_contact_preference_display() if show("contact") else None,
        avatar_url=profile.avatar.url if profile.avatar else None,
    )


def own_profile(user: User) -> Profile:
    """The person's own profile with its place (municipality, its prefecture and parent)."""
    profile = (
        Profile.objects.select_related("municipality__prefecture", "municipality__parent")
        .filter(user=user)
        .first()
    )
    return profile or Profile.objects.create(user=user)


def sector_rows() -> Any:
    """``(user_id, sectors)`` of every profile that names a sector (the network's colours)."""
    return Profile.objects.exclude(sectors=[]).values_list("user_id", "sectors")


def display_names(user_ids: Any) -> dict[int, str]:
    """Public display names by id (for people who chose to be named in the network picture)."""
    return dict(User.objects.filter(pk__in=list(user_ids)).values_list("pk", "display_name"))


def profiles_for_matching(user_ids: list[int]) -> list[Profile]:
    """The profiles of these people with their user and place (one query), for the matching
    app's precomputed features; the caller reads visibility with ``Profile.visibility_of``."""
    return list(
        Profile.objects.filter(user_id__in=user_ids).select_related(
            "user", "municipality__prefecture", "municipality__parent"
        )
    )


def all_profile_user_ids() -> list[int]:
    """Ids of everyone with a profile, in id order (the matching app's rebuild)."""
    return list(Profile.objects.order_by("user_id").values_list("user_id", flat=True))


def sector_labels() -> dict[str, Any]:
    """The profile's sectors as ``{value: label}`` (lazy translations), for other apps."""
    return dict(Sector.choices)
