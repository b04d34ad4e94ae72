import factory

from kyoso.orgs.models import Organization, OrganizationType
from kyoso.roles.models import PlatformRole, RoleAssignment


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"テスト団体{n}")
    org_type = OrganizationType.NPO


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    """A role held by a person (pass ``organization=`` and ``user=None`` for a group)."""

    class Meta:
        model = RoleAssignment

    role = PlatformRole.PLAYER
    user = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    organization = None
