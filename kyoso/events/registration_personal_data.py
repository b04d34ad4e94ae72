"""A person's event registrations (with their answers) in the data download and on account
deletion (registered from :mod:`kyoso.events.registry`).

On deletion:

- the answers they gave to the organizers' questions are removed (free text about a person);
- a live registration for an event that has not started is cancelled through the registration
  service, so the seat goes to the first person waiting (who is told, as usual);
- every other registration is **kept**, still pointing at the account row, which the accounts
  app empties (name, email, password) and shows as 「退会したユーザー」. Who registered and who
  came is the basis of the participation and conversion figures (のべ人数, distinct
  participants), so removing the rows would silently change published figures of past events;
  kept this way they hold nothing that names the person.
"""

from __future__ import annotations

from typing import Any

SECTION = "event_registrations"


def export_personal_data(user: Any) -> list[dict[str, Any]]:
    from django.db.models import Prefetch

    from kyoso.events.models import Answer, Registration

    registrations = (
        Registration.objects.filter(user_id=user.pk)
        .select_related("event")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("question").order_by(
                    "question__position", "question_id"
                ),
            )
        )
        .order_by("created_at", "id")
    )
    return [
        {
            "event": registration.event_id,
            "event_title": registration.event.title,
            "event_starts_at": registration.event.starts_at,
            "status": registration.status,
            "attendance": registration.attendance,
            "registered_at": registration.created_at,
            "confirmed_at": registration.confirmed_at,
            "cancelled_at": registration.cancelled_at,
            "checked_in_at": registration.checked_in_at,
            "answers": [
                {"question": answer.question.text, "answer": answer.text}
                for answer in registration.answers.all()
            ],
        }
        for registration in registrations
    ]


def erase_personal_data(user: Any) -> None:
    """Remove the person's answers, give up their seats at events still to come, keep the rest
    (anonymous once the account is emptied; see the module docstring)."""
    from django.utils import timezone

    from kyoso.events.models import Answer, Registration, RegistrationStatus
    from kyoso.events.services.registration import registration_cancel

    Answer.objects.filter(registration__user_id=user.pk).delete()
    upcoming = (
        Registration.objects.filter(
            user_id=user.pk,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
            event__starts_at__gt=timezone.now(),
        )
        .select_related("event")
        .order_by("id")
    )
    for registration in upcoming:
        registration_cancel(actor=user, registration=registration)


INVITATIONS_SECTION = "event_invitations"


def export_invitations(user: Any) -> list[dict[str, Any]]:
    """The events the person was invited to, with why and when (one query)."""
    from kyoso.events.models import Invitation

    rows = (
        Invitation.objects.filter(user_id=user.pk)
        .select_related("event")
        .order_by("created_at", "id")
    )
    return [
        {
            "event": row.event_id,
            "event_title": row.event.title,
            "reason": row.reason,
            "invited_at": row.created_at,
        }
        for row in rows
    ]


def erase_invitations(user: Any) -> None:
    """Invitations say only that someone was asked: they go with the account."""
    from kyoso.events.models import Invitation

    Invitation.objects.filter(user_id=user.pk).delete()


def register() -> None:
    from kyoso.core import personal_data

    personal_data.register(SECTION, export=export_personal_data, erase=erase_personal_data)
    personal_data.register(INVITATIONS_SECTION, export=export_invitations, erase=erase_invitations)
