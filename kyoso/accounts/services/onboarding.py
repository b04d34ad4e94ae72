"""The three onboarding steps after sign-up: where, what you care about, what you can offer.

Each step saves only its own fields, and each may be skipped; finishing (or skipping the last
step) marks the profile as onboarded so that the steps are not offered again.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from kyoso.accounts.hooks import profile_changed
from kyoso.accounts.models import Profile, User
from kyoso.accounts.services.profile import profile_of

STEPS = ("place", "themes", "offer")
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "place": ("municipality",),
    "themes": ("theme_keys",),
    "offer": ("skill_keys", "hours_per_month", "offers"),
}


def next_step(step: str) -> str | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


@transaction.atomic
def profile_onboarding_answer(*, actor: User, step: str, data: dict[str, Any] | None) -> Profile:
    """Save one step's answers (``data=None`` skips it); the last step finishes onboarding.

    Not audited: a person filling in their own profile, as on the profile page.
    """
    if step not in STEPS:
        raise ValueError(f"Unknown onboarding step {step!r}")
    profile = profile_of(actor)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    changed: list[str] = []
    if data is not None:
        for field in STEP_FIELDS[step]:
            setattr(profile, field, data.get(field))
            changed.append(field)
    if next_step(step) is None and profile.onboarded_at is None:
        profile.onboarded_at = timezone.now()
        changed.append("onboarded_at")
    if changed:
        profile.save(update_fields=[*changed, "updated_at"])
        profile_changed(actor.pk)
    return profile
