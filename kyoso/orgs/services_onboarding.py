"""An organization's short onboarding, right after it is created: what it does, where, and
what it can offer. Each step saves only its fields and can be skipped; the last one marks
the organization onboarded."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from kyoso.orgs.models import Organization
from kyoso.orgs.services import _locked, _require

STEPS = ("does", "where", "offer")
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "does": ("theme_keys", "description"),
    "where": ("municipality",),
    "offer": ("skill_keys", "offers"),
}


def next_step(step: str) -> str | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


@transaction.atomic
def organization_onboarding_answer(
    *,
    actor: Any,
    organization: Organization,
    step: str,
    data: dict[str, Any] | None,
    request: HttpRequest | None = None,
) -> Organization:
    """Save one step (``data=None`` skips it). Only the organization's managers may: the same
    rule as editing it, so it is not audited separately (as organization_update)."""
    if step not in STEPS:
        raise ValueError(f"Unknown onboarding step {step!r}")
    organization = _locked(organization)
    _require("orgs.change_organization", actor, organization)
    changed: list[str] = []
    if data is not None:
        for field in STEP_FIELDS[step]:
            setattr(organization, field, data.get(field))
            changed.append(field)
    if next_step(step) is None and organization.onboarded_at is None:
        organization.onboarded_at = timezone.now()
        changed.append("onboarded_at")
    if changed:
        organization.save(update_fields=changed)
    return organization
