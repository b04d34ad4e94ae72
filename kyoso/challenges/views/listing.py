"""The challenge list (filters, keyset pages), a challenge's page with its public Q&A, follows,
the Atom feed and the map data."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kyoso.challenges import messages, screening_link, selectors
from kyoso.challenges.forms import AnswerForm, FilterForm, QuestionForm
from kyoso.challenges.models import Challenge, Direction, Follow, Question
from kyoso.challenges.rules import visible_or_404
from kyoso.challenges.services import qa
from kyoso.challenges.services.challenges import follow_set
from kyoso.challenges.services.common import ChallengeError
from kyoso.challenges.services.proposals import proposals_open
from kyoso.core.feeds import Entry, atom_response
from kyoso.core.keyset import CursorInvalid
from kyoso.core.policy import check, public, rule_required


@public
@require_GET
def challenge_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, places=selectors.listed_places())
    values, dropped = form.filter_values() if request.GET else ({}, False)
    filters = selectors.ChallengeFilters(**values)
    after = request.GET.get("after", "")[:200]
    notices = [messages.FILTER_INVALID] if dropped else []
    try:
        page = selectors.challenge_page(filters, after=after)
    except CursorInvalid:
        notices.append(messages.PAGE_INVALID)
        page = selectors.challenge_page(filters)
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "challenges/list.html",
        {
            "form": form,
            "page": page,
            "notices": notices,
            "query_string": query.urlencode(),
            "filtered": filters.active,
        },
    )


def _challenge(request: HttpRequest, pk: int, **kwargs: Any) -> Challenge:
    return visible_or_404(request.user, selectors.challenge_detail(pk))


def _detail_context(request: HttpRequest, challenge: Challenge, **extra: Any) -> dict[str, Any]:
    user = request.user
    mine = None
    if user.is_authenticated:
        mine = selectors.proposal_of(challenge, selectors.member_organization_ids(user))
    context = {
        "challenge": challenge,
        "criteria": screening_link.criteria(challenge),
        "questions": selectors.questions_of(challenge),
        "selected": selectors.selected_proposals(challenge),
        "my_proposal": mine,
        "following": user.is_authenticated
        and Follow.objects.filter(challenge=challenge, user_id=user.pk).exists(),
        "can_edit": check("challenges.change_challenge", user, challenge),
        "can_publish": check("challenges.publish_challenge", user, challenge),
        "can_close": check("challenges.close_challenge", user, challenge),
        "can_answer": check("challenges.answer_question", user, challenge),
        "can_ask": check("challenges.ask_question", user, challenge)
        and qa.questions_open(challenge),
        "can_follow": check("challenges.follow_challenge", user, challenge),
        "can_see_proposals": check("challenges.view_proposals", user, challenge),
        "can_manage_reviewers": check("challenges.manage_reviewers", user, challenge)
        and challenge.screening_round_id is not None,
        "can_propose": mine is None
        and proposals_open(challenge)
        and check("challenges.add_proposal", user, challenge),
        "question_form": QuestionForm(),
        "answer_form": AnswerForm(),
    }
    context.update(extra)
    return context


@rule_required("challenges.view_challenge", get_object=_challenge)
def challenge_detail(request: HttpRequest, pk: int, obj: Challenge) -> HttpResponse:
    return render(request, "challenges/detail.html", _detail_context(request, obj))


@require_POST
@rule_required("challenges.ask_question", get_object=_challenge)
def question_ask(request: HttpRequest, pk: int, obj: Challenge) -> HttpResponse:
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            qa.question_ask(
                actor=request.user, challenge=obj, text=form.cleaned_data["text"], request=request
            )
        except ChallengeError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.QUESTION_ASKED)
            return redirect(reverse("challenges:detail", args=[obj.pk]) + "#qa")
    return render(
        request,
        "challenges/detail.html",
        _detail_context(request, obj, question_form=form),
        status=400,
    )


def _question(request: HttpRequest, pk: int, question_id: int, **kwargs: Any) -> Challenge:
    challenge = visible_or_404(request.user, selectors.challenge_detail(pk))
    challenge.question = get_object_or_404(Question, pk=question_id, challenge=challenge)  # type: ignore[attr-defined]
    return challenge


@require_POST
@rule_required("challenges.answer_question", get_object=_question)
def question_answer(
    request: HttpRequest, pk: int, question_id: int, obj: Challenge
) -> HttpResponse:
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            qa.question_answer(
                actor=request.user,
                question=obj.question,  # type: ignore[attr-defined]
                answer=form.cleaned_data["answer"],
                request=request,
            )
        except ChallengeError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.ANSWERED)
            return redirect(reverse("challenges:detail", args=[obj.pk]) + f"#q{question_id}")
    return render(
        request,
        "challenges/detail.html",
        _detail_context(request, obj, answer_form=form),
        status=400,
    )


@require_POST
@rule_required("challenges.follow_challenge", get_object=_challenge)
def challenge_follow(request: HttpRequest, pk: int, obj: Challenge) -> HttpResponse:
    on = request.POST.get("on") == "1"
    follow_set(actor=request.user, challenge=obj, on=on)
    flash.success(request, messages.FOLLOWING if on else messages.UNFOLLOWED)
    return redirect("challenges:detail", pk=obj.pk)


@public
@require_GET
def challenge_feed(request: HttpRequest) -> HttpResponse:
    """Atom feed of the newest listed challenges (never a proposal)."""
    return atom_response(
        request,
        title=_("Kyoso チャレンジ"),
        description=_("新しく公開されたチャレンジ"),
        list_url="challenges:list",
        feed_url="challenges:feed",
        entries=(
            Entry(
                title=challenge.title,
                path=reverse("challenges:detail", args=[challenge.pk]),
                summary=f"{challenge.get_direction_display()} / {challenge.organization}",
                published=challenge.published_at,
                updated=challenge.updated_at,
                category=str(challenge.get_direction_display()),
            )
            for challenge in selectors.feed_challenges()
        ),
    )


@public
@require_GET
def challenge_map(request: HttpRequest) -> HttpResponse:
    """GeoJSON of the listed challenges with a map point (at most 500, ``truncated`` says when
    more matched); ``bbox`` (west,south,east,north) and ``direction`` narrow it."""
    from pydantic_core import PydanticCustomError

    from kyoso.api.routers.issues.geojson import parse_bbox

    bbox = None
    if request.GET.get("bbox"):
        try:
            bbox = parse_bbox(request.GET["bbox"])
        except PydanticCustomError as error:
            body = {"error": {"code": "bad_request", "message": error.message(), "details": {}}}
            return HttpResponse(
                json.dumps(body, ensure_ascii=False),
                status=400,
                content_type="application/json; charset=utf-8",
            )
    direction = request.GET.get("direction", "")
    rows = selectors.map_challenges(
        bbox=bbox, direction=direction if direction in Direction.values else ""
    )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(c.longitude), float(c.latitude)]},
            "properties": {
                "id": c.pk,
                "title": c.title,
                "direction": c.direction,
                "summary": str(c.organization),
                "url": reverse("challenges:detail", args=[c.pk]),
            },
        }
        for c in rows[: selectors.MAP_LIMIT]
    ]
    return HttpResponse(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": features,
                "truncated": len(rows) > selectors.MAP_LIMIT,
            },
            ensure_ascii=False,
        ),
        content_type="application/geo+json; charset=utf-8",
    )


urlpatterns = [
    path("", challenge_list, name="list"),
    path("feed.atom", challenge_feed, name="feed"),
    path("map.geojson", challenge_map, name="map"),
    path("<int:pk>/", challenge_detail, name="detail"),
    path("<int:pk>/questions/", question_ask, name="ask"),
    path("<int:pk>/questions/<int:question_id>/answer/", question_answer, name="answer"),
    path("<int:pk>/follow/", challenge_follow, name="follow"),
]
