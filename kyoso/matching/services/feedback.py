"""Writes of people: feedback on a suggestion, and the choice to be suggested or not."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from kyoso.audit.services import audit_record
from kyoso.matching import audit
from kyoso.matching.models import Feedback, MatchingPreference, SubjectKind, Verdict
from kyoso.matching.services.profiles import match_profiles_refresh


class FeedbackRefused(ValueError):
    """Feedback that names something unknown (the message is a messages.py constant)."""


@transaction.atomic
def feedback_record(
    *,
    actor: Any,
    subject_kind: str,
    subject_id: int,
    candidate_kind: str,
    candidate_id: int,
    verdict: str,
) -> Feedback:
    """Store (or change) the actor's answer to one suggestion. Not audited: it is the person's
    own reading list, like a bookmark, and it is in their data download."""
    from kyoso.matching import messages

    if verdict not in Verdict.values:
        raise FeedbackRefused(messages.FEEDBACK_VERDICT_UNKNOWN)
    if subject_kind not in SubjectKind.values or candidate_kind not in SubjectKind.values:
        raise FeedbackRefused(messages.FEEDBACK_TARGET_UNKNOWN)
    row, _created = Feedback.objects.update_or_create(
        viewer_id=actor.pk,
        subject_kind=subject_kind,
        subject_id=subject_id,
        candidate_kind=candidate_kind,
        candidate_id=candidate_id,
        defaults={"verdict": verdict},
    )
    return row


@transaction.atomic
def matching_preference_set(
    *, actor: Any, suggest_me: bool, request: HttpRequest | None = None
) -> MatchingPreference:
    """Opt in or out of being suggested; the features and postings follow at once (an
    opted-out person has no postings, so no ranking can find them)."""
    preference, _created = MatchingPreference.objects.select_for_update().get_or_create(
        user_id=actor.pk
    )
    if preference.suggest_me != suggest_me:
        preference.suggest_me = suggest_me
        preference.save(update_fields=["suggest_me", "updated_at"])
        audit_record(
            actor=actor,
            action=audit.PREFERENCE_CHANGED,
            target=actor,
            data={"suggest_me": suggest_me},
            request=request,
        )
    match_profiles_refresh([actor.pk])
    return preference
