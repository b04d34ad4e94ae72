"""Run the scheduled jobs that are due, each (job, slot) once across every worker."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from io import StringIO

from django.core.management import call_command
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from kyoso.core.schedule import Job, jobs
from kyoso.scheduler.models import JobRun

logger = logging.getLogger(__name__)

#: How much of a command's output a run keeps.
OUTPUT_KEPT = 4000


@dataclass(frozen=True)
class Ran:
    job: str
    slot: datetime
    succeeded: bool


def _claim(job: Job, slot: datetime, now: datetime) -> JobRun | None:
    """Insert the claim row; ``None`` when another worker (or an earlier pass) has it."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job.name, slot=slot, started_at=now)
    except IntegrityError:
        return None


def _run(job: Job, claim: JobRun) -> bool:
    out, err = StringIO(), StringIO()
    try:
        call_command(job.command, *job.args, stdout=out, stderr=err)
        succeeded = True
    except Exception as error:  # a failing job is recorded; the others still run
        logger.exception("Scheduled job %s (slot %s) failed", job.name, claim.slot)
        err.write(f"{type(error).__name__}: {error}")
        succeeded = False
    output = (out.getvalue() + err.getvalue())[-OUTPUT_KEPT:]
    JobRun.objects.filter(pk=claim.pk).update(
        finished_at=timezone.now(), succeeded=succeeded, output=output
    )
    return succeeded


def run_due(*, now: datetime | None = None) -> list[Ran]:
    """Run every job whose current slot has no run yet; return what this call ran.

    Only a job's latest slot is run: a worker that was down for three days runs a daily job
    once, not three times (each job reads its own window, as the digests do). A run whose
    worker died keeps its claim, unfinished; the job runs again at its next slot."""
    now = now or timezone.now()
    ran = []
    for job in jobs():
        slot = job.when.slot(now)
        claim = _claim(job, slot, now)
        if claim is None:
            continue
        ran.append(Ran(job=job.name, slot=slot, succeeded=_run(job, claim)))
    return ran


def run_forever(stop: threading.Event, *, interval: float = 30.0) -> None:
    """Run due jobs every ``interval`` seconds until ``stop`` is set (the worker's thread)."""
    while not stop.is_set():
        try:
            run_due()
        except Exception:  # the database may be restarting: try again next time
            logger.exception("The scheduler's pass failed; trying again in %s s", interval)
        finally:
            close_old_connections()
        stop.wait(interval)
