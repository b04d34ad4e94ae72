"""Put back in the queue the background tasks whose worker died mid-run (kyoso/scheduler/tasks.py);
run every minute by the scheduler, safe to run by hand or from cron at any time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kyoso.scheduler.tasks import requeue_orphaned


class Command(BaseCommand):
    help = "Requeue the background tasks claimed by a worker that is gone."

    def handle(self, *args: Any, **options: Any) -> None:
        requeued = requeue_orphaned()
        for task in requeued:
            self.stdout.write(f"requeued {task.task_id} {task.task_path} (worker {task.worker_id})")
        self.stdout.write(f"{len(requeued)} task(s) requeued")
