"""Writes of LINE Login: the channel settings, connecting, disconnecting, signing up."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kyoso.accounts.models import Profile, User
from kyoso.accounts.services.registration import (
    EmailTakenError,
    email_is_taken,
    send_verification_email,
)
from kyoso.audit.registry import register_actions
from kyoso.audit.services import audit_record
from kyoso.core.text import normalize_email
from kyoso.linelogin.client import LineIdentity
from kyoso.linelogin.models import LineAccount, LineChannel

CHANNEL_CHANGED = "line.channel_changed"
CONNECTED = "line.connected"
DISCONNECTED = "line.disconnected"
SIGNED_UP = "line.signed_up"
REFUSED = "line.refused"


def register_audit_actions() -> None:
    register_actions(
        [
            (CHANNEL_CHANGED, _("LINEログインの設定変更")),
            (CONNECTED, _("LINEアカウントの連携")),
            (DISCONNECTED, _("LINEアカウントの連携解除")),
            (SIGNED_UP, _("LINEでの新規登録")),
            (REFUSED, _("LINEログインの拒否")),
        ]
    )


CHANNEL_CACHE_KEY = "kyoso:line-login-on"
CHANNEL_CACHE_SECONDS = 300


def export_personal_data(user: User) -> dict | None:
    account = LineAccount.objects.filter(user=user).first()
    if account is None:
        return None
    return {
        "line_user_id": account.sub,
        "line_name": account.line_name,
        "connected_at": account.connected_at.isoformat(),
    }


def erase_personal_data(user: User) -> None:
    """A deleted account lets go of its LINE account (which may then sign up again)."""
    LineAccount.objects.filter(user=user).delete()


def register_personal_data() -> None:
    from kyoso.core import personal_data

    personal_data.register("line", export=export_personal_data, erase=erase_personal_data)


def channel() -> LineChannel:
    """The channel row (unsaved and disabled when the secretariat never set it up)."""
    return LineChannel.objects.filter(singleton=True).first() or LineChannel()


def line_login_is_on() -> bool:
    """Whether to offer 「LINEでログイン」, kept in the cache (the secret is never cached) so
    that the login and sign-up pages read no row on most requests; saving the channel drops
    the cached answer."""
    on = cache.get(CHANNEL_CACHE_KEY)
    if on is None:
        on = channel().is_usable
        cache.set(CHANNEL_CACHE_KEY, on, CHANNEL_CACHE_SECONDS)
    return bool(on)


@transaction.atomic
def line_channel_save(
    *,
    actor: User,
    enabled: bool,
    channel_id: str,
    channel_secret: str = "",
    request: HttpRequest | None = None,
) -> LineChannel:
    """Save the channel; an empty ``channel_secret`` keeps the stored one.

    The audit row says whether the secret changed, never the secret.
    """
    row, _created = LineChannel.objects.select_for_update().get_or_create(singleton=True)
    before = {"enabled": row.enabled, "channel_id": row.channel_id}
    secret_changed = bool(channel_secret) and channel_secret != row.channel_secret
    row.enabled = enabled
    row.channel_id = channel_id
    if channel_secret:
        row.channel_secret = channel_secret
    row.updated_by = actor
    row.save()
    transaction.on_commit(lambda: cache.delete(CHANNEL_CACHE_KEY))
    audit_record(
        actor=actor,
        action=CHANNEL_CHANGED,
        target=row,
        data={
            "before": before,
            "after": {"enabled": enabled, "channel_id": channel_id},
            "secret_changed": secret_changed,
        },
        request=request,
    )
    return row


class LineTaken(Exception):
    """The LINE account is already connected to someone else."""


class AlreadyConnected(Exception):
    """This person already has another LINE account connected."""


class LastWayIn(Exception):
    """Disconnecting would leave the account with no way to sign in."""


def user_for_line(sub: str) -> User | None:
    account = (
        LineAccount.objects.select_related("user")
        .filter(sub=sub, user__is_active=True, user__deleted_at__isnull=True)
        .first()
    )
    return account.user if account else None


def line_account_connect(
    *, actor: User, identity: LineIdentity, request: HttpRequest | None = None
) -> LineAccount:
    """Connect ``identity`` to ``actor``; a LINE account someone else has is refused (and the
    refusal audited: it may be someone trying to take over an account)."""
    try:
        return _connect(actor=actor, identity=identity, request=request)
    except LineTaken:
        with transaction.atomic():
            audit_record(
                actor=actor, action=REFUSED, target=actor, data={"why": "taken"}, request=request
            )
        raise


@transaction.atomic
def _connect(*, actor: User, identity: LineIdentity, request: HttpRequest | None) -> LineAccount:
    owner = LineAccount.objects.filter(sub=identity.sub).values_list("user_id", flat=True).first()
    if owner is not None and owner != actor.pk:
        raise LineTaken
    if owner == actor.pk:
        return LineAccount.objects.get(sub=identity.sub)
    if LineAccount.objects.filter(user=actor).exists():
        raise AlreadyConnected
    try:
        with transaction.atomic():
            account = LineAccount.objects.create(
                user=actor, sub=identity.sub, line_name=identity.name
            )
    except IntegrityError as exc:  # a parallel request connected the same LINE account
        raise LineTaken from exc
    audit_record(actor=actor, action=CONNECTED, target=actor, request=request)
    return account


def can_sign_in_without_line(user: User) -> bool:
    return user.has_usable_password() or user.is_email_verified


@transaction.atomic
def line_account_disconnect(*, actor: User, request: HttpRequest | None = None) -> None:
    locked = User.objects.select_for_update().get(pk=actor.pk)
    if not can_sign_in_without_line(locked):
        raise LastWayIn
    deleted, _rows = LineAccount.objects.filter(user=locked).delete()
    if deleted:
        audit_record(actor=actor, action=DISCONNECTED, target=actor, request=request)


@transaction.atomic
def user_signup_with_line(
    *,
    identity: LineIdentity,
    email: str,
    display_name: str,
    language: str | None = None,
    request: HttpRequest | None = None,
) -> User:
    """A new account from a LINE login: no password, an email address still to verify.

    Until the address is verified the account may sign in and fill its profile, but not post
    (the same ``accounts.verified_member`` rule as for an email sign-up).
    """
    email = normalize_email(email)
    if email_is_taken(email):
        raise EmailTakenError(email)
    if LineAccount.objects.filter(sub=identity.sub).exists():
        raise LineTaken
    user = User(email=email, display_name=display_name)
    user.set_unusable_password()
    user.save()
    Profile.objects.create(user=user)
    try:
        with transaction.atomic():
            LineAccount.objects.create(user=user, sub=identity.sub, line_name=identity.name)
    except IntegrityError as exc:
        raise LineTaken from exc
    audit_record(actor=user, action=SIGNED_UP, target=user, request=request)
    lang = language or translation.get_language() or settings.LANGUAGE_CODE
    send_verification_email(user=user, language=lang)
    return user
