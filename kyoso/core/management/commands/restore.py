"""``manage.py restore PATH``: put a ``backup`` archive back (``kyoso restore``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.backup import BackupError, RestoreResult, messages, restore_archive


class Command(BaseCommand):
    help = (
        "backup で作ったアーカイブから、データベースとメディアファイルを復元します。"
        " / Restore the database and the media files from an archive made by backup."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="復元するアーカイブ / The archive to restore")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "既にデータのあるデータベースを、バックアップの内容で置き換えます。"
                " / Replace a database that already holds Kyoso data."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        database = connections[DEFAULT_DB_ALIAS].settings_dict
        try:
            result = restore_archive(
                options["path"],
                database=database,
                media_root=Path(settings.MEDIA_ROOT),
                force=options["force"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not result.verified:
            rows = "\n".join(
                messages.VERIFY_ROW.format(
                    table=m.table,
                    expected=messages.VERIFY_ABSENT if m.expected is None else f"{m.expected:,}",
                    found=messages.VERIFY_ABSENT if m.found is None else f"{m.found:,}",
                )
                for m in result.mismatches
            )
            raise CommandError(messages.VERIFY_FAILED.format(tables=rows))
        self._report(result)
        self._audit(result)

    def _report(self, result: RestoreResult) -> None:
        manifest = result.manifest
        self.stdout.write(self.style.SUCCESS(messages.RESTORE_DONE.format(path=result.path)))
        self.stdout.write(
            messages.RESTORE_SOURCE.format(
                version=manifest.kyoso_version, created_at=manifest.created_at
            )
        )
        self.stdout.write(
            messages.RESTORE_DATABASE.format(
                vendor=manifest.vendor,
                name=result.database_label,
                tables=len(result.row_counts),
                rows=f"{sum(result.row_counts.values()):,}",
            )
        )
        self.stdout.write(
            messages.RESTORE_MEDIA.format(files=f"{result.media_files:,}", path=result.media_root)
        )
        if result.media_files != manifest.media_files:
            self.stdout.write(
                self.style.WARNING(
                    messages.RESTORE_MEDIA_DIFFERS.format(expected=f"{manifest.media_files:,}")
                )
            )
        if result.needs_migrate:
            self.stdout.write(self.style.WARNING(messages.RESTORE_MIGRATE))

    def _audit(self, result: RestoreResult) -> None:
        """Leave a trace of the restore in the restored database's own audit log."""
        try:
            audit_record(
                actor=None,
                action=AuditEvent.Action.BACKUP_RESTORED,
                data={
                    "archive": result.path.name,
                    "created_at": result.manifest.created_at,
                    "kyoso_version": result.manifest.kyoso_version,
                },
            )
        except DatabaseError as exc:
            self.stdout.write(self.style.WARNING(messages.RESTORE_NOT_AUDITED.format(detail=exc)))
            return
        self.stdout.write(messages.RESTORE_AUDITED)
