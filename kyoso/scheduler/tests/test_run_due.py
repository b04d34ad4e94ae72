"""Due jobs run once per slot, across passes and across workers; a failure is kept, not fatal."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from kyoso.core import schedule
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.core.schedule import Every, Job
from kyoso.scheduler.models import JobRun
from kyoso.scheduler.services import run_due

OK = Job(name="test.ok", command="check", when=Every(10))
FAILING = Job(name="test.failing", command="check", args=("--tag", "no-such-tag"), when=Every(60))


@pytest.fixture
def two_jobs(monkeypatch):
    monkeypatch.setattr(schedule, "_JOBS", {OK.name: OK, FAILING.name: FAILING})


def test_each_due_job_runs_once_and_a_failure_is_recorded(db, two_jobs):
    now = Every(60).slot(timezone.now()) + timedelta(minutes=1)  # early in both jobs' slots

    ran = {r.job: r.succeeded for r in run_due(now=now)}

    assert ran == {"test.ok": True, "test.failing": False}
    failed = JobRun.objects.get(job="test.failing")
    assert "no-such-tag" in failed.output and failed.finished_at is not None
    assert JobRun.objects.get(job="test.ok").succeeded is True
    # Later in the same slots: nothing. The next slot of the 10-minute job: it alone.
    assert run_due(now=now + timedelta(minutes=5)) == []
    assert [r.job for r in run_due(now=now + timedelta(minutes=10))] == ["test.ok"]


def test_a_worker_down_for_days_runs_a_job_once_not_for_every_missed_slot(db, two_jobs):
    start = timezone.now()
    run_due(now=start)

    run_due(now=start + timedelta(days=3))

    assert JobRun.objects.filter(job="test.ok").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_run_each_slot_once(tmp_path, two_jobs):
    now = timezone.now()
    with thread_databases(tmp_path) as open_connection:
        results = in_parallel(open_connection, [lambda: run_due(now=now)] * 4)
        runs = read(open_connection, lambda: list(JobRun.objects.values_list("job", flat=True)))

    assert sorted(runs) == ["test.failing", "test.ok"]
    assert sorted(r.job for ran in results for r in ran) == ["test.failing", "test.ok"]


def test_the_command_runs_a_pass_and_lists_the_jobs(db, two_jobs):
    out = StringIO()
    call_command("run_schedule", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines] == ["test.failing", "test.ok"]
    assert lines[0].endswith("FAILED") and lines[1].endswith("ok")

    out = StringIO()
    call_command("run_schedule", "--list", stdout=out)
    assert "test.failing: check --tag no-such-tag (next " in out.getvalue()


def test_the_loop_survives_a_failed_pass_and_stops_when_told(db, monkeypatch):
    """A pass that fails (the database restarting, say) is logged and the next one runs."""
    from kyoso.scheduler import services

    stop = threading.Event()
    passes = []

    def fake_run_due():
        passes.append(1)
        if len(passes) == 1:
            raise OperationalError("the database is restarting")
        stop.set()
        return []

    monkeypatch.setattr(services, "run_due", fake_run_due)
    services.run_forever(stop, interval=0)

    assert len(passes) == 2
