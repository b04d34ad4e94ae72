"""A task claimed by a worker that died mid-run is requeued and then run: no task is lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kyoso.core.mail import queue_email
from kyoso.core.schedule import jobs
from kyoso.scheduler.models import WorkerBeat
from kyoso.scheduler.tasks import BEAT_LOST_AFTER, UNKNOWN_WORKER_AFTER, beat, requeue_orphaned

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _queued_mail(subject: str) -> DBTaskResult:
    with transaction.atomic():
        queue_email(subject=subject, body="本文", to=["a@example.jp"])
    return DBTaskResult.objects.get()


def _claimed_by(task: DBTaskResult, worker_id: str, *, started) -> DBTaskResult:
    """What ``db_worker`` leaves behind when it is killed right after claiming the task."""
    task.claim(worker_id)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=started)
    task.refresh_from_db()
    return task


@pytest.mark.django_db(transaction=True)
def test_a_task_of_a_killed_worker_is_requeued_and_then_sent_once():
    now = timezone.now()
    with override_settings(TASKS=DATABASE_TASKS):
        task = _queued_mail("【Kyoso】再実行")
        beat("dead-worker", now=now - BEAT_LOST_AFTER - timedelta(seconds=1))
        _claimed_by(task, "dead-worker", started=now - timedelta(seconds=90))

        requeued = requeue_orphaned(now=now)

        assert [r.task_id for r in requeued] == [str(task.pk)]
        task.refresh_from_db()
        assert task.status == "READY"
        assert requeue_orphaned(now=now) == []  # idempotent: nothing left to requeue
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids[0] == "dead-worker"  # the history says it was tried before
    assert [m.subject for m in mail.outbox] == ["【Kyoso】再実行"]


@pytest.mark.django_db(transaction=True)
def test_a_task_of_a_living_worker_is_left_alone():
    now = timezone.now()
    with override_settings(TASKS=DATABASE_TASKS):
        task = _queued_mail("長い処理")
        beat("alive", now=now - timedelta(seconds=5))
        _claimed_by(task, "alive", started=now - timedelta(hours=3))  # long, but alive

        assert requeue_orphaned(now=now) == []
    task.refresh_from_db()
    assert task.status == "RUNNING"


@pytest.mark.django_db(transaction=True)
def test_a_worker_without_heartbeat_gets_the_long_grace_period():
    now = timezone.now()
    with override_settings(TASKS=DATABASE_TASKS):
        task = _queued_mail("心拍なし")
        _claimed_by(task, "plain-db-worker", started=now - timedelta(minutes=5))
        assert requeue_orphaned(now=now) == []

        later = now + UNKNOWN_WORKER_AFTER
        assert [r.worker_id for r in requeue_orphaned(now=later)] == ["plain-db-worker"]
    task.refresh_from_db()
    assert task.status == "READY"


@pytest.mark.django_db(transaction=True)
def test_a_task_finished_meanwhile_is_not_requeued():
    now = timezone.now()
    with override_settings(TASKS=DATABASE_TASKS):
        task = _queued_mail("終わった")
        beat("slow", now=now - timedelta(minutes=10))
        _claimed_by(task, "slow", started=now - timedelta(minutes=10))
        task.set_successful(None)
        assert requeue_orphaned(now=now) == []
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


@pytest.mark.django_db
def test_beats_are_written_and_old_ones_pruned():
    now = timezone.now()
    beat("w1", now=now - timedelta(days=8))
    beat("w2", now=now - timedelta(seconds=20))
    beat("w2", now=now)
    assert WorkerBeat.objects.get(worker_id="w2").beat_at == now
    call_command("requeue_orphaned_tasks", verbosity=0)
    assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["w2"]


def test_the_requeue_runs_every_minute():
    (job,) = [j for j in jobs() if j.name == "scheduler.requeue_orphaned_tasks"]
    assert job.command == "requeue_orphaned_tasks"
    assert job.when.period == timedelta(minutes=1)


def test_the_worker_starts_again_when_the_database_goes_away():
    from django.db import InterfaceError, OperationalError

    from kyoso.scheduler.tasks import run_worker

    outcomes = [OperationalError("terminating connection"), InterfaceError("closed"), None]
    calls, waits = [], []

    def db_worker(name, *args):
        calls.append((name, *args))
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    run_worker(["--interval", "1"], call=db_worker, wait=waits.append, retry_after=3)
    assert calls == [("db_worker", "--interval", "1")] * 3
    assert waits == [3, 3]


def test_other_worker_errors_are_not_swallowed():
    from kyoso.scheduler.tasks import run_worker

    def db_worker(name, *args):
        raise ValueError("a bug")

    with pytest.raises(ValueError, match="a bug"):
        run_worker([], call=db_worker, wait=lambda s: None)
