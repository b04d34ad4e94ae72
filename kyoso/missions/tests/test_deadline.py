"""The deadline check runs when read: the list leaves a mission out the day after its deadline,
its page closes it, applying is refused — before any cron job ran — and ``close_missions``
closes the rest. Time is frozen (Japan's calendar: the deadline day itself is open)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from kyoso.missions import messages
from kyoso.missions.models import Application, Mission
from kyoso.missions.services import applications
from kyoso.missions.services.common import MissionError
from kyoso.missions.tests.factories import published

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
DEADLINE = date(2030, 3, 31)


@contextmanager
def frozen_clock(at: datetime):
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


@pytest.fixture
def due(project, lead):
    return published(project=project, deadline=DEADLINE, title="3月末締切のミッション")


def test_the_deadline_day_is_open_until_midnight_in_japan(client, due, suzuki):
    with frozen_clock(datetime(2030, 3, 31, 23, 59, tzinfo=TOKYO)):
        listed = client.get(reverse("missions:list")).context["page"].items
        applications.application_submit(
            actor=suzuki, mission=due, motivation="間に合いました", answers={}
        )
    assert listed == [due]
    assert Application.objects.count() == 1


def test_the_day_after_the_list_leaves_it_out(client, due):
    with frozen_clock(datetime(2030, 4, 1, 0, 0, tzinfo=TOKYO)):
        page = client.get(reverse("missions:list"))
    assert page.context["page"].items == []
    due.refresh_from_db()
    assert due.status == "published"  # leaving out costs no write; the page or cron closes it


def test_the_page_closes_it_when_read(client, due):
    with frozen_clock(datetime(2030, 4, 1, 9, 0, tzinfo=TOKYO)):
        page = client.get(reverse("missions:detail", args=[due.pk])).content.decode()
    due.refresh_from_db()
    assert (due.status, due.closed_reason) == ("closed", "deadline")
    assert "このミッションの募集は終了しました。" in page


def test_applying_after_the_deadline_is_refused(client, due, suzuki):
    with frozen_clock(datetime(2030, 4, 2, 9, 0, tzinfo=TOKYO)):
        with pytest.raises(MissionError) as refused:
            applications.application_submit(
                actor=suzuki, mission=due, motivation="遅れました", answers={}
            )
        client.force_login(suzuki)
        page = client.post(reverse("missions:apply", args=[due.pk]), {"motivation": "遅れました"})
    expected = messages.DEADLINE_PASSED % {"deadline": "2030年3月31日"}
    assert refused.value.message == expected
    assert page.status_code == 409 and str(expected) in page.content.decode()
    assert not Application.objects.exists()


def test_close_missions_closes_what_is_past(due, mission):
    with frozen_clock(datetime(2030, 4, 1, 9, 0, tzinfo=TOKYO)):
        call_command("close_missions", stdout=mock.MagicMock())
    assert dict(Mission.objects.values_list("pk", "closed_reason")) == {
        due.pk: "deadline",
        mission.pk: "deadline",  # its deadline (two weeks from today) is long past in 2030
    }


def test_close_missions_leaves_open_ones(due):
    with frozen_clock(datetime(2030, 3, 31, 12, 0, tzinfo=TOKYO)):
        call_command("close_missions", stdout=mock.MagicMock())
    due.refresh_from_db()
    assert due.status == "published"
