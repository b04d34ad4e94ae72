"""An idea event's board: pitches, their teams, the organizer's rounds. Join and leave work
with htmx (the pitch card is swapped in place) and without JavaScript (a normal POST that comes
back to the board with a message)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kyoso.core.policy import check, rule_required
from kyoso.events import messages
from kyoso.events.forms_ideas import PitchForm, RoundForm
from kyoso.events.models import Event, IdeaRound
from kyoso.events.selectors_ideas import event_for_ideas, idea_board, pitch_card
from kyoso.events.services import ideas as service
from kyoso.events.services.refusals import Refused


def _event(request: HttpRequest, pk: int, **kwargs: Any) -> Event:
    return event_for_ideas(pk)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _board_url(event: Event, anchor: str = "") -> str:
    return reverse("events:ideas", args=[event.pk]) + anchor


def _board(
    request: HttpRequest, event: Event, *, pitch_form: PitchForm | None = None, status: int = 200
) -> HttpResponse:
    board = idea_board(event, request.user)
    context = {
        "event": event,
        "board": board,
        "pitch_form": pitch_form or PitchForm(),
        "can_pitch": check("events.add_pitch", request.user, event),
        "can_team_up": check("events.join_team", request.user, event),
        "can_run": check("events.run_idea_rounds", request.user, event),
        "round_form": RoundForm(initial={"round": event.idea_round or IdeaRound.PITCH}),
        "rounds": IdeaRound.choices,
    }
    return render(request, "events/ideas.html", context, status=status)


@rule_required("events.view_ideas", get_object=_event)
def ideas(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    return _board(request, obj)


@rule_required("events.take_part_in_ideas", get_object=_event)
@require_POST
def pitch_create(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    form = PitchForm(request.POST)
    if form.is_valid():
        try:
            service.pitch_create(actor=request.user, event=obj, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            flash.success(request, messages.PITCH_POSTED)
            return redirect(_board_url(obj, "#pitches"))
    return _board(request, obj, pitch_form=form, status=400)


def _team_action(request: HttpRequest, event: Event, pitch_id: int, *, join: bool) -> HttpResponse:
    pitch = event.pitches.filter(pk=pitch_id).select_related("event").first()
    if pitch is None:
        raise Http404
    pitch.event = event
    error = None
    try:
        if join:
            service.team_join(actor=request.user, pitch=pitch)
        else:
            service.team_leave(actor=request.user, pitch=pitch)
    except Refused as refusal:
        error = refusal.message
    if _is_htmx(request):
        card = pitch_card(event, pitch.pk, request.user)
        context = {
            "event": event,
            "pitch": card,
            "can_team_up": check("events.join_team", request.user, event),
            "viewer_team_id": card.viewer_team_id,  # type: ignore[attr-defined]
            "card_error": error,
        }
        return render(request, "events/_ideas_pitch.html", context, status=400 if error else 200)
    if error is not None:
        flash.error(request, error)
    else:
        done = messages.TEAM_JOINED if join else messages.TEAM_LEFT
        flash.success(request, done % {"title": pitch.title})
    return redirect(_board_url(event, f"#pitch-{pitch.pk}"))


@rule_required("events.take_part_in_ideas", get_object=_event)
@require_POST
def team_join(request: HttpRequest, pk: int, pitch_id: int, obj: Event) -> HttpResponse:
    return _team_action(request, obj, pitch_id, join=True)


@rule_required("events.take_part_in_ideas", get_object=_event)
@require_POST
def team_leave(request: HttpRequest, pk: int, pitch_id: int, obj: Event) -> HttpResponse:
    return _team_action(request, obj, pitch_id, join=False)


@rule_required("events.run_idea_rounds", get_object=_event)
@require_POST
def round_set(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    form = RoundForm(request.POST)
    if not form.is_valid():
        flash.error(request, messages.ROUND_INVALID)
        return redirect(_board_url(obj, "#rounds"))
    try:
        service.idea_round_set(
            actor=request.user, event=obj, round=form.cleaned_data["round"], request=request
        )
    except Refused as refusal:
        flash.error(request, refusal.message)
    else:
        label = IdeaRound(form.cleaned_data["round"]).label
        flash.success(request, messages.ROUND_CHANGED % {"round": label})
    return redirect(_board_url(obj, "#rounds"))


urlpatterns = [
    path("<int:pk>/ideas/", ideas, name="ideas"),
    path("<int:pk>/ideas/pitch/", pitch_create, name="pitch_create"),
    path("<int:pk>/ideas/<int:pitch_id>/join/", team_join, name="team_join"),
    path("<int:pk>/ideas/<int:pitch_id>/leave/", team_leave, name="team_leave"),
    path("<int:pk>/ideas/round/", round_set, name="idea_round"),
]
