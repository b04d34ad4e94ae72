"""Time-based jobs, declared next to their app and run on schedule by Kyoso's own worker.

Each app declares its jobs in ``AppConfig.ready()``::

    from kyoso.core.schedule import Daily, register_job

    register_job("search.optimize_index", command="optimize_search_index", when=Daily(3, 30))

A job is a management command with fixed arguments, so anything the worker runs can also be run
by hand or from cron (docs/operations.md). Times are local (``settings.TIME_ZONE``, Asia/Tokyo).
A schedule cuts time into *slots*: the job is due once per slot, and ``kyoso.scheduler`` claims
each (job, slot) with a unique row before running it, so two workers never both run it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from django.conf import settings

MINUTES_PER_DAY = 24 * 60


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class Schedule(Protocol):
    def slot(self, now: datetime) -> datetime:
        """The start of the slot ``now`` falls in (aware, local time): ``slot <= now``."""
        ...

    @property
    def period(self) -> timedelta: ...


def _midnight(local: datetime) -> datetime:
    return datetime.combine(local.date(), time(), tzinfo=local.tzinfo)


@dataclass(frozen=True)
class Every:
    """Every ``minutes`` minutes, counted from local midnight (so ``Every(15)`` is :00, :15, …)."""

    minutes: int

    def __post_init__(self) -> None:
        if not 1 <= self.minutes <= MINUTES_PER_DAY or MINUTES_PER_DAY % self.minutes:
            raise ValueError(f"Every({self.minutes}): minutes must divide a day (1440).")

    @property
    def period(self) -> timedelta:
        return timedelta(minutes=self.minutes)

    def slot(self, now: datetime) -> datetime:
        local = now.astimezone(local_zone())
        minutes = local.hour * 60 + local.minute
        return _midnight(local) + timedelta(minutes=minutes - minutes % self.minutes)


@dataclass(frozen=True)
class Daily:
    """Once a day at ``hour:minute`` local time."""

    hour: int
    minute: int = 0

    def __post_init__(self) -> None:
        time(self.hour, self.minute)  # raises ValueError for an impossible time

    @property
    def period(self) -> timedelta:
        return timedelta(days=1)

    def slot(self, now: datetime) -> datetime:
        local = now.astimezone(local_zone())
        today = _midnight(local) + timedelta(hours=self.hour, minutes=self.minute)
        return today if today <= local else today - timedelta(days=1)


@dataclass(frozen=True)
class Weekly:
    """Once a week on ``weekday`` (0 = Monday) at ``hour:minute`` local time."""

    weekday: int
    hour: int
    minute: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"Weekly: weekday {self.weekday} is not 0 (Monday) to 6 (Sunday).")
        time(self.hour, self.minute)

    @property
    def period(self) -> timedelta:
        return timedelta(weeks=1)

    def slot(self, now: datetime) -> datetime:
        local = now.astimezone(local_zone())
        days_back = (local.weekday() - self.weekday) % 7
        start = _midnight(local) - timedelta(days=days_back)
        start += timedelta(hours=self.hour, minutes=self.minute)
        return start if start <= local else start - timedelta(weeks=1)


@dataclass(frozen=True)
class Job:
    #: Unique, ``<app>.<what>``; the claim rows are keyed by it (at most 80 characters).
    name: str
    #: A management command and its arguments, as one would type them.
    command: str
    when: Schedule
    args: tuple[str, ...] = field(default=())
    description: str = ""


_JOBS: dict[str, Job] = {}


def register_job(
    name: str,
    *,
    command: str,
    when: Schedule,
    args: tuple[str, ...] = (),
    description: str = "",
) -> Job:
    """Declare a job; declaring the same job again is a no-op, another one with its name a bug."""
    if len(name) > 80:
        raise ValueError(f"Job name {name!r} is longer than 80 characters.")
    job = Job(name=name, command=command, when=when, args=tuple(args), description=description)
    known = _JOBS.get(name)
    if known is not None and known != job:
        raise ValueError(f"Job {name!r} is already registered as {known!r}.")
    _JOBS[name] = job
    return job


def jobs() -> list[Job]:
    return sorted(_JOBS.values(), key=lambda job: job.name)
