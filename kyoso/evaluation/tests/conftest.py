"""Fixtures of the evaluation tests.

- 佐藤 (``sato``) the secretariat; 鈴木 (``suzuki``) a citizen; 高橋 (``takahashi``) no part
- ``fy2021``: FY2021 (令和3年度) sessions: a regular meeting counted at the door (10), a study
  session with a guest, two people checked in and three counted (5), plus a draft, a
  cancelled session and one of FY2022 that never count — 2 events, のべ15, 2 people
- ``published``: the FY2021 report published by 佐藤
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from kyoso.events.models import EventKind, EventStatus
from kyoso.events.tests.builders import EventBuilder, RegistrationBuilder, tokyo
from kyoso.events.tests.factories import GuestFactory


@pytest.fixture
def fy2021(db):
    regular = EventBuilder(
        title="オンライン情報交換会 第1回定例会",
        status=EventStatus.PUBLISHED,
        starts_at=tokyo(2021, 4, 1, 19, 0),
        counted_attendance=10,
    )
    study = EventBuilder(
        title="オンライン情報交換会 第1回勉強会",
        kind=EventKind.STUDY,
        topic="若年女性への支援",
        status=EventStatus.PUBLISHED,
        starts_at=tokyo(2022, 3, 1, 19, 30),
        counted_attendance=3,
    )
    GuestFactory(event=study, name="森田みさ", affiliation="NPO法人ほっぷすてっぷ", title="理事")
    for _ in range(2):
        RegistrationBuilder(event=study, checked_in_at=timezone.now())
    RegistrationBuilder(event=study)  # registered, never came: not attendance
    EventBuilder(status=EventStatus.DRAFT, starts_at=tokyo(2021, 5, 1, 19, 0))
    EventBuilder(
        status=EventStatus.CANCELLED, starts_at=tokyo(2021, 6, 1, 19, 0), counted_attendance=4
    )
    EventBuilder(
        status=EventStatus.PUBLISHED, starts_at=tokyo(2022, 4, 1, 19, 0), counted_attendance=7
    )
    return [regular, study]


@pytest.fixture
def published(sato):
    from kyoso.evaluation.services import report_publish

    return report_publish(actor=sato, fiscal_year=2021)
