"""Creating and editing an event (with guests and questions), publishing and cancelling it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.accounts import messages as account_messages
from kyoso.core.policy import check, login_required, rule_required
from kyoso.events import messages, selectors
from kyoso.events.forms import (
    EventForm,
    GuestFormSet,
    QuestionFormSet,
    guests_of,
    questions_of,
)
from kyoso.events.models import Event
from kyoso.events.services import events as services
from kyoso.projects.selectors import projects_acted_for


def _forms(request: HttpRequest, event: Event | None) -> tuple[EventForm, Any, Any]:
    data = request.POST if request.method == "POST" else None
    user = request.user
    form = EventForm(
        data,
        user=user,
        organizations=list(selectors.managed_organizations(user)),
        communities=list(selectors.managed_communities(user)),
        projects=list(projects_acted_for(user)),
        event=event,
        initial=EventForm.initial_for(event) if event else None,
    )
    guest_initial = question_initial = None
    if event is not None:
        guest_initial = [
            {"name": g.name, "affiliation": g.affiliation, "title": g.title, "profile": g.profile}
            for g in event.guests.all()
        ]
        question_initial = [{"text": q.text, "required": q.required} for q in event.questions.all()]
    guests = GuestFormSet(data, prefix="guests", initial=guest_initial)
    questions = QuestionFormSet(data, prefix="questions", initial=question_initial)
    return form, guests, questions


def _render(
    request: HttpRequest, forms: tuple[EventForm, Any, Any], *, event: Event | None
) -> HttpResponse:
    form, guests, questions = forms
    return render(
        request,
        "events/form.html",
        {
            "form": form,
            "guests": guests,
            "questions": questions,
            "event": event,
            "creating": event is None,
            "form_error_message": messages.FORM_HAS_ERRORS,
        },
        status=400 if request.method == "POST" else 200,
    )


def _valid(forms: tuple[EventForm, Any, Any]) -> bool:
    return all([f.is_valid() for f in forms])


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    """Declared "signed in" rather than ``events.add_event`` so that a person whose email
    address is not yet confirmed is told why instead of getting a bare 403."""
    if not check("events.add_event", request.user):
        return render(
            request,
            "issues/verify_first.html",
            {"message": account_messages.VERIFICATION_REQUIRED},
            status=403,
        )
    forms = _forms(request, None)
    if request.method == "POST" and _valid(forms):
        form, guests, questions = forms
        publish = request.POST.get("action") != "draft"
        try:
            event = services.event_create(
                actor=request.user,
                data=form.service_data(guests_of(guests), questions_of(questions)),
                publish=publish,
            )
        except services.EventError as error:
            form.add_error(None, error.message)
        else:
            flash.success(
                request, messages.EVENT_CREATED if publish else messages.EVENT_CREATED_DRAFT
            )
            return redirect("events:detail", pk=event.pk)
    return _render(request, forms, event=None)


def _event(request: HttpRequest, pk: int, **kwargs: Any) -> Event:
    return selectors.event_detail(pk, request.user)


@rule_required("events.change_event", get_object=_event)
def event_edit(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    forms = _forms(request, obj)
    if request.method == "POST" and _valid(forms):
        form, guests, questions = forms
        try:
            services.event_update(
                actor=request.user,
                event=obj,
                data=form.service_data(guests_of(guests), questions_of(questions)),
            )
        except services.EventError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.EVENT_SAVED)
            return redirect("events:detail", pk=obj.pk)
    return _render(request, forms, event=obj)


@require_POST
@rule_required("events.change_event", get_object=_event)
def event_publish(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    try:
        services.event_publish(actor=request.user, event=obj)
    except services.EventError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.EVENT_PUBLISHED)
    return redirect("events:detail", pk=obj.pk)


@rule_required("events.change_event", get_object=_event)
def event_cancel(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    """GET asks for confirmation (and an optional note to registrants); POST cancels."""
    if request.method == "POST":
        reason = request.POST.get("reason", "")[:1000].strip()
        try:
            services.event_cancel(actor=request.user, event=obj, reason=reason)
        except services.EventError as error:
            flash.error(request, error.message)
        else:
            flash.success(request, messages.EVENT_CANCELLED_DONE)
        return redirect("events:detail", pk=obj.pk)
    return render(request, "events/cancel_event.html", {"event": obj})


urlpatterns = [
    path("new/", event_create, name="create"),
    path("<int:pk>/edit/", event_edit, name="edit"),
    path("<int:pk>/publish/", event_publish, name="publish"),
    path("<int:pk>/cancel/", event_cancel, name="cancel"),
]
