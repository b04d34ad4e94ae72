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


# --- Failure throttling ----------------------------------------------------------------------


class FailureWindow:
    """Per-key failure timestamps in the cache: blocked at ``limit`` failures in ``window`` s."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def _recent(self, key: str, now: float) -> list[float]:
        window = settings.KYOSO_LOGIN_FAILURE_WINDOW
        return [t for t in cache.get(f"{self.prefix}:{key}", []) if now - t < window]

    def wait_seconds(self, key: str) -> int:
        """Seconds until ``key`` may try again; 0 when it may try now."""
        now = time.time()
        recent = self._recent(key, now)
        limit = settings.KYOSO_LOGIN_FAILURE_LIMIT
        if len(recent) < limit:
            return 0
        oldest_counted = sorted(recent)[-limit]
        return max(1, int(settings.KYOSO_LOGIN_FAILURE_WINDOW - (now - oldest_counted)) + 1)

    def record(self, key: str) -> None:
        now = time.time()
        recent = self._recent(key, now)
        recent.append(now)
        cache.set(f"{self.prefix}:{key}", recent, timeout=settings.KYOSO_LOGIN_FAILURE_WINDOW)

    def clear(self, key: str) -> None:
        cache.delete(f"{self.prefix}:{key}")


_password_failures = FailureWindow("kyoso:login-failures")
_totp_failures = FailureWindow("kyoso:totp-failures")


def _email_key(email: str) -> str:
    return hashlib.sha256(normalize_email(email).encode()).hexdigest()


def login_wait_seconds(email: str) -> int:
    return _password_failures.wait_seconds(_email_key(email))


def _record_failure(email: str) -> None:
    _password_failures.record(_email_key(email))


def _clear_failures(email: str) -> None:
    _password_failures.clear(_email_key(email))


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


def second_factor_check(*, user: User, code: str) -> bool:
    """Verify a sign-in code; wrong codes are throttled per account like wrong passwords.

    Without the limit, someone who knows the password could try all 10^6 codes.
    Raises LoginThrottled while the account has too many recent failures.
    """
    key = str(user.pk)
    wait = _totp_failures.wait_seconds(key)
    if wait:
        raise LoginThrottled(wait)
    device = TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    if device is not None and totp_verify(device=device, code=code):
        _totp_failures.clear(key)
        return True
    _totp_failures.record(key)
    return False


def has_confirmed_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def two_factor_required(user: User) -> bool:
    """True when the site requires 2FA for staff and this person is staff."""
    from kyoso.roles.selectors import is_secretariat
    from kyoso.sitepages.selectors import site_settings

    if not (user.is_staff or user.is_superuser or is_secretariat(user)):
        return False
    return site_settings().require_two_factor_for_staff
