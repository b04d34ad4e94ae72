"""Background tasks survive a killed worker: heartbeats, and requeueing what a dead worker held.

django-tasks' database backend claims a task by setting it RUNNING with the worker's id; a
worker killed mid-task (``kill -9``, a lost host, the OOM killer) never finishes it, and
nothing in the backend ever looks at it again: the task would be lost. ``kyoso worker`` names
itself, and a thread writes its heartbeat (:class:`WorkerBeat`) every ``BEAT_EVERY`` seconds;
the scheduled job ``scheduler.requeue_orphaned_tasks`` (every minute) puts back to READY every
RUNNING task whose worker's beat is older than ``BEAT_LOST_AFTER`` — or, for a worker started
without heartbeats (plain ``manage.py db_worker``), that has been running longer than
``UNKNOWN_WORKER_AFTER``. A requeued task runs again from the start: tasks are written to be
idempotent (sending one mail twice is the worst case: at-least-once delivery).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import close_old_connections
from django.utils import timezone
from django.utils.crypto import get_random_string

from kyoso.scheduler.models import WorkerBeat

logger = logging.getLogger(__name__)

#: How often a living worker writes its heartbeat.
BEAT_EVERY = 10.0
#: A worker whose last beat is older than this is gone.
BEAT_LOST_AFTER = timedelta(seconds=60)
#: A task held by a worker that never wrote a beat is taken back after this long.
UNKNOWN_WORKER_AFTER = timedelta(minutes=30)
#: Beats of workers gone this long are deleted.
BEATS_KEPT = timedelta(days=7)


def new_worker_id() -> str:
    """A worker id unique across hosts (django-tasks allows 64 characters)."""
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(12)}"


def beat(worker_id: str, *, now: datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(beat_at=now)
    if not updated:
        WorkerBeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": now,
                "beat_at": now,
            },
        )


def beat_forever(worker_id: str, stop: threading.Event, *, every: float = BEAT_EVERY) -> None:
    """The worker's heartbeat thread: survives the database restarting (the beat is skipped)."""
    while not stop.is_set():
        try:
            beat(worker_id)
        except Exception:
            logger.warning("Worker %s could not write its heartbeat", worker_id, exc_info=True)
        finally:
            close_old_connections()
        stop.wait(every)


@dataclass(frozen=True)
class Requeued:
    task_id: str
    task_path: str
    worker_id: str


def requeue_orphaned(*, now: datetime | None = None) -> list[Requeued]:
    """Put back to READY every RUNNING task whose worker is gone; return what was requeued.

    Safe to run from several workers at once: each task goes back with one conditional
    UPDATE (still RUNNING, still claimed by the same workers), so a task finishing meanwhile or
    requeued by another pass is left alone."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    WorkerBeat.objects.filter(beat_at__lt=now - BEATS_KEPT).delete()
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values(
            "id", "task_path", "worker_ids", "started_at"
        )
    )
    if not running:
        return []
    holders = {row["worker_ids"][-1] for row in running if row["worker_ids"]}
    beats = dict(
        WorkerBeat.objects.filter(worker_id__in=holders).values_list("worker_id", "beat_at")
    )
    requeued = []
    for row in running:
        holder = row["worker_ids"][-1] if row["worker_ids"] else ""
        last_beat = beats.get(holder)
        if last_beat is not None:
            gone = last_beat < now - BEAT_LOST_AFTER
        else:
            started = row["started_at"]
            gone = started is None or started < now - UNKNOWN_WORKER_AFTER
        if not gone:
            continue
        updated = DBTaskResult.objects.filter(
            pk=row["id"], status=TaskResultStatus.RUNNING, worker_ids=row["worker_ids"]
        ).update(status=TaskResultStatus.READY, started_at=None)
        if updated:
            logger.warning(
                "Requeued task %s (%s): its worker %s is gone", row["id"], row["task_path"], holder
            )
            requeued.append(Requeued(str(row["id"]), row["task_path"], holder))
    return requeued


def run_worker(
    args: list[str],
    *,
    call: Callable[..., Any] | None = None,
    wait: Callable[[float], Any] = time.sleep,
    retry_after: float = 5.0,
) -> None:
    """Run django-tasks' ``db_worker`` with ``args``, and run it again when the database goes
    away under it: its loop lets an ``OperationalError`` out (PostgreSQL restarting, a
    connection cut), which would end the worker until someone restarts it. A task it was
    running then is requeued like a killed worker's."""
    from django.core.management import call_command
    from django.db import InterfaceError, OperationalError, connections

    call = call or call_command
    while True:
        try:
            call("db_worker", *args)
            return
        except (OperationalError, InterfaceError):
            logger.warning("The database went away; the worker starts again in %s s", retry_after)
            connections.close_all()
            wait(retry_after)
