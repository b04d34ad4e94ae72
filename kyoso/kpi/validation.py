"""Checks of yearly series and evidence files (pure, no writes); services call them.

Each check raises :class:`KpiError` with a message of messages.py naming the year and value at
fault, so the form shows what to fix and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kyoso.core.fiscal import fiscal_year_label
from kyoso.kpi import messages, series
from kyoso.kpi.models import Form, Indicator, Unit

HUNDRED = Decimal(100)
MAX_PLAN_YEARS = 20
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


class KpiError(Exception):
    """A refusal with a user-facing message (a constant of messages.py)."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


def _num(value: Decimal) -> str:
    text = f"{value:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def check_plan(
    *, unit: str, baseline: Decimal, baseline_year: int, plan_start_year: int, plan_end_year: int
) -> None:
    if plan_end_year < plan_start_year:
        raise KpiError(messages.PLAN_YEARS_REVERSED, "plan_end_year")
    if plan_end_year - plan_start_year + 1 > MAX_PLAN_YEARS:
        raise KpiError(messages.PLAN_TOO_LONG, "plan_end_year")
    if baseline_year > plan_start_year:
        raise KpiError(messages.BASELINE_AFTER_PLAN, "baseline_year")
    if unit == Unit.PERCENT and not (0 <= baseline <= HUNDRED):
        raise KpiError(messages.PERCENT_BASELINE_OVER_100, "baseline")


def check_series(
    indicator: Indicator, form: str, values: Mapping[int, Decimal], *, field: str
) -> None:
    """Years inside the plan, a cumulative series that never decreases, percentages ≤ 100."""
    start, end = indicator.plan_start_year, indicator.plan_end_year
    outside = sorted(year for year in values if not start <= year <= end)
    if outside:
        raise KpiError(
            messages.TARGET_YEAR_OUTSIDE_PLAN
            % {
                "years": "、".join(fiscal_year_label(y) for y in outside),
                "start": fiscal_year_label(start),
                "end": fiscal_year_label(end),
            },
            field,
        )
    if form == Form.CUMULATIVE:
        previous: tuple[int, Decimal] | None = None
        for year in sorted(values):
            value = values[year]
            if previous is not None and value < previous[1]:
                raise KpiError(
                    messages.CUMULATIVE_DECREASES
                    % {
                        "year": fiscal_year_label(year),
                        "value": _num(value),
                        "previous": _num(previous[1]),
                    },
                    field,
                )
            previous = (year, value)
    if indicator.unit == Unit.PERCENT:
        points = series.expand(
            form, values, baseline=indicator.baseline, years=range(start, end + 1)
        )
        for year, point in points.items():
            if point.level is not None and not (0 <= point.level <= HUNDRED):
                raise KpiError(
                    messages.PERCENT_OVER_100
                    % {"year": fiscal_year_label(year), "value": _num(point.level)},
                    field,
                )


# --- evidence files, checked by their bytes ----------------------------------------------------

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]


def evidence_kind(head: bytes, name: str) -> str | None:
    """The content type the bytes really are (PDF, PNG, JPEG, XLSX, CSV), or None."""
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    lower = name.lower()
    if head.startswith(b"PK\x03\x04") and lower.endswith(".xlsx"):
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if lower.endswith(".csv") and b"\x00" not in head:
        for encoding in ("utf-8-sig", "cp932"):
            try:
                head.decode(encoding)
            except UnicodeDecodeError:
                continue
            return "text/csv"
        # A multi-byte character cut at the end of the head is still text.
        try:
            head[:-3].decode("utf-8")
            return "text/csv"
        except UnicodeDecodeError:
            return None
    return None


def check_evidence(upload: Any) -> str:
    """Refuse a file larger than 10 MB or not what it claims; return its content type."""
    if upload.size > EVIDENCE_MAX_BYTES:
        raise KpiError(messages.EVIDENCE_TOO_LARGE, "evidence")
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    kind = evidence_kind(head, upload.name or "")
    if kind is None:
        raise KpiError(messages.EVIDENCE_NOT_ALLOWED, "evidence")
    return kind
