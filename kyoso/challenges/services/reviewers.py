"""The poster's managers choose the reviewers of the challenge's screening round (by email),
and whether each may decide. The round's own rules keep a reviewer from scoring a proposal of
their own organization."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from kyoso.challenges import messages, screening_link
from kyoso.challenges.models import Challenge
from kyoso.challenges.services.common import ChallengeError, require


def _user_by_email(email: str) -> Any:
    email = (email or "").strip()
    user = (
        get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if email
        else None
    )
    if user is None:
        raise ChallengeError(messages.REVIEWER_NOT_FOUND, "user_not_found")
    return user


def reviewer_add(
    *,
    actor: Any,
    challenge: Challenge,
    email: str,
    may_decide: bool = False,
    request: HttpRequest | None = None,
) -> Any:
    require("challenges.manage_reviewers", actor, challenge)
    if screening_link.screening_round(challenge) is None:
        raise ChallengeError(messages.NO_ROUND, "no_round")
    user = _user_by_email(email)
    screening_link.reviewer_add(
        actor=actor, challenge=challenge, user=user, may_decide=may_decide, request=request
    )
    return user


def reviewer_remove(
    *, actor: Any, challenge: Challenge, user_id: int, request: HttpRequest | None = None
) -> None:
    require("challenges.manage_reviewers", actor, challenge)
    if screening_link.screening_round(challenge) is None:
        raise ChallengeError(messages.NO_ROUND, "no_round")
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise ChallengeError(messages.REVIEWER_NOT_FOUND, "user_not_found")
    screening_link.reviewer_remove(actor=actor, challenge=challenge, user=user, request=request)
