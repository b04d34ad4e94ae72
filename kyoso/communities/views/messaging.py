"""Leaders' mail to the members, and the one-click unsubscribe pages (no login needed)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from kyoso.communities import messages, selectors
from kyoso.communities.forms import MessageForm
from kyoso.communities.models import Community
from kyoso.communities.services import messaging
from kyoso.communities.services.common import CommunityError
from kyoso.core.policy import public, rule_required


def _community(request: HttpRequest, slug: str, **kwargs: Any) -> Community:
    return selectors.community_detail(slug, request.user)


@rule_required("communities.message_members", get_object=_community)
def message(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                sent = messaging.message_send(
                    actor=request.user,
                    community=obj,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    request=request,
                )
            except CommunityError as error:
                form.add_error(None, error.message)
            else:
                flash.success(request, messages.MESSAGE_SENT % {"count": sent.recipient_count})
                return redirect("communities:message", slug=obj.slug)
        status = 400
    return render(
        request,
        "communities/message.html",
        {
            "community": obj,
            "form": form,
            "quota": messaging.quota_of(obj),
            "daily_limit": messaging.DAILY_LIMIT,
            "interval_minutes": int(messaging.MIN_INTERVAL.total_seconds() // 60),
            "recipient_count": selectors.active_recipients(obj, sender=request.user).count(),
            "sent": selectors.recent_messages(obj),
        },
        status=status,
    )


@public
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link will do; the POST from that page does it.

    A mail scanner that follows links therefore never unsubscribes anyone.
    """
    error = None
    membership = None
    done = False
    try:
        if request.method == "POST":
            membership = messaging.membership_unsubscribe(token=token)
            done = True
        else:
            membership = messaging.membership_for_token(token)
            if membership is None:
                error = messages.UNSUBSCRIBE_MEMBERSHIP_GONE
    except CommunityError as refusal:
        error = refusal.message
    return render(
        request,
        "communities/unsubscribe.html",
        {
            "membership": membership,
            "community": membership.community if membership is not None else None,
            "error": error,
            "done": done,
        },
        status=400 if error else 200,
    )


urlpatterns = [
    path("<slug:slug>/message/", message, name="message"),
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
]
