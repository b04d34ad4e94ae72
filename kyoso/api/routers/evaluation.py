"""Participation figures per fiscal year for the KPIs and the evaluation report
(``GET /kpi/participation?fiscal_year=2021``), open to everyone like the events' figures page.

The figures are ``kyoso.events.figures.participation_figures`` (never recounted): events by
kind, のべ participants (attendance), unique people and first-time participants. The KPI app's
``/kpi/indicators`` lives in its own router (``kpi.py``).
"""

from django.http import HttpRequest
from ninja import Field, Router, Schema

from kyoso.api.errors import ApiError
from kyoso.api.permissions import rule
from kyoso.core.fiscal import fiscal_year_label
from kyoso.core.text import normalize_text
from kyoso.evaluation import messages
from kyoso.evaluation.services import EvaluationError, check_fiscal_year, last_fiscal_year
from kyoso.events.figures import event_kinds, participation_figures

router = Router(tags=["kpi"])


class KindOut(Schema):
    kind: str = Field(description="regular, study, idea, hearing or other")
    label: str
    events: int


class ParticipationOut(Schema):
    fiscal_year: int = Field(description="年度 (April–March) as a western year")
    label: str = Field(description="e.g. 令和3年度")
    events: int = Field(description="Events held (published, not cancelled)")
    events_by_kind: list[KindOut] = Field(description="Every kind, zero included")
    attendance: int = Field(description="のべ participants")
    counted: int = Field(description="Of the attendance, people counted without names")
    unique_people: int = Field(description="Distinct people with accounts who attended")
    first_time: int = Field(description="Of those, people whose first event ever is this year")


def fiscal_year_param(text: str | None) -> int:
    """The year asked for (the current 年度 when none), or a 422 in the one error format."""
    cleaned = normalize_text(text or "")
    if not cleaned:
        return last_fiscal_year()
    if not cleaned.isdigit():
        raise ApiError(422, "fiscal_year_invalid", messages.FY_NOT_A_YEAR % {"text": cleaned})
    fy = int(cleaned)
    try:
        check_fiscal_year(fy)
    except EvaluationError as error:
        raise ApiError(422, "fiscal_year_invalid", error.message) from error
    return fy


@router.get(
    "/kpi/participation",
    response=ParticipationOut,
    auth=None,
    summary="Participation figures of a fiscal year",
)
@rule("core.public")
def participation(request: HttpRequest, fiscal_year: str | None = None):
    """Events by kind, のべ and unique participants of ``fiscal_year`` (2021 = 令和3年度, April
    2021 – March 2022; the current 年度 when omitted). Three queries."""
    fy = fiscal_year_param(fiscal_year)
    figures = participation_figures(fy)
    return {
        "fiscal_year": fy,
        "label": fiscal_year_label(fy),
        "events": figures.events,
        "events_by_kind": [
            {"kind": kind, "label": label, "events": figures.events_by_kind.get(kind, 0)}
            for kind, label in event_kinds()
        ],
        "attendance": figures.attendance,
        "counted": figures.counted,
        "unique_people": figures.unique_people,
        "first_time": figures.first_time,
    }
