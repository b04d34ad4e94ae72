"""What the matching app holds about one person: export and erasure."""

from __future__ import annotations

from typing import Any

from kyoso.matching.models import Feedback, MatchingPreference
from kyoso.matching.services.profiles import forget


def export(user: Any) -> dict[str, Any]:
    preference = MatchingPreference.objects.filter(user_id=user.pk).first()
    return {
        "suggest_me": preference.suggest_me if preference else True,
        "feedback": [
            {
                "subject": f"{f.subject_kind}:{f.subject_id}",
                "suggestion": f"{f.candidate_kind}:{f.candidate_id}",
                "verdict": f.verdict,
                "at": f.at,
            }
            for f in Feedback.objects.filter(viewer_id=user.pk).order_by("at", "id")
        ],
    }


def erase(user: Any) -> None:
    forget([user.pk])
    Feedback.objects.filter(viewer_id=user.pk).delete()
    Feedback.objects.filter(candidate_kind="user", candidate_id=user.pk).delete()
    MatchingPreference.objects.filter(user_id=user.pk).delete()
