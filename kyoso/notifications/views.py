"""Notification pages: the list, opening one, marking all read, the settings, and the
one-click unsubscribe from a mail (no login needed)."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kyoso.accounts.models import User
from kyoso.core.http import AuthenticatedHttpRequest
from kyoso.core.keyset import CursorInvalid
from kyoso.core.policy import public, rule_required
from kyoso.notifications import messages, selectors, services
from kyoso.notifications.forms import NotificationSettingsForm
from kyoso.notifications.mail import UnsubscribeInvalid, read_unsubscribe_token
from kyoso.notifications.models import Notification
from kyoso.notifications.types import get_type


def _own_notification(request: HttpRequest, pk: int, **kwargs) -> Notification | None:
    """The signed-in person's notification (404 for anyone else's); None when signed out."""
    if not request.user.is_authenticated:
        return None
    return get_object_or_404(Notification, pk=pk, recipient_id=request.user.pk)


@rule_required("notifications.view_notifications")
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    after = request.GET.get("after", "")[:200]
    notices = []
    try:
        page = selectors.inbox_page(request.user, unread_only=unread_only, after=after)
    except CursorInvalid:
        notices.append(messages.CURSOR_INVALID)
        page = selectors.inbox_page(request.user, unread_only=unread_only)
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "notices": notices,
            "has_unread": any(n.is_unread for n in page.items) or not page.is_first,
            "query_string": "unread=1" if unread_only else "",
        },
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


@rule_required("notifications.open_notification", get_object=_own_notification)
@require_POST
def notification_mark_read(
    request: AuthenticatedHttpRequest, pk: int, obj: Notification
) -> HttpResponse:
    """Mark one notification read without opening it; back to the list."""
    services.notification_mark_read(actor=request.user, notification=obj)
    return redirect("notifications:list")


@rule_required("notifications.view_notifications")
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = selectors.settings_of(request.user)
    initial = NotificationSettingsForm.initial_from(
        current.deliveries, current.preference, translation.get_language() or "ja"
    )
    form = NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notification_settings_update(
            actor=request.user,
            deliveries=form.deliveries(),
            quiet_start=form.cleaned_data["quiet_start"],
            quiet_end=form.cleaned_data["quiet_end"],
            language=form.cleaned_data["language"],
        )
        flash.success(request, messages.PREFERENCE_SAVED)
        return redirect("notifications:settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "notifications/settings.html", {"form": form}, status=status)


@public
def notification_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows which mail the link stops; the POST from that page stops it (as the
    communities' leaders' mail does): a mail scanner that follows links stops nothing."""
    error = None
    kind = None
    done = False
    try:
        if request.method == "POST":
            _user, kind = services.notification_unsubscribe(token=token)
            done = True
        else:
            user_id, group = read_unsubscribe_token(token)
            kind = get_type(group)
            if not User.objects.filter(
                pk=user_id, is_active=True, deleted_at__isnull=True
            ).exists():
                error = messages.UNSUBSCRIBE_PERSON_GONE
    except UnsubscribeInvalid:
        error = messages.UNSUBSCRIBE_LINK_INVALID
    except User.DoesNotExist:
        error = messages.UNSUBSCRIBE_PERSON_GONE
    return render(
        request,
        "notifications/unsubscribe.html",
        {
            "kind": kind,
            "error": error,
            "done": messages.UNSUBSCRIBED % {"type": kind.label} if done and kind else "",
        },
        status=400 if error else 200,
    )
