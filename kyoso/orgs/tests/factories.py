import factory
from django.utils import timezone

from kyoso.orgs.models import (
    Invitation,
    JoinRequest,
    MemberRole,
    Membership,
    Organization,
    OrganizationType,
)
from kyoso.orgs.services import INVITATION_VALID_FOR, hash_token


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"test-org-{n}")
    name = factory.Sequence(lambda n: f"テスト団体{n}")
    name_kana = "テストダンタイ"
    org_type = OrganizationType.NPO


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    role = MemberRole.MEMBER


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    message = "よろしくお願いします。"


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation; the raw token is ``token`` (pass one to know it)."""

    class Meta:
        model = Invitation
        exclude = ("token",)

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.jp")
    role = MemberRole.MEMBER
    token = factory.Sequence(lambda n: f"test-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + INVITATION_VALID_FOR)


def organization_with_owner(owner, **kwargs) -> Organization:
    organization = OrganizationFactory(**kwargs)
    MembershipFactory(organization=organization, user=owner, role=MemberRole.OWNER)
    return organization
