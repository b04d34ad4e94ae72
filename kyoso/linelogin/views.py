"""LINE Login pages: start, LINE's callback, sign-up, the person's connection, the channel."""

from __future__ import annotations

import logging
import secrets
import time

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kyoso.accounts import messages as account_messages
from kyoso.accounts.services import security
from kyoso.accounts.services.registration import EmailTakenError
from kyoso.accounts.views import PENDING_2FA_KEY, _safe_next
from kyoso.core.http import AuthenticatedHttpRequest
from kyoso.core.policy import rule_required
from kyoso.linelogin import client, messages, services
from kyoso.linelogin.forms import LineChannelForm, LineSignupForm
from kyoso.linelogin.models import LineAccount

log = logging.getLogger(__name__)

FLOW_KEY = "kyoso_line_flow"
PENDING_SIGNUP_KEY = "kyoso_line_signup"
#: How long the round trip to LINE, and then the sign-up form, may take (seconds).
FLOW_MAX_AGE = 600
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _redirect_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("linelogin:callback"))


def _start(request: HttpRequest, *, mode: str, next_url: str) -> HttpResponse:
    channel = services.channel()
    if not channel.is_usable:
        flash.error(request, messages.LINE_UNAVAILABLE)
        return redirect("accounts:login" if mode == "login" else "linelogin:connection")
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    request.session[FLOW_KEY] = {
        "state": state,
        "nonce": nonce,
        "mode": mode,
        "next": next_url,
        "at": time.time(),
    }
    return redirect(
        client.authorize_url(
            channel_id=channel.channel_id,
            redirect_uri=_redirect_uri(request),
            state=state,
            nonce=nonce,
        )
    )


@rule_required("linelogin.start_login")
def start_login(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_safe_next(request, reverse(settings.LOGIN_REDIRECT_URL)))
    return _start(
        request, mode="login", next_url=_safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
    )


@rule_required("linelogin.change_own_connection")
@require_POST
def start_connect(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _start(request, mode="connect", next_url=reverse("linelogin:connection"))


def _failed(request: HttpRequest, message, *, reason: str) -> HttpResponse:
    log.info("LINE login refused: %s", reason)
    return render(request, "linelogin/failed.html", {"message": message}, status=400)


@rule_required("linelogin.start_login")
def callback(request: HttpRequest) -> HttpResponse:
    flow = request.session.pop(FLOW_KEY, None)
    if not isinstance(flow, dict) or time.time() - flow.get("at", 0) > FLOW_MAX_AGE:
        return _failed(request, messages.LINE_FAILED, reason="no_flow")
    state = request.GET.get("state", "")
    if not secrets.compare_digest(state.encode(), str(flow["state"]).encode()):
        return _failed(request, messages.LINE_FAILED, reason="state_mismatch")
    if request.GET.get("error"):
        return _failed(request, messages.LINE_CANCELLED, reason="cancelled")
    code = request.GET.get("code", "")
    channel = services.channel()
    if not code or not channel.is_usable:
        return _failed(request, messages.LINE_FAILED, reason="no_code")
    try:
        identity = client.identity_from_code(
            channel_id=channel.channel_id,
            channel_secret=channel.channel_secret,
            code=code,
            redirect_uri=_redirect_uri(request),
            nonce=flow["nonce"],
        )
    except client.LineError as error:
        return _failed(request, messages.LINE_FAILED, reason=error.reason)

    if flow["mode"] == "connect":
        if not request.user.is_authenticated:
            return _failed(request, messages.LINE_FAILED, reason="connect_signed_out")
        try:
            services.line_account_connect(actor=request.user, identity=identity, request=request)
        except services.LineTaken:
            flash.error(request, messages.LINE_TAKEN)
        except services.AlreadyConnected:
            flash.error(request, messages.LINE_ALREADY_CONNECTED)
        else:
            flash.success(request, messages.LINE_CONNECTED)
        return redirect("linelogin:connection")

    user = services.user_for_line(identity.sub)
    if user is not None:
        if security.has_confirmed_totp(user):
            request.session[PENDING_2FA_KEY] = {
                "user": user.pk,
                "at": time.time(),
                "next": flow["next"],
            }
            return redirect("accounts:login_2fa")
        login(request, user, backend=BACKEND)
        return redirect(flow["next"])
    if LineAccount.objects.filter(sub=identity.sub).exists():
        # Connected to an account that is closed or suspended.
        return _failed(request, account_messages.LOGIN_INACTIVE, reason="inactive")
    request.session[PENDING_SIGNUP_KEY] = {
        "sub": identity.sub,
        "name": identity.name,
        "at": time.time(),
    }
    return redirect("linelogin:signup")


@rule_required("linelogin.signup")
def signup(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_SIGNUP_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > FLOW_MAX_AGE:
        request.session.pop(PENDING_SIGNUP_KEY, None)
        flash.error(request, messages.LINE_SIGNUP_EXPIRED)
        return redirect("accounts:login")
    form = LineSignupForm(
        request.POST or None, initial={"display_name": pending.get("name", "")[:50]}
    )
    if request.method == "POST" and form.is_valid():
        identity = client.LineIdentity(sub=pending["sub"], name=pending.get("name", ""))
        try:
            user = services.user_signup_with_line(
                identity=identity,
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                request=request,
            )
        except EmailTakenError:
            form.add_error("email", account_messages.EMAIL_TAKEN)
        except services.LineTaken:
            request.session.pop(PENDING_SIGNUP_KEY, None)
            flash.error(request, messages.LINE_TAKEN)
            return redirect("accounts:login")
        else:
            request.session.pop(PENDING_SIGNUP_KEY, None)
            login(request, user, backend=BACKEND)
            flash.success(request, account_messages.VERIFICATION_SENT)
            return redirect("accounts:onboarding", step="place")
    return render(
        request, "linelogin/signup.html", {"form": form, "line_name": pending.get("name", "")}
    )


@rule_required("linelogin.change_own_connection")
def connection(request: AuthenticatedHttpRequest) -> HttpResponse:
    account = LineAccount.objects.filter(user=request.user).first()
    return render(
        request,
        "linelogin/connection.html",
        {
            "account": account,
            "channel": services.channel(),
            "can_disconnect": services.can_sign_in_without_line(request.user),
        },
    )


@rule_required("linelogin.change_own_connection")
@require_POST
def disconnect(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        services.line_account_disconnect(actor=request.user, request=request)
    except services.LastWayIn:
        flash.error(request, messages.LINE_LAST_WAY_IN)
    else:
        flash.success(request, messages.LINE_DISCONNECTED)
    return redirect("linelogin:connection")


@rule_required("linelogin.change_channel")
def channel_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    row = services.channel()
    form = LineChannelForm(
        request.POST or None,
        initial={"enabled": row.enabled, "channel_id": row.channel_id},
        has_secret=bool(row.channel_secret),
    )
    if request.method == "POST" and form.is_valid():
        services.line_channel_save(
            actor=request.user,
            enabled=form.cleaned_data["enabled"],
            channel_id=form.cleaned_data["channel_id"],
            channel_secret=form.cleaned_data["channel_secret"],
            request=request,
        )
        flash.success(request, messages.LINE_SETTINGS_SAVED)
        return redirect("linelogin:channel")
    return render(
        request,
        "linelogin/channel.html",
        {
            "form": form,
            "channel": row,
            "callback_url": _redirect_uri(request),
        },
    )
