"""The audit log as CSV for spreadsheets (kyoso.core.spreadsheet), streamed line by line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain

from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.models import AuditEvent
from kyoso.core import spreadsheet
from kyoso.core.wareki import TOKYO


def header() -> list[str]:
    return [
        gettext("日時（日本時間）"),
        gettext("操作"),
        gettext("操作コード"),
        gettext("実行者"),
        gettext("実行者のメールアドレス"),
        gettext("対象の種類"),
        gettext("対象ID"),
        gettext("対象"),
        gettext("詳細"),
        gettext("IPアドレス"),
    ]


def row(event: AuditEvent) -> list[str]:
    actor = event.actor
    return [
        timezone.localtime(event.at, TOKYO).strftime("%Y-%m-%d %H:%M:%S"),
        str(event.get_action_display()),
        event.action,
        str(actor.public_name) if actor else "",
        actor.email if actor else "",
        event.target_type,
        event.target_id,
        event.target_label,
        json.dumps(event.data, ensure_ascii=False, sort_keys=True) if event.data else "",
        event.ip_address or "",
    ]


def csv_lines(events: Iterable[AuditEvent]) -> Iterator[bytes]:
    rows = chain([header()], (row(event) for event in events))
    for line in spreadsheet.csv_lines(rows):
        yield line.encode("utf-8")
