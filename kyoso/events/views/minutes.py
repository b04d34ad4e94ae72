"""Minutes (議事録) pages: read, write, publish/unpublish, and the issues surfaced at the event
(link an existing issue found by search or number, post a new one through the issues app)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kyoso.accounts import messages as account_messages
from kyoso.core.policy import check, rule_required
from kyoso.events import messages
from kyoso.events.forms_minutes import LinkIssueForm, MinutesForm, PublishForm, issue_initial_for
from kyoso.events.models import Event, MinutesVisibility
from kyoso.events.rules import minutes_of
from kyoso.events.selectors_followup import (
    conversion_of,
    event_for_minutes,
    linkable_issue_search,
    surfaced_for_page,
)
from kyoso.events.services import minutes as service
from kyoso.events.services.refusals import Refused
from kyoso.issues import messages as issue_messages
from kyoso.issues.forms import IssueForm
from kyoso.issues.selectors import posting_organizations
from kyoso.issues.services.posting import IssueError


def _event(request: HttpRequest, pk: int, **kwargs: Any) -> Event:
    return event_for_minutes(pk)


def _edit_url(event: Event, anchor: str = "") -> str:
    return reverse("events:minutes_edit", args=[event.pk]) + anchor


@rule_required("events.view_minutes", get_object=_event)
def minutes_view(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    minutes = minutes_of(obj)
    can_edit = check("events.change_minutes", request.user, obj)
    context = {
        "event": obj,
        "minutes": minutes,
        "issues": surfaced_for_page(minutes, request.user, organizer=can_edit),
        "can_edit": can_edit,
        "conversion": conversion_of(obj) if can_edit and minutes is not None else None,
    }
    return render(request, "events/minutes.html", context)


def _render_edit(
    request: HttpRequest,
    event: Event,
    *,
    form: MinutesForm | None = None,
    link_form: LinkIssueForm | None = None,
    status: int = 200,
) -> HttpResponse:
    minutes = minutes_of(event)
    if form is None:
        initial = (
            {"body": minutes.body, "visibility": minutes.visibility}
            if minutes is not None
            else {"visibility": MinutesVisibility.MEMBERS}
        )
        form = MinutesForm(initial=initial)
    query = request.GET.get("q", "")[:200]
    context = {
        "event": event,
        "minutes": minutes,
        "form": form,
        "link_form": link_form or LinkIssueForm(),
        # Its own ids: the minutes form above has a "visibility" field too.
        "publish_form": PublishForm(
            initial={"visibility": minutes.visibility if minutes else MinutesVisibility.MEMBERS},
            auto_id="publish_%s",
        ),
        "issues": surfaced_for_page(minutes, request.user, organizer=True),
        "query": query,
        "hits": linkable_issue_search(query, request.user) if query else [],
        "conversion": conversion_of(event) if minutes is not None else None,
    }
    return render(request, "events/minutes_edit.html", context, status=status)


@rule_required("events.change_minutes", get_object=_event)
def minutes_edit(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    if request.method != "POST":
        return _render_edit(request, obj)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            minutes = service.minutes_save(
                actor=request.user,
                event=obj,
                body=form.cleaned_data["body"],
                visibility=form.cleaned_data["visibility"],
                request=request,
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            published = minutes.published_at is not None
            flash.success(
                request, messages.MINUTES_SAVED_PUBLISHED if published else messages.MINUTES_SAVED
            )
            return redirect(_edit_url(obj))
    return _render_edit(request, obj, form=form, status=400)


@rule_required("events.change_minutes", get_object=_event)
@require_POST
def minutes_publish(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    form = PublishForm(request.POST)
    if not form.is_valid():
        flash.error(request, messages.MINUTES_VISIBILITY_INVALID)
        return redirect(_edit_url(obj, "#publish"))
    try:
        sent = service.minutes_publish(
            actor=request.user,
            event=obj,
            visibility=form.cleaned_data["visibility"],
            request=request,
        )
    except Refused as refusal:
        flash.error(request, refusal.message)
        return redirect(_edit_url(obj))
    if sent:
        flash.success(request, messages.MINUTES_PUBLISHED_WITH_FOLLOWUP % {"count": sent})
    else:
        flash.success(request, messages.MINUTES_PUBLISHED)
    return redirect("events:minutes", pk=obj.pk)


@rule_required("events.change_minutes", get_object=_event)
@require_POST
def minutes_unpublish(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    try:
        service.minutes_unpublish(actor=request.user, event=obj, request=request)
    except Refused as refusal:
        flash.error(request, refusal.message)
    else:
        flash.success(request, messages.MINUTES_UNPUBLISHED)
    return redirect(_edit_url(obj, "#publish"))


@rule_required("events.change_minutes", get_object=_event)
@require_POST
def link_issue(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    form = LinkIssueForm(request.POST)
    if form.is_valid():
        try:
            issue, added = service.surfaced_issue_link(
                actor=request.user, event=obj, issue_id=form.cleaned_data["issue"]
            )
        except Refused as refusal:
            form.add_error("issue", refusal.message)
        else:
            done = messages.MINUTES_ISSUE_LINKED if added else messages.MINUTES_ISSUE_ALREADY_LINKED
            flash.success(request, done % {"title": issue.title})
            return redirect(_edit_url(obj, "#surfaced"))
    return _render_edit(request, obj, link_form=form, status=400)


@rule_required("events.change_minutes", get_object=_event)
@require_POST
def unlink_issue(request: HttpRequest, pk: int, issue_id: int, obj: Event) -> HttpResponse:
    try:
        issue = service.surfaced_issue_unlink(actor=request.user, event=obj, issue_id=issue_id)
    except Refused as refusal:
        flash.error(request, refusal.message)
    else:
        if issue is not None:
            flash.success(request, messages.MINUTES_ISSUE_UNLINKED % {"title": issue.title})
    return redirect(_edit_url(obj, "#surfaced"))


@rule_required("events.change_minutes", get_object=_event)
def new_issue(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    """Post a new issue from the minutes (the issues app's form, service and messages)."""
    if not check("issues.add_issue", request.user):
        return render(
            request,
            "issues/verify_first.html",
            {"message": account_messages.VERIFICATION_REQUIRED},
            status=403,
        )
    form = IssueForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        organizations=posting_organizations(request.user),
        initial=issue_initial_for(obj),
    )
    if request.method == "POST" and form.is_valid():
        try:
            issue = service.surfaced_issue_create(
                actor=request.user,
                event=obj,
                data=form.service_data(),
                attachments=form.uploads,
                request=request,
            )
        except IssueError as error:
            form.add_error(None, error.message)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            flash.success(request, messages.MINUTES_ISSUE_CREATED % {"title": issue.title})
            return redirect(_edit_url(obj, "#surfaced"))
    status = 400 if request.method == "POST" else 200
    context = {
        "event": obj,
        "form": form,
        "form_error_message": messages.MINUTES_ISSUE_FORM_ERRORS,
        "files_lost": request.method == "POST" and bool(request.FILES) and bool(form.errors),
        "files_lost_message": issue_messages.FILES_MUST_BE_CHOSEN_AGAIN,
    }
    return render(request, "events/minutes_new_issue.html", context, status=status)


@rule_required("events.change_minutes", get_object=_event)
def issue_search(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    """Issues matching the typed words, each with a button that links it (htmx fragment)."""
    query = request.GET.get("q", "")[:200]
    return render(
        request,
        "events/_minutes_issue_hits.html",
        {"event": obj, "query": query, "hits": linkable_issue_search(query, request.user)},
    )


urlpatterns = [
    path("<int:pk>/minutes/", minutes_view, name="minutes"),
    path("<int:pk>/minutes/edit/", minutes_edit, name="minutes_edit"),
    path("<int:pk>/minutes/publish/", minutes_publish, name="minutes_publish"),
    path("<int:pk>/minutes/unpublish/", minutes_unpublish, name="minutes_unpublish"),
    path("<int:pk>/minutes/issues/link/", link_issue, name="minutes_link_issue"),
    path(
        "<int:pk>/minutes/issues/<int:issue_id>/unlink/",
        unlink_issue,
        name="minutes_unlink_issue",
    ),
    path("<int:pk>/minutes/issues/new/", new_issue, name="minutes_new_issue"),
    path("<int:pk>/minutes/issues/search/", issue_search, name="minutes_issue_search"),
]
