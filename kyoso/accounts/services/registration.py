"""Signing up and verifying an email address."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kyoso.accounts.models import Profile, User
from kyoso.core.mail import queue_email
from kyoso.core.text import normalize_email

VERIFY_SALT = "kyoso.accounts.verify-email"
VERIFY_MAX_AGE = 60 * 60 * 24 * 3


class EmailTakenError(ValueError):
    pass


def email_is_taken(email: str) -> bool:
    return User.objects.filter(email=normalize_email(email)).exists()


@transaction.atomic
def user_signup(
    *,
    email: str,
    password: str,
    display_name: str,
    family_name: str = "",
    given_name: str = "",
    family_name_kana: str = "",
    given_name_kana: str = "",
    language: str | None = None,
) -> User:
    email = normalize_email(email)
    if email_is_taken(email):
        raise EmailTakenError(email)
    user = User(
        email=email,
        display_name=display_name,
        family_name=family_name,
        given_name=given_name,
        family_name_kana=family_name_kana,
        given_name_kana=given_name_kana,
    )
    user.set_password(password)
    user.save()
    Profile.objects.create(user=user)
    lang = language or translation.get_language() or settings.LANGUAGE_CODE
    send_verification_email(user=user, language=lang)
    return user


def verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def send_verification_email(*, user: User, language: str | None = None) -> None:
    url = settings.BASE_URL + reverse(
        "accounts:verify_email", kwargs={"token": verification_token(user)}
    )
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/verify_subject.txt").strip()
        body = render_to_string("accounts/email/verify_body.txt", {"user": user, "url": url})
    queue_email(subject=subject, body=body, to=[user.email])


class VerificationInvalid(ValueError):
    pass


def user_verify_email(*, token: str) -> User:
    """Mark the address in the token as verified. The token dies if the address changed."""
    try:
        payload = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature as exc:
        raise VerificationInvalid from exc
    user = User.objects.filter(pk=payload.get("u"), deleted_at__isnull=True).first()
    if user is None or user.email != payload.get("e"):
        raise VerificationInvalid
    if user.email_verified_at is None:
        User.objects.filter(pk=user.pk, email_verified_at__isnull=True).update(
            email_verified_at=timezone.now()
        )
        user.refresh_from_db(fields=["email_verified_at"])
    return user
