"""The audit log as CSV: UTF-8 with a byte order mark so that Excel reads Japanese."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.models import AuditEvent
from kyoso.core.wareki import TOKYO

BOM = "\ufeff"
# Cells starting with these are formulas to Excel and LibreOffice; a leading ' keeps them text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


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


class _Line:
    """A file-like object whose write() returns what it was given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(events: Iterable[AuditEvent]) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    yield (BOM + writer.writerow(header())).encode("utf-8")
    for event in events:
        yield writer.writerow([_cell(value) for value in row(event)]).encode("utf-8")
