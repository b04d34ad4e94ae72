"""Sign-in security: failed-login throttling, TOTP two-factor, the staff 2FA policy."""

from __future__ import annotations

import hashlib
import time

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from kyoso.accounts.models import TOTPDevice, User
from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.text import normalize_email

TOTP_ISSUER = "Kyoso"


# --- Failed-login throttling ---------------------------------------------------------------


def _throttle_key(email: str) -> str:
    digest = hashlib.sha256(normalize_email(email).encode()).hexdigest()
    return f"kyoso:login-failures:{digest}"


def login_wait_seconds(email: str) -> int:
    """Seconds until ``email`` may try again; 0 when it may try now.

    Failures are timestamps kept in the cache for the window; the account is blocked once
    ``KYOSO_LOGIN_FAILURE_LIMIT`` of them fall inside ``KYOSO_LOGIN_FAILURE_WINDOW`` seconds.
    """
    window = settings.KYOSO_LOGIN_FAILURE_WINDOW
    now = time.time()
    recent = [t for t in cache.get(_throttle_key(email), []) if now - t < window]
    if len(recent) < settings.KYOSO_LOGIN_FAILURE_LIMIT:
        return 0
    oldest_counted = sorted(recent)[-settings.KYOSO_LOGIN_FAILURE_LIMIT]
    return max(1, int(window - (now - oldest_counted)) + 1)


def _record_failure(email: str) -> None:
    window = settings.KYOSO_LOGIN_FAILURE_WINDOW
    now = time.time()
    key = _throttle_key(email)
    recent = [t for t in cache.get(key, []) if now - t < window]
    recent.append(now)
    cache.set(key, recent, timeout=window)


def _clear_failures(email: str) -> None:
    cache.delete(_throttle_key(email))


class LoginThrottled(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class LoginFailed(Exception):
    pass


def credentials_check(*, request: HttpRequest | None, email: str, password: str) -> User:
    """Authenticate, counting failures per account; raise LoginThrottled or LoginFailed."""
    wait = login_wait_seconds(email)
    if wait:
        audit_record(
            actor=None,
            action=AuditEvent.Action.LOGIN_THROTTLED,
            data={"email_sha256": hashlib.sha256(normalize_email(email).encode()).hexdigest()},
            request=request,
        )
        raise LoginThrottled(wait)
    user = authenticate(request, username=normalize_email(email), password=password)
    if user is None or user.deleted_at is not None:
        _record_failure(email)
        target = User.objects.filter(email=normalize_email(email)).first()
        audit_record(
            actor=None,
            action=AuditEvent.Action.LOGIN_FAILED,
            target=target,
            data={} if target else {"unknown_account": True},
            request=request,
        )
        raise LoginFailed
    _clear_failures(email)
    return user


# --- TOTP ------------------------------------------------------------------------------------


def totp_device_start(*, user: User) -> TOTPDevice:
    """Create (or restart) an unconfirmed device with a fresh secret."""
    device, _created = TOTPDevice.objects.update_or_create(
        user=user,
        defaults={"secret": pyotp.random_base32(), "confirmed_at": None, "last_used_counter": 0},
    )
    return device


def totp_provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.email, issuer_name=TOTP_ISSUER
    )


def totp_verify(*, device: TOTPDevice, code: str) -> bool:
    """Check a code, allowing one step of clock drift, and never accept a code twice.

    The accepted counter is claimed with a conditional UPDATE so that two parallel requests
    with the same code cannot both succeed.
    """
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return False
    totp = pyotp.TOTP(device.secret)
    now = timezone.now().timestamp()
    for drift in (0, -1, 1):
        at = now + drift * totp.interval
        if totp.verify(code, for_time=at):
            counter = int(at // totp.interval)
            claimed = TOTPDevice.objects.filter(pk=device.pk, last_used_counter__lt=counter).update(
                last_used_counter=counter
            )
            return claimed == 1
    return False


@transaction.atomic
def totp_device_confirm(*, user: User, code: str, request: HttpRequest | None = None) -> bool:
    device = TOTPDevice.objects.select_for_update().filter(user=user).first()
    if device is None or not totp_verify(device=device, code=code):
        return False
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed_at=timezone.now())
    audit_record(
        actor=user, action=AuditEvent.Action.TWO_FACTOR_ENABLED, target=user, request=request
    )
    return True


@transaction.atomic
def totp_device_remove(*, actor: User, user: User, request: HttpRequest | None = None) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(
        actor=actor, action=AuditEvent.Action.TWO_FACTOR_DISABLED, target=user, request=request
    )


def has_confirmed_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def two_factor_required(user: User) -> bool:
    """True when the site requires 2FA for staff and this person is staff."""
    from kyoso.roles.selectors import is_secretariat
    from kyoso.sitepages.selectors import site_settings

    if not (user.is_staff or user.is_superuser or is_secretariat(user)):
        return False
    return site_settings().require_two_factor_for_staff
