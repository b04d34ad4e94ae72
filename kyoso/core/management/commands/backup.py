"""``manage.py backup PATH``: the database and the media files in one archive (``kyoso backup``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyoso.core.backup import BackupError, create_backup, messages
from kyoso.core.backup.operations import human_size


class Command(BaseCommand):
    help = (
        "データベースとメディアファイルを 1 つのアーカイブ（.tar.gz）にバックアップします。"
        " / Back up the database and the media files into one .tar.gz archive."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            type=Path,
            help=(
                "書き出すファイル。既存のディレクトリなら日時入りの名前で作ります。"
                " / The archive to write; given a directory, a dated file is created in it."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = create_backup(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        lines = [
            messages.BACKUP_DONE.format(path=result.path, size=human_size(result.size)),
            messages.BACKUP_DATABASE.format(
                vendor=manifest.vendor,
                tables=len(manifest.row_counts),
                rows=f"{sum(manifest.row_counts.values()):,}",
            ),
            messages.BACKUP_MEDIA.format(
                files=f"{manifest.media_files:,}",
                size=human_size(manifest.media_bytes),
                path=result.media_root,
            ),
            messages.BACKUP_VERSION.format(
                version=manifest.kyoso_version, created_at=manifest.created_at
            ),
            messages.BACKUP_KEEP_SAFE,
        ]
        self.stdout.write(self.style.SUCCESS(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
