"""What the missions app holds about one person: export and erasure."""

from __future__ import annotations

from typing import Any

from kyoso.missions.models import Application, ApplicationMessage, Mission


def export(user: Any) -> dict[str, Any]:
    applications = (
        Application.objects.filter(applicant_id=user.pk)
        .select_related("mission")
        .prefetch_related("answers", "status_changes")
        .order_by("created_at", "id")
    )
    written = (
        ApplicationMessage.objects.filter(author_id=user.pk)
        .select_related("application")
        .order_by("created_at", "id")
    )
    created = Mission.objects.filter(created_by_id=user.pk).order_by("created_at", "id")
    return {
        "applications": [
            {
                "mission": a.mission_id,
                "mission_title": a.mission.title,
                "status": a.status,
                "motivation": a.motivation,
                "created_at": a.created_at,
                "answers": [
                    {"question": answer.question_text, "answer": answer.text}
                    for answer in a.answers.all()
                ],
                "history": [
                    {"from": c.from_status, "to": c.to_status, "reason": c.reason, "at": c.at}
                    for c in a.status_changes.all()
                ],
            }
            for a in applications
        ],
        "messages": [
            {"application": m.application_id, "body": m.body, "created_at": m.created_at}
            for m in written
        ],
        "missions_created": [
            {
                "id": m.pk,
                "title": m.title,
                "kind": m.kind,
                "status": m.status,
                "created_at": m.created_at,
            }
            for m in created
        ],
    }


def erase(user: Any) -> None:
    """Remove the person's applications (answers, history and messages go with them), empty
    the messages they wrote as a host, and take their name off the missions they drafted or
    host (the missions stay: they belong to the project or organization)."""
    Application.objects.filter(applicant_id=user.pk).delete()
    ApplicationMessage.objects.filter(author_id=user.pk).update(body="", author=None)
    Mission.objects.filter(created_by_id=user.pk).update(created_by=None)
    Mission.objects.filter(host_id=user.pk).update(host=None)
