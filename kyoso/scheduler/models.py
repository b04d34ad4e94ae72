from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One run of a scheduled job for one slot: the row is the claim (unique per job and slot),
    written before the job starts, so a second worker finds it and leaves the slot alone."""

    job = models.CharField(_("ジョブ"), max_length=80)
    slot = models.DateTimeField(_("予定時刻"))
    started_at = models.DateTimeField(_("開始日時"))
    finished_at = models.DateTimeField(_("終了日時"), null=True, blank=True)
    #: None while running (or if the worker died during the run).
    succeeded = models.BooleanField(_("成功"), null=True)
    #: The tail of what the command wrote (stdout, then stderr or the error).
    output = models.TextField(_("出力"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="scheduler_one_run_per_slot")
        ]
        indexes = [models.Index(fields=["job", "-slot"], name="scheduler_job_latest")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class WorkerBeat(models.Model):
    """A background worker's heartbeat: ``kyoso worker`` writes its row every few seconds while
    it lives. A task claimed by a worker whose beat stopped was cut off mid-run (the worker was
    killed or its host lost) and is put back in the queue (``tasks.requeue_orphaned``)."""

    worker_id = models.CharField(_("ワーカーID"), max_length=64, unique=True)
    host = models.CharField(_("ホスト"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("プロセスID"), null=True)
    started_at = models.DateTimeField(_("開始日時"))
    beat_at = models.DateTimeField(_("最終応答日時"))

    def __str__(self) -> str:
        return f"{self.worker_id} @ {self.host}:{self.pid}"
