import factory
from django.utils import timezone

from kyoso.accounts.models import Profile, User
from kyoso.roles.models import PlatformRole, RoleAssignment

DEFAULT_PASSWORD = "kyoso-test-pass-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.jp")
    display_name = factory.Sequence(lambda n: f"テスト利用者{n}")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(DEFAULT_PASSWORD)

    profile = factory.RelatedFactory("kyoso.accounts.tests.factories.ProfileFactory", "user")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, profile=None)


def make_secretariat(**kwargs) -> User:
    user = UserFactory(**kwargs)
    RoleAssignment.objects.create(user=user, role=PlatformRole.SECRETARIAT)
    return user
