"""Import past events from a CSV file (the command ``import_events`` and the secretariat's
upload form). The columns are documented in ``docs/events-import.md``.

Every row is validated before anything is written, and every problem is reported with its
line number; only a file without problems is imported, in one transaction. Re-importing the
same file adds nothing: an event whose natural key (kind, start time, title) already exists
is skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, pgettext

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.text import normalize_text, tidy_text
from kyoso.core.wareki import TOKYO, WarekiError, parse_wareki
from kyoso.events import messages_attendance as messages
from kyoso.events.models import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Guest,
)
from kyoso.events.services.events import reindex_on_commit
from kyoso.issues.vocab import Theme

# --- Columns ------------------------------------------------------------------------------------

#: Column key → accepted header names (Japanese first; English for tools).
COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("種類", "kind"),
    "date": ("日付", "開催日", "date"),
    "time": ("時間", "時刻", "time"),
    "title": ("タイトル", "名称", "title"),
    "topic": ("テーマ", "topic"),
    "theme": ("テーマ分類", "theme"),
    "guests": ("ゲスト", "guests"),
    "audience": ("対象", "audience"),
    "mode": ("開催方法", "mode"),
    "venue": ("会場", "venue"),
    "address": ("会場の住所", "住所", "address"),
    "attendance": ("参加人数", "参加者数", "attendance"),
    "description": ("内容", "description"),
}
REQUIRED = ("kind", "date", "title")
_HEADER_TO_KEY = {name.casefold(): key for key, names in COLUMNS.items() for name in names}

KIND_ALIASES: dict[str, str] = {
    "定例会": EventKind.REGULAR,
    "テーマ勉強会": EventKind.STUDY,
    "勉強会": EventKind.STUDY,
    "アイデアイベント": EventKind.IDEA,
    "アイデアソン": EventKind.IDEA,
    "ヒアリング": EventKind.HEARING,
    "その他": EventKind.OTHER,
}
MODE_ALIASES: dict[str, str] = {
    "会場": EventMode.VENUE,
    "対面": EventMode.VENUE,
    "オンライン": EventMode.ONLINE,
    "ハイブリッド": EventMode.HYBRID,
}

#: Limits of the web form (the command has none): larger files go through the command.
WEB_MAX_BYTES = 2 * 1024 * 1024
WEB_MAX_ROWS = 2000

GUEST_SEPARATORS = re.compile(r"[／;；]")
_SPACES = re.compile(r"[ \u3000]+")
_TIME_RANGE = re.compile(
    r"(?P<start>\d{1,2}(?::\d{2}|時(?:\d{1,2}分)?))\s*[~〜～\-–—－ー]\s*"
    r"(?P<end>\d{1,2}(?::\d{2}|時(?:\d{1,2}分)?))"
)
_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2})|時(?:(\d{1,2})分)?)")


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, header, size)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Problem:
    line: int  # 0 for the whole file
    message: str

    def __str__(self) -> str:
        if self.line == 0:
            return self.message
        return str(messages.IMPORT_ROW_ERROR % {"line": self.line, "message": self.message})


class ImportRefused(Exception):
    """The file has problems: nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problems")


@dataclass(frozen=True)
class GuestData:
    name: str
    affiliation: str = ""
    title: str = ""


@dataclass
class Row:
    line: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    topic: str = ""
    theme: str = ""
    audience: str = ""
    mode: str = EventMode.VENUE
    venue_name: str = ""
    venue_address: str = ""
    counted_attendance: int = 0
    description: str = ""
    guests: list[GuestData] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, datetime, str]:
        return (self.kind, self.starts_at, self.title)


@dataclass(frozen=True)
class ImportResult:
    created: list[Event]
    skipped: int

    @property
    def message(self) -> str:
        return str(messages.IMPORT_DONE % {"created": len(self.created), "skipped": self.skipped})


# --- Reading ------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Shift_JIS/CP932 as Excel in Japan saves CSV."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(str(messages.IMPORT_ENCODING))


def parse_guests(text: str) -> list[GuestData]:
    """``多賀城市健康福祉部生活支援課 課長 柴田光起／…``: affiliation, title, name by spaces.

    One word is a name; two are affiliation and name; three or more are affiliation (all but
    the last two), title and name."""
    guests = []
    for part in GUEST_SEPARATORS.split(text):
        words = _SPACES.split(tidy_text(part).strip("「」 "))
        words = [w for w in words if w]
        if not words:
            continue
        if len(words) == 1:
            guests.append(GuestData(name=words[0]))
        elif len(words) == 2:
            guests.append(GuestData(name=words[1], affiliation=words[0]))
        else:
            guests.append(
                GuestData(name=words[-1], title=words[-2], affiliation=" ".join(words[:-2]))
            )
    return guests


def _clock(text: str) -> time | None:
    match = _CLOCK.fullmatch(text)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or match[3] or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_times(text: str) -> tuple[time, time] | None:
    """``19:00～20:15`` (full-width digits and colons, ～〜~- and 19時30分 accepted)."""
    normalized = normalize_text(text).replace(" ", "")
    match = _TIME_RANGE.fullmatch(normalized)
    if match is None:
        return None
    start, end = _clock(match["start"]), _clock(match["end"])
    if start is None or end is None:
        return None
    return start, end


def _choice(text: str, aliases: dict[str, str], values: Iterable[str]) -> str | None:
    cleaned = normalize_text(text)
    if cleaned in aliases:
        return aliases[cleaned]
    lowered = cleaned.lower()
    return lowered if lowered in set(values) else None


def _theme(text: str) -> str | None:
    labels = {normalize_text(str(label)): value for value, label in Theme.choices}
    return _choice(text, labels, Theme.values)


def _choices_text(choices: Iterable[str]) -> str:
    """The words a column accepts, for a message (「定例会・勉強会」, "定例会, 勉強会")."""
    return pgettext("between the choices a column accepts", "・").join(choices)


def _when(day: date, times: tuple[time, time] | None) -> tuple[datetime, datetime, bool]:
    if times is None:
        start = datetime.combine(day, time.min, tzinfo=TOKYO)
        return start, start + timedelta(days=1), True
    return (
        datetime.combine(day, times[0], tzinfo=TOKYO),
        datetime.combine(day, times[1], tzinfo=TOKYO),
        False,
    )


def _header(fields: list[str]) -> tuple[dict[int, str], list[Problem], bool]:
    """Column positions, problems, and whether a required column is missing (fatal)."""
    index: dict[int, str] = {}
    unknown = []
    for i, name in enumerate(fields):
        cleaned = normalize_text(name).casefold()
        if not cleaned:
            continue
        key = _HEADER_TO_KEY.get(cleaned)
        if key is None:
            unknown.append(name.strip())
        else:
            index[i] = key
    problems = []
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in index.values()]
    if missing:
        problems.append(
            Problem(
                1, str(messages.IMPORT_MISSING_COLUMNS % {"columns": gettext("、").join(missing)})
            )
        )
    if unknown:
        problems.append(
            Problem(
                1, str(messages.IMPORT_UNKNOWN_COLUMNS % {"columns": gettext("、").join(unknown)})
            )
        )
    return index, problems, bool(missing)


def _row(line: int, values: dict[str, str]) -> tuple[Row | None, list[str]]:
    errors: list[str] = []
    for key in REQUIRED:
        if not normalize_text(values.get(key, "")):
            errors.append(str(messages.IMPORT_REQUIRED % {"column": COLUMNS[key][0]}))
    kind_text = values.get("kind", "")
    kind = _choice(kind_text, KIND_ALIASES, EventKind.values) if kind_text.strip() else None
    if kind_text.strip() and kind is None:
        errors.append(
            str(
                messages.IMPORT_UNKNOWN_KIND
                % {"text": kind_text.strip(), "choices": _choices_text(KIND_ALIASES)}
            )
        )
    day: date | None = None
    if values.get("date", "").strip():
        try:
            day = parse_wareki(values["date"])
        except WarekiError as error:
            errors.append(str(error))
    times = None
    time_text = values.get("time", "")
    if time_text.strip():
        times = parse_times(time_text)
        if times is None:
            errors.append(str(messages.IMPORT_BAD_TIME % {"text": time_text.strip()}))
        elif times[1] < times[0]:
            errors.append(
                str(
                    messages.IMPORT_END_BEFORE_START
                    % {"start": times[0].strftime("%H:%M"), "end": times[1].strftime("%H:%M")}
                )
            )
            times = None
    theme = ""
    if values.get("theme", "").strip():
        found = _theme(values["theme"])
        if found is None:
            errors.append(
                str(
                    messages.IMPORT_UNKNOWN_THEME
                    % {
                        "text": values["theme"].strip(),
                        "choices": _choices_text(str(label) for label in Theme.labels),
                    }
                )
            )
        theme = found or ""
    mode_text = values.get("mode", "")
    mode: str | None = EventMode.VENUE
    if mode_text.strip():
        mode = _choice(mode_text, MODE_ALIASES, EventMode.values)
        if mode is None:
            errors.append(str(messages.IMPORT_UNKNOWN_MODE % {"text": mode_text.strip()}))
    counted = 0
    count_text = normalize_text(values.get("attendance", "")).removesuffix("人").strip()
    if count_text:
        if count_text.isdigit() and int(count_text) <= 100_000:
            counted = int(count_text)
        else:
            errors.append(str(messages.IMPORT_BAD_COUNT % {"text": values["attendance"].strip()}))
    title = tidy_text(values.get("title", ""))
    limits = (
        ("title", title, TITLE_MAX),
        ("description", values.get("description", ""), DESCRIPTION_MAX),
    )
    for key, text, limit in limits:
        if len(text) > limit:
            errors.append(
                str(messages.IMPORT_TOO_LONG % {"column": COLUMNS[key][0], "limit": limit})
            )
    for key, limit in (("topic", 200), ("audience", 300), ("venue", 200), ("address", 300)):
        if len(tidy_text(values.get(key, ""))) > limit:
            errors.append(
                str(messages.IMPORT_TOO_LONG % {"column": COLUMNS[key][0], "limit": limit})
            )
    if errors or kind is None or day is None or mode is None:
        return None, errors
    starts_at, ends_at, all_day = _when(day, times)
    return (
        Row(
            line=line,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=all_day,
            topic=tidy_text(values.get("topic", "")),
            theme=theme,
            audience=tidy_text(values.get("audience", "")),
            mode=mode,
            venue_name=tidy_text(values.get("venue", "")),
            venue_address=tidy_text(values.get("address", "")),
            counted_attendance=counted,
            description=tidy_text(values.get("description", ""), multiline=True),
            guests=parse_guests(values.get("guests", "")),
        ),
        [],
    )


def parse_rows(text: str, *, max_rows: int | None = None) -> tuple[list[Row], list[Problem]]:
    """Every row of the file and every problem found (line numbers are the file's lines).

    Lines whose first cell starts with ``#`` are comments; empty lines are skipped.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(str(messages.IMPORT_EMPTY)) from None
    index, problems, fatal = _header(header)
    if fatal:
        return [], problems
    rows: list[Row] = []
    seen: dict[tuple[str, datetime, str], int] = {}
    line = reader.line_num + 1
    for record in reader:
        start_line, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in record) or record[0].lstrip().startswith("#"):
            continue
        if max_rows is not None and len(rows) + 1 > max_rows:
            raise ImportFileError(
                str(messages.IMPORT_TOO_MANY_ROWS % {"rows": f"{max_rows}+", "limit": max_rows})
            )
        values = {key: record[i] if i < len(record) else "" for i, key in index.items()}
        row, errors = _row(start_line, values)
        problems.extend(Problem(start_line, message) for message in errors)
        if row is None:
            continue
        if row.key in seen:
            problems.append(
                Problem(start_line, str(messages.IMPORT_DUPLICATE_ROW % {"line": seen[row.key]}))
            )
            continue
        seen[row.key] = start_line
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(0, str(messages.IMPORT_NO_ROWS)))
    return rows, problems


# --- Writing ------------------------------------------------------------------------------------


def events_import(
    *,
    actor: Any,
    data: bytes,
    source: str,
    organization: Any = None,
    max_rows: int | None = None,
    progress: Callable[[Iterable[Row]], Iterable[Row]] | None = None,
    request: Any = None,
) -> ImportResult:
    """Validate the whole file, then import it in one transaction (or raise ImportRefused).

    ``source`` names the file in ``imported_from`` (``<source>:<line>``); ``progress`` wraps
    the rows being written (the command's progress bar).
    """
    rows, problems = parse_rows(decode(data), max_rows=max_rows)
    if problems:
        raise ImportRefused(problems)
    created: list[Event] = []
    with transaction.atomic():
        existing = set(
            Event.objects.filter(
                starts_at__gte=min(r.starts_at for r in rows),
                starts_at__lte=max(r.starts_at for r in rows),
            ).values_list("kind", "starts_at", "title")
        )
        for row in progress(rows) if progress else rows:
            if row.key in existing:
                continue
            event = Event.objects.create(
                title=row.title,
                kind=row.kind,
                theme=row.theme,
                topic=row.topic,
                description=row.description,
                audience=row.audience,
                status=EventStatus.PUBLISHED,
                created_by=actor,
                organization=organization,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                all_day=row.all_day,
                mode=row.mode,
                venue_name=row.venue_name,
                venue_address=row.venue_address,
                counted_attendance=row.counted_attendance,
                imported_from=f"{source}:{row.line}"[:300],
            )
            Guest.objects.bulk_create(
                Guest(
                    event=event,
                    name=g.name[:100],
                    affiliation=g.affiliation[:200],
                    title=g.title[:100],
                    position=i,
                )
                for i, g in enumerate(row.guests)
            )
            created.append(event)
            reindex_on_commit(event.pk)
        if created:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.EVENT_IMPORTED,
                data={
                    "source": source,
                    "created": len(created),
                    "skipped": len(rows) - len(created),
                },
                request=request,
            )
    return ImportResult(created=created, skipped=len(rows) - len(created))


def describe(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def summary(problems: list[Problem]) -> str:
    return str(messages.IMPORT_NOTHING_IMPORTED % {"count": len(problems)})
