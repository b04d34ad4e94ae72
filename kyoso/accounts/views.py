"""Account pages: sign-up, sign-in (with 2FA), email verification, settings, privacy."""

from __future__ import annotations

import time

import segno
from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kyoso.accounts import messages
from kyoso.accounts.forms import (
    AvatarForm,
    DeleteAccountForm,
    LoginForm,
    ProfileForm,
    QueuedPasswordResetForm,
    SignupForm,
    TOTPCodeForm,
)
from kyoso.accounts.models import User
from kyoso.accounts.selectors import profile_for_viewer
from kyoso.accounts.services import privacy, profile, registration, security
from kyoso.core.http import AuthenticatedHttpRequest
from kyoso.core.images import ImageRejected
from kyoso.core.personal_data import deletion_blockers
from kyoso.core.policy import login_required, public, rule_required
from kyoso.core.ratelimit import limit_posts

PENDING_2FA_KEY = "kyoso_pending_2fa"
PENDING_2FA_MAX_AGE = 300

IMAGE_ERRORS = {
    "too_large": messages.AVATAR_TOO_LARGE,
    "not_image": messages.AVATAR_NOT_IMAGE,
    "too_many_pixels": messages.AVATAR_TOO_MANY_PIXELS,
}


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@rule_required("accounts.signup")
@limit_posts("signup")
def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "agree_terms"}
        try:
            user = registration.user_signup(**data)
        except registration.EmailTakenError:
            form.add_error("email", messages.EMAIL_TAKEN)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            flash.success(request, messages.VERIFICATION_SENT)
            return redirect("accounts:onboarding", step="place")
    return render(request, "accounts/signup.html", {"form": form})


@public
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration.user_verify_email(token=token)
    except registration.VerificationInvalid:
        return render(
            request,
            "accounts/verify_result.html",
            {"ok": False, "message": messages.VERIFICATION_INVALID},
            status=400,
        )
    return render(
        request, "accounts/verify_result.html", {"ok": True, "message": messages.VERIFICATION_DONE}
    )


@login_required
@require_POST
def resend_verification(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_email_verified:
        registration.send_verification_email(user=request.user)
        flash.info(request, messages.VERIFICATION_SENT)
    return redirect(_safe_next(request, reverse("accounts:settings")))


@rule_required("accounts.login")
@limit_posts("login")
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = security.credentials_check(
                request=request,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
            )
        except security.LoginThrottled as throttled:
            form.add_error(None, messages.LOGIN_THROTTLED % {"seconds": throttled.seconds})
            status = 429
        except security.LoginFailed:
            form.add_error(None, messages.LOGIN_INVALID)
        else:
            next_url = _safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
            if security.has_confirmed_totp(user):
                request.session[PENDING_2FA_KEY] = {
                    "user": user.pk,
                    "at": time.time(),
                    "next": next_url,
                }
                return redirect("accounts:login_2fa")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(next_url)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _safe_next(request, "")},
        status=status,
    )


@rule_required("accounts.login")
def login_2fa(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_2FA_KEY)
    if not pending or time.time() - pending["at"] > PENDING_2FA_MAX_AGE:
        request.session.pop(PENDING_2FA_KEY, None)
        return redirect("accounts:login")
    user = get_object_or_404(User, pk=pending["user"], is_active=True)
    form = TOTPCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            accepted = security.second_factor_check(user=user, code=form.cleaned_data["code"])
        except security.LoginThrottled as throttled:
            form.add_error(None, messages.LOGIN_THROTTLED % {"seconds": throttled.seconds})
            status = 429
        else:
            if accepted:
                request.session.pop(PENDING_2FA_KEY, None)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect(pending["next"])
            form.add_error("code", messages.TOTP_INVALID)
    return render(request, "accounts/login_2fa.html", {"form": form}, status=status)


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _get_person(request: HttpRequest, pk: int) -> User:
    return get_object_or_404(User, pk=pk)


@rule_required("accounts.view_profile", get_object=_get_person)
def person_detail(request: HttpRequest, pk: int, obj: User) -> HttpResponse:
    return render(
        request,
        "accounts/person_detail.html",
        {"person": obj, "fields": profile_for_viewer(viewer=request.user, person=obj)},
    )


@login_required
def settings_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    own = profile.profile_of(user)
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(user, own))
    if request.method == "POST" and form.is_valid():
        profile.profile_update(actor=user, user=user, data=form.service_data(), request=request)
        flash.success(request, messages.PROFILE_SAVED)
        return redirect("accounts:settings")
    return render(
        request,
        "accounts/settings_profile.html",
        {"form": form, "profile": own, "avatar_form": AvatarForm()},
    )


@login_required
@require_POST
def settings_avatar(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AvatarForm(request.POST, request.FILES)
    if request.POST.get("remove"):
        profile.avatar_remove(actor=request.user, user=request.user)
        flash.success(request, messages.AVATAR_REMOVED)
        return redirect("accounts:settings")
    if form.is_valid():
        upload = form.cleaned_data["avatar"]
        if upload.size > profile.AVATAR_MAX_BYTES:
            form.add_error("avatar", messages.AVATAR_TOO_LARGE)
        else:
            try:
                profile.avatar_set(actor=request.user, user=request.user, data=upload.read())
            except ImageRejected as rejected:
                form.add_error("avatar", IMAGE_ERRORS[rejected.reason])
            else:
                flash.success(request, messages.AVATAR_SAVED)
                return redirect("accounts:settings")
    own = profile.profile_of(request.user)
    profile_form = ProfileForm(initial=ProfileForm.initial_for(request.user, own))
    return render(
        request,
        "accounts/settings_profile.html",
        {"form": profile_form, "profile": own, "avatar_form": form},
        status=400,
    )


@login_required
def settings_security(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    device = getattr(user, "totp_device", None)
    context: dict = {
        "device": device,
        "required": security.two_factor_required(user),
        "form": TOTPCodeForm(),
    }
    if device is not None and not device.is_confirmed:
        uri = security.totp_provisioning_uri(device)
        context["qr_svg"] = segno.make(uri, error="m").svg_inline(scale=4, omitsize=True)
        context["secret"] = device.secret
    return render(request, "accounts/settings_security.html", context)


@login_required
@require_POST
def totp_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    device = getattr(request.user, "totp_device", None)
    if device is None or not device.is_confirmed:
        security.totp_device_start(user=request.user)
    return redirect("accounts:security")


@login_required
@require_POST
def totp_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TOTPCodeForm(request.POST)
    if form.is_valid() and security.totp_device_confirm(
        user=request.user, code=form.cleaned_data["code"], request=request
    ):
        flash.success(request, messages.TOTP_ENABLED)
        return redirect("accounts:security")
    flash.error(request, messages.TOTP_INVALID)
    return redirect("accounts:security")


@login_required
@require_POST
def totp_disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    if security.two_factor_required(request.user):
        flash.error(request, messages.TOTP_CANNOT_DISABLE)
        return redirect("accounts:security")
    form = TOTPCodeForm(request.POST)
    device = getattr(request.user, "totp_device", None)
    if (
        device is not None
        and form.is_valid()
        and security.totp_verify(device=device, code=form.cleaned_data["code"])
    ):
        security.totp_device_remove(actor=request.user, user=request.user, request=request)
        flash.success(request, messages.TOTP_DISABLED)
    else:
        flash.error(request, messages.TOTP_INVALID)
    return redirect("accounts:security")


@login_required
def settings_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        archive = privacy.user_export_data(actor=request.user, user=request.user, request=request)
        response = HttpResponse(archive, content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="kyoso-my-data.zip"'
        return response
    return render(request, "accounts/settings_data.html")


@login_required
def settings_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    blockers = deletion_blockers(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        user = request.user
        privacy.user_delete(actor=user, user=user, request=request)
        logout(request)
        flash.success(request, messages.ACCOUNT_DELETED)
        return redirect("core:home")
    return render(request, "accounts/settings_delete.html", {"form": form, "blockers": blockers})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        response = super().form_valid(form)
        update_session_auth_hash(self.request, form.user)
        from kyoso.audit.models import AuditEvent
        from kyoso.audit.services import audit_record

        audit_record(
            actor=form.user,
            action=AuditEvent.Action.PASSWORD_CHANGED,
            target=form.user,
            request=self.request,
        )
        flash.success(self.request, _password_changed_message())
        return response


def _password_changed_message():
    from django.utils.translation import gettext

    return gettext("パスワードを変更しました。")


password_change = login_required(PasswordChangeView.as_view())
password_reset = public(
    limit_posts("password_reset")(
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            form_class=QueuedPasswordResetForm,
            email_template_name="accounts/email/password_reset_body.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
            extra_email_context={"base_url": settings.BASE_URL},
        )
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
