"""``manage.py load_regions``: (re)load the shipped prefecture and municipality lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from kyoso.regions.loader import DATA_DIR, RegionDataError, load_regions
from kyoso.regions.models import Municipality, Prefecture


class Command(BaseCommand):
    help = (
        "都道府県・市区町村の一覧（kyoso/regions/data）を読み込みます。"
        "何度実行しても結果は同じです。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="prefectures.csv と municipalities.csv のあるディレクトリ",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="書き込むデータベース")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_regions(
                Prefecture, Municipality, data_dir=options["data_dir"], using=options["database"]
            )
        except (RegionDataError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for label, table in (
            (_("都道府県"), result.prefectures),
            (_("市区町村"), result.municipalities),
        ):
            self.stdout.write(
                _("%(label)s: 追加 %(created)d件、更新 %(updated)d件、変更なし %(unchanged)d件")
                % {
                    "label": label,
                    "created": table.created,
                    "updated": table.updated,
                    "unchanged": table.unchanged,
                }
            )
        if result.changed:
            self.stdout.write(self.style.SUCCESS(_("読み込みが完了しました。")))
        else:
            self.stdout.write(_("変更はありませんでした。"))
