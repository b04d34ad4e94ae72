"""Matching: ranked people for one of the caller's needs, and "for you" suggestions.

The same rules and selectors as the matching pages: a need's people only for its project's
active members (anyone else gets ``404 not_found``, as for a need they may not know), each
person with the reasons the ranker used and their share of the score; private profile fields
never count for a caller who may not see them.
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from kyoso.api.permissions import acting_user, rule
from kyoso.core.policy import check
from kyoso.matching import messages, selectors

router = Router(tags=["matching"])


class ReasonOut(Schema):
    feature: str = Field(description="the feature in kyoso/matching/features.py, e.g. 'skills'")
    text: str = Field(description="the reason in the request's language")
    share: int = Field(description="percent of the score this feature gave")


class PersonMatchOut(Schema):
    id: int
    display_name: str
    score: float
    reasons: list[ReasonOut]
    introduction_url: str


class WorkOut(Schema):
    kind: str = Field(json_schema_extra={"enum": ["mission", "need", "issue"]})
    id: int
    title: str
    url: str


class SuggestionOut(Schema):
    item: WorkOut
    score: float
    reasons: list[ReasonOut]


#: ``for``'s kinds: the selector that finds the work (404 when unknown or hidden) and the one
#: that ranks its people.
WORKS: dict[str, tuple[Any, Any]] = {
    "need": (
        selectors.need_for_matching,
        lambda need, viewer: selectors.people_for_need(need, viewer).people,
    ),
    "mission": (selectors.mission_for_matching, selectors.people_for_mission),
    "issue": (selectors.issue_for_matching, selectors.people_for_issue),
}


class MatchQuery(Schema):
    model_config = ConfigDict(populate_by_name=True)

    subject: str = Field(alias="for", description="need:{id}, mission:{id} or issue:{id}")

    @field_validator("subject")
    @classmethod
    def _work_ref(cls, value: str) -> str:
        kind, _sep, raw = value.partition(":")
        if kind not in WORKS or not raw.isascii() or not raw.isdigit():
            raise PydanticCustomError("kyoso_for", str(messages.FOR_PARAMETER_INVALID))
        return value


def _reasons(reasons: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    return [{"feature": f, "text": text, "share": share} for f, text, share in reasons]


def _work(request: HttpRequest, filters: MatchQuery, **kwargs: Any) -> Any:
    """The need, mission or issue; anything the caller may not see people for is not found."""
    kind, _sep, raw = filters.subject.partition(":")
    work = WORKS[kind][0](int(raw), acting_user(request))
    if not check("matching.view_work_matches", acting_user(request), work):
        raise Http404
    return work


@router.get("/matches", response=list[PersonMatchOut], summary="Ranked people for a work")
@paginate
@rule("matching.view_work_matches", get_object=_work)
def match_list(request: HttpRequest, filters: Query[MatchQuery], obj: Any):
    """``for=need:{id}`` (one of the caller's projects' open needs), ``mission:{id}`` (a
    mission the caller hosts) or ``issue:{id}`` (an issue the caller posted). The ten best
    people, best first, with reasons; ``introduction_url`` asks for an introduction about it."""
    kind = filters.subject.partition(":")[0]
    people = WORKS[kind][1](obj, acting_user(request))
    return [
        {
            "id": p.person_id,
            "display_name": p.display_name,
            "score": p.score,
            "reasons": _reasons(p.reasons),
            "introduction_url": f"/introductions/new?to=user:{p.person_id}&about={kind}:{obj.pk}",
        }
        for p in people
    ]


@router.get("/me/suggestions", response=list[SuggestionOut], summary="Suggestions for you")
@paginate
@rule("matching.view_suggestions")
def my_suggestions(request: HttpRequest):
    """Missions, project needs and issues for the caller, best first, with reasons; those
    answered "not now" on the site never come back."""
    return [
        {
            "item": {
                "kind": s.work.kind,
                "id": s.work.pk,
                "title": s.work.title,
                "url": request.build_absolute_uri(s.work.url),
            },
            "score": s.score,
            "reasons": _reasons(s.reasons),
        }
        for s in selectors.suggestions_for(acting_user(request))
    ]
