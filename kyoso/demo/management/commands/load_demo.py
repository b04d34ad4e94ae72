"""``manage.py load_demo``: load the demo region and print its logins (never in production)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kyoso.demo import messages
from kyoso.demo.services import DemoDataError, DemoRefusedError, demo_load


class Command(BaseCommand):
    help = (
        "デモ用の地域（仙台市・酒田市の団体、人、役割、固定ページの下書き）を読み込みます。"
        "何度実行しても結果は同じです。本番モードでは実行できません。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = demo_load(stdout=self.stdout)
        except (DemoRefusedError, DemoDataError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("")
        self.stdout.write(str(messages.LOGINS_HEADING))
        for label, email in result.logins:
            self.stdout.write(f"  {email}  {label}")
        self.stdout.write(messages.PASSWORD_LINE % {"password": result.password})
