"""``/me``: the person behind the token or session."""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from kyoso.accounts.forms import NameFieldsMixin
from kyoso.accounts.services.profile import profile_update
from kyoso.api.forms import cleaned_data_or_422, form_data
from kyoso.api.permissions import acting_user, rule
from kyoso.orgs.models import MemberRole
from kyoso.orgs.selectors import memberships_of_user
from kyoso.roles.models import PlatformRole
from kyoso.roles.selectors import roles_of_user

router = Router(tags=["me"])

NAME_FIELDS = ("display_name", "family_name", "given_name", "family_name_kana", "given_name_kana")


class PlatformRoleOut(Schema):
    code: str = Field(description="MAP'S+O role or secretariat, e.g. 'player'")
    label: str


class MyOrganizationOut(Schema):
    slug: str
    name: str
    role: str = Field(description="owner / admin / member")
    role_label: str


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    email_verified: bool
    platform_roles: list[PlatformRoleOut]
    organizations: list[MyOrganizationOut]


class MePatchIn(Schema):
    """Only the fields sent are changed. Text is normalized like the web form does."""

    model_config = ConfigDict(extra="forbid")

    display_name: str | None = Field(None, max_length=200)
    family_name: str | None = Field(None, max_length=200)
    given_name: str | None = Field(None, max_length=200)
    family_name_kana: str | None = Field(
        None, max_length=200, description="Katakana; hiragana and half-width kana are converted"
    )
    given_name_kana: str | None = Field(None, max_length=200)


def _me(user) -> MeOut:
    roles = sorted(roles_of_user(user))
    return MeOut(
        id=user.pk,
        email=user.email,
        display_name=user.display_name,
        family_name=user.family_name,
        given_name=user.given_name,
        family_name_kana=user.family_name_kana,
        given_name_kana=user.given_name_kana,
        email_verified=user.is_email_verified,
        platform_roles=[PlatformRoleOut(code=r, label=str(PlatformRole(r).label)) for r in roles],
        organizations=[
            MyOrganizationOut(
                slug=m.organization.slug,
                name=m.organization.name,
                role=m.role,
                role_label=str(MemberRole(m.role).label),
            )
            for m in memberships_of_user(user)
        ],
    )


@router.get("/me", response=MeOut, summary="The authenticated person")
@rule("core.authenticated")
def me(request: HttpRequest):
    """Names, verification state, platform roles and organizations of the caller."""
    return _me(acting_user(request))


@router.patch("/me", response=MeOut, summary="Change own names")
@rule("accounts.change_own_account")
def me_update(request: HttpRequest, payload: MePatchIn):
    """Needs the write scope. Validated by the profile form of the web settings page."""
    user = acting_user(request)
    sent = payload.model_dump(exclude_unset=True)
    current = {field: getattr(user, field) for field in NAME_FIELDS}
    cleaned = cleaned_data_or_422(NameFieldsMixin(data=form_data({**current, **sent})))
    changed = {field: cleaned[field] for field in sent}
    if changed:
        profile_update(actor=user, user=user, data=changed, request=request)
    return _me(user)
