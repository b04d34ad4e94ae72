"""A schedule cuts time into slots: a job is due once per slot, at local (Tokyo) time."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyoso.core.schedule import Daily, Every, Weekly, register_job

TOKYO = ZoneInfo("Asia/Tokyo")


def tokyo(*args: int) -> datetime:
    return datetime(*args, tzinfo=TOKYO)


def test_every_counts_from_local_midnight():
    assert Every(15).slot(tokyo(2026, 12, 6, 7, 44, 59)) == tokyo(2026, 12, 6, 7, 30)
    assert Every(15).slot(tokyo(2026, 12, 6, 7, 45)) == tokyo(2026, 12, 6, 7, 45)
    # 22:44 UTC is 07:44 the next day in Tokyo.
    assert Every(60).slot(datetime(2026, 12, 5, 22, 44, tzinfo=UTC)) == tokyo(2026, 12, 6, 7, 0)


def test_daily_is_today_once_the_time_has_come_and_yesterday_before():
    assert Daily(7).slot(tokyo(2026, 12, 6, 6, 59)) == tokyo(2026, 12, 5, 7, 0)
    assert Daily(7).slot(tokyo(2026, 12, 6, 7, 0)) == tokyo(2026, 12, 6, 7, 0)
    assert Daily(3, 30).slot(tokyo(2026, 12, 6, 23, 0)) == tokyo(2026, 12, 6, 3, 30)


def test_weekly_goes_back_to_the_last_such_weekday():
    sunday = tokyo(2026, 12, 6, 12, 0)
    assert Weekly(0, 7).slot(sunday) == tokyo(2026, 11, 30, 7, 0)  # Monday
    monday_early = tokyo(2026, 12, 7, 6, 0)
    assert Weekly(0, 7).slot(monday_early) == tokyo(2026, 11, 30, 7, 0)
    assert Weekly(0, 7).slot(tokyo(2026, 12, 7, 7, 0)) == tokyo(2026, 12, 7, 7, 0)


SCHEDULES = st.one_of(
    st.sampled_from([1, 5, 10, 15, 30, 60, 120, 1440]).map(Every),
    st.builds(Daily, st.integers(0, 23), st.integers(0, 59)),
    st.builds(Weekly, st.integers(0, 6), st.integers(0, 23), st.integers(0, 59)),
)
MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@given(schedule=SCHEDULES, now=MOMENTS)
def test_now_falls_in_its_slot_and_every_moment_of_a_slot_names_it(schedule, now):
    slot = schedule.slot(now)
    assert slot <= now < slot + schedule.period
    assert schedule.slot(slot) == slot
    assert schedule.slot(slot + schedule.period - timedelta(microseconds=1)) == slot
    assert schedule.slot(slot + schedule.period) == slot + schedule.period


@pytest.mark.parametrize(
    "make",
    [
        lambda: Every(7),
        lambda: Every(0),
        lambda: Daily(24),
        lambda: Daily(7, 60),
        lambda: Weekly(7, 1),
    ],
)
def test_impossible_schedules_are_refused(make):
    with pytest.raises(ValueError):
        make()


def test_a_job_name_means_one_job(monkeypatch):
    from kyoso.core import schedule

    monkeypatch.setattr(schedule, "_JOBS", {})
    register_job("core.a", command="check", when=Every(5))
    register_job("core.a", command="check", when=Every(5))  # the same again: fine
    with pytest.raises(ValueError, match="already registered"):
        register_job("core.a", command="check", when=Every(10))
