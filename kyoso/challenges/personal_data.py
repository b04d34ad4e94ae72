"""What the challenges app holds about one person: export and erasure.

Proposals belong to their organization and stay; the person's questions, follows and name on
what they submitted are theirs."""

from __future__ import annotations

from typing import Any

from kyoso.challenges.models import Challenge, Follow, Proposal, Question


def export(user: Any) -> dict[str, Any]:
    return {
        "questions": [
            {"challenge": q.challenge_id, "question": q.text, "created_at": q.created_at}
            for q in Question.objects.filter(asker_id=user.pk).order_by("created_at", "id")
        ],
        "answers": [
            {"challenge": q.challenge_id, "answer": q.answer, "answered_at": q.answered_at}
            for q in Question.objects.filter(answered_by_id=user.pk).order_by("created_at", "id")
        ],
        "follows": list(
            Follow.objects.filter(user_id=user.pk)
            .order_by("id")
            .values_list("challenge_id", flat=True)
        ),
        "proposals_submitted": [
            {
                "id": p.pk,
                "challenge": p.challenge_id,
                "organization": p.organization_id,
                "created_at": p.created_at,
            }
            for p in Proposal.objects.filter(submitted_by_id=user.pk).order_by("created_at", "id")
        ],
        "challenges_created": [
            {"id": c.pk, "title": c.title, "status": c.status, "created_at": c.created_at}
            for c in Challenge.objects.filter(created_by_id=user.pk).order_by("created_at", "id")
        ],
    }


def erase(user: Any) -> None:
    """Questions stay public (the asker was never shown) with the link to the person cut;
    follows go; the person's name leaves what they submitted or created."""
    Question.objects.filter(asker_id=user.pk).update(asker=None)
    Question.objects.filter(answered_by_id=user.pk).update(answered_by=None)
    Follow.objects.filter(user_id=user.pk).delete()
    Proposal.objects.filter(submitted_by_id=user.pk).update(submitted_by=None)
    Challenge.objects.filter(created_by_id=user.pk).update(created_by=None)
