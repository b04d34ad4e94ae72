"""Creating the first administrator from the command line."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kyoso.accounts.models import Profile, User
from kyoso.accounts.services.registration import email_is_taken
from kyoso.core.text import normalize_email
from kyoso.roles.models import PlatformRole, RoleAssignment


@transaction.atomic
def admin_create(*, email: str, display_name: str, password: str) -> User:
    email = normalize_email(email)
    if email_is_taken(email):
        raise ValueError(f"{email} is already registered.")
    user = User(
        email=email,
        display_name=display_name,
        is_staff=True,
        is_superuser=True,
        email_verified_at=timezone.now(),
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from error
    user.set_password(password)
    user.save()
    Profile.objects.create(user=user)
    RoleAssignment.objects.create(user=user, role=PlatformRole.SECRETARIAT)
    return user
