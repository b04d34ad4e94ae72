"""Notification pages: the list, opening one, marking all read, and mail preferences."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kyoso.core.http import AuthenticatedHttpRequest
from kyoso.core.policy import rule_required
from kyoso.notifications import messages, selectors, services
from kyoso.notifications.forms import PreferenceForm
from kyoso.notifications.models import Notification


def _own_notification(request: HttpRequest, pk: int, **kwargs) -> Notification | None:
    """The signed-in person's notification (404 for anyone else's); None when signed out."""
    if not request.user.is_authenticated:
        return None
    return get_object_or_404(Notification, pk=pk, recipient_id=request.user.pk)


@rule_required("notifications.view_notifications")
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = selectors.inbox_page(request.user, request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "has_unread": any(n.unread for n in page)},
    )


@rule_required("notifications.view_notifications")
@require_POST
def notification_mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    if services.notifications_mark_all_read(actor=request.user):
        flash.success(request, messages.ALL_MARKED_READ)
    else:
        flash.info(request, messages.NOTHING_UNREAD)
    return redirect("notifications:list")


@rule_required("notifications.open_notification", get_object=_own_notification)
def notification_open(
    request: AuthenticatedHttpRequest, pk: int, obj: Notification
) -> HttpResponse:
    """Mark the notification read and go where it points (only ever within this site)."""
    services.notification_mark_read(actor=request.user, notification=obj)
    if url_has_allowed_host_and_scheme(
        obj.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(obj.url)
    return redirect("notifications:list")


@rule_required("notifications.view_notifications")
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    initial = {"email_frequency": selectors.preference_of(request.user)}
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preference_update(
            actor=request.user, email_frequency=form.cleaned_data["email_frequency"]
        )
        flash.success(request, messages.PREFERENCE_SAVED)
        return redirect("notifications:settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "notifications/settings.html", {"form": form}, status=status)
