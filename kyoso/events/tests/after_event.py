"""Builders shared by the minutes, follow-up, conversion and idea-event tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any
from unittest import mock

from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.events.models import (
    Event,
    EventKind,
    IdeaRound,
    Minutes,
    MinutesVisibility,
    Registration,
    RegistrationStatus,
)
from kyoso.events.tests.builders import EventBuilder, RegistrationBuilder, tokyo


def organizer() -> Any:
    return UserFactory(email="tanaka@example.jp", display_name="田中（主催）")


def make_event(*, created_by: Any, **fields: Any) -> Event:
    fields.setdefault("title", "定例会：若者の居場所")
    return EventBuilder(created_by=created_by, **fields)


def attend(event: Event, user: Any, *, checked_in: bool = True) -> Registration:
    """A confirmed registration, checked in at the start when ``checked_in``."""
    return RegistrationBuilder(
        event=event,
        user=user,
        status=RegistrationStatus.CONFIRMED,
        confirmed_at=event.starts_at - timedelta(days=1),
        checked_in_at=event.starts_at if checked_in else None,
    )


def write_minutes(
    event: Event,
    *,
    published: bool = False,
    visibility: str = MinutesVisibility.MEMBERS,
    issues: tuple = (),
    body: str = "## 話し合ったこと\n\n- 放課後の居場所が足りない",
) -> Minutes:
    minutes = Minutes.objects.create(
        event=event,
        body=body,
        visibility=visibility,
        author=event.created_by,
        published_at=timezone.now() if published else None,
    )
    minutes.surfaced_issues.add(*issues)
    return minutes


def idea_event(*, created_by: Any, round: str = IdeaRound.PITCH) -> Event:
    return make_event(
        created_by=created_by,
        title="チーム庄内 アイデアソン",
        kind=EventKind.IDEA,
        idea_round=round,
        starts_at=tokyo(2021, 11, 20, 13, 0),
    )


@contextmanager
def frozen_clock(at: datetime) -> Iterator[None]:
    """Stop the clock at ``at`` (time-machine/freezegun are not installed): every
    ``timezone.now()``, ``auto_now`` and ``auto_now_add`` reads it."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield
