"""The roles page: who holds which MAP'S+O role, granting and revoking from it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.roles import messages
from kyoso.roles.descriptions import ROLE_DESCRIPTIONS
from kyoso.roles.models import PlatformRole, RoleAssignment
from kyoso.roles.tests.factories import OrganizationFactory, RoleAssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_sato(client, sato):
    client.force_login(sato)
    return client


def _page(client) -> str:
    response = client.get(reverse("roles:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_every_role_is_listed_with_its_description(as_sato):
    page = _page(as_sato)
    for role in PlatformRole:
        assert escape(str(role.label)) in page
        assert escape(str(ROLE_DESCRIPTIONS[role])) in page
    # MAP'S+O order, then the secretariat.
    positions = [page.index(f'id="role-{role.value}"') for role in PlatformRole]
    assert positions == sorted(positions)


def test_holders_are_listed_under_their_roles(as_sato, suzuki):
    RoleAssignmentFactory(user=suzuki, role=PlatformRole.PLAYER)
    city = OrganizationFactory(name="酒田市役所", slug="sakata-city", verified_at=timezone.now())
    RoleAssignmentFactory(user=None, organization=city, role=PlatformRole.SUPPORTER)

    page = _page(as_sato)

    player = page[page.index('id="role-player"') : page.index('id="role-supporter"')]
    supporter = page[page.index('id="role-supporter"') : page.index('id="role-organizer"')]
    secretariat = page[page.index('id="role-secretariat"') :]
    assert "鈴木" in player and suzuki.email in player
    assert "酒田市役所" in supporter and "sakata-city" in supporter
    assert "佐藤（事務局）" in secretariat
    assert "鈴木" not in supporter and "酒田市役所" not in player


def test_a_role_nobody_holds_says_so(as_sato):
    page = _page(as_sato)
    manager = page[page.index('id="role-manager"') : page.index('id="role-aggregator"')]
    assert "この役割を持つ個人・団体はまだありません。" in manager


def test_holder_names_are_escaped(as_sato):
    org = OrganizationFactory(name="<script>alert(1)</script>")
    RoleAssignmentFactory(user=None, organization=org, role=PlatformRole.ORGANIZER)
    page = _page(as_sato)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_page_costs_the_same_few_queries_however_many_holders(as_sato):
    def fill(n: int) -> None:
        for _ in range(n):
            RoleAssignmentFactory(role=PlatformRole.PLAYER)
            RoleAssignmentFactory(
                user=None, organization=OrganizationFactory(), role=PlatformRole.AGGREGATOR
            )

    url = reverse("roles:index")
    for extra in (0, 10):
        fill(extra)
        # 1 session, 2 user, 3 roles of sato (2FA middleware, cached for the rule),
        # 4 site settings (2FA middleware), 5 role assignments with users and organizations
        with assert_num_queries(5, label=f"{extra} more holders"):
            assert as_sato.get(url).status_code == 200


# --- granting -----------------------------------------------------------------------------


def test_grant_to_a_person_by_email(as_sato, suzuki):
    response = as_sato.post(
        reverse("roles:grant"), {"role": "manager", "email": " SUZUKI@example.jp "}, follow=True
    )
    assert RoleAssignment.objects.filter(user=suzuki, role="manager").exists()
    expected = messages.ROLE_GRANTED % {"holder": "鈴木", "role": PlatformRole.MANAGER.label}
    assert escape(expected) in response.content.decode()


def test_grant_to_an_organization_by_slug(as_sato):
    org = OrganizationFactory(slug="shonai-team", name="チーム庄内")
    response = as_sato.post(
        reverse("roles:grant"), {"role": "organizer", "organization": "shonai-team"}, follow=True
    )
    assert RoleAssignment.objects.filter(organization=org, role="organizer").exists()
    expected = messages.ROLE_GRANTED % {
        "holder": "チーム庄内",
        "role": PlatformRole.ORGANIZER.label,
    }
    assert escape(expected) in response.content.decode()


def test_granting_again_says_it_is_already_held(as_sato, suzuki):
    url = reverse("roles:grant")
    as_sato.post(url, {"role": "player", "email": suzuki.email})
    response = as_sato.post(url, {"role": "player", "email": suzuki.email}, follow=True)
    expected = messages.ROLE_ALREADY_HELD % {"holder": "鈴木", "role": PlatformRole.PLAYER.label}
    assert escape(expected) in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_GRANTED).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "player", "email": "nobody@example.jp"}, messages.USER_NOT_FOUND),
        ({"role": "player", "organization": "no-such-org"}, messages.ORGANIZATION_NOT_FOUND),
        ({"role": "player"}, messages.HOLDER_REQUIRED),
        ({"role": "player", "email": "suzuki@example.jp", "organization": "org-x"}, None),
        ({"role": "emperor", "email": "suzuki@example.jp"}, messages.ROLE_UNKNOWN),
        ({"email": "suzuki@example.jp"}, messages.ROLE_UNKNOWN),
        ({"role": "secretariat", "organization": "org-x"}, messages.SECRETARIAT_ONLY_FOR_PEOPLE),
    ],
)
def test_bad_grants_show_a_clear_error_and_change_nothing(as_sato, suzuki, data, message):
    OrganizationFactory(slug="org-x")
    if message is None:
        message = messages.HOLDER_BOTH
    response = as_sato.post(reverse("roles:grant"), data)
    assert response.status_code == 400
    text = str(message) % {"email": data.get("email"), "slug": data.get("organization")}
    assert escape(text) in response.content.decode()
    # The page still lists the roles and keeps what was typed.
    assert 'id="role-secretariat"' in response.content.decode()
    assert RoleAssignment.objects.count() == 1  # sato's own secretariat role
    assert not AuditEvent.objects.exists()


def test_a_deleted_account_cannot_receive_a_role(as_sato):
    gone = UserFactory(email="gone@example.jp", is_active=False)
    response = as_sato.post(reverse("roles:grant"), {"role": "player", "email": gone.email})
    assert response.status_code == 400
    assert escape(messages.USER_INACTIVE % {"email": gone.email}) in response.content.decode()
    assert not RoleAssignment.objects.filter(user=gone).exists()


# --- revoking -----------------------------------------------------------------------------


def test_revoke_a_person_from_the_page(as_sato, suzuki):
    RoleAssignmentFactory(user=suzuki, role=PlatformRole.PLAYER)
    response = as_sato.post(
        reverse("roles:revoke"), {"role": "player", "user": suzuki.pk}, follow=True
    )
    assert not RoleAssignment.objects.filter(user=suzuki).exists()
    expected = messages.ROLE_REVOKED % {"holder": "鈴木", "role": PlatformRole.PLAYER.label}
    assert escape(expected) in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_REVOKED).count() == 1


def test_revoke_an_organization_from_the_page(as_sato):
    org = OrganizationFactory(name="仙台市")
    RoleAssignmentFactory(user=None, organization=org, role=PlatformRole.SUPPORTER)
    as_sato.post(reverse("roles:revoke"), {"role": "supporter", "organization": org.pk})
    assert not RoleAssignment.objects.filter(organization=org).exists()


def test_revoking_twice_says_it_was_already_gone(as_sato, suzuki):
    response = as_sato.post(
        reverse("roles:revoke"), {"role": "player", "user": suzuki.pk}, follow=True
    )
    expected = messages.ROLE_NOT_HELD % {"holder": "鈴木", "role": PlatformRole.PLAYER.label}
    assert escape(expected) in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_the_last_secretariat_cannot_be_revoked_from_the_page(as_sato, sato):
    response = as_sato.post(
        reverse("roles:revoke"), {"role": "secretariat", "user": sato.pk}, follow=True
    )
    assert escape(str(messages.LAST_SECRETARIAT)) in response.content.decode()
    assert RoleAssignment.objects.filter(user=sato, role="secretariat").exists()
    assert response.redirect_chain == [(reverse("roles:index"), 302)]


def test_stepping_down_from_the_secretariat_leads_home(as_sato, sato):
    RoleAssignmentFactory(role=PlatformRole.SECRETARIAT)
    response = as_sato.post(reverse("roles:revoke"), {"role": "secretariat", "user": sato.pk})
    assert response["Location"] == reverse("core:home")
    assert as_sato.get(reverse("roles:index")).status_code == 403


@pytest.mark.parametrize(
    "data",
    [
        {"role": "player"},
        {"role": "player", "user": "999999"},
        {"role": "player", "organization": "999999"},
        {"role": "player", "user": "1", "organization": "1"},
        {"role": "player", "user": "abc"},
        {"role": "nope", "user": "1"},
        {},
    ],
)
def test_a_broken_revoke_form_is_refused_clearly(as_sato, suzuki, data):
    RoleAssignmentFactory(user=suzuki, role=PlatformRole.PLAYER)
    response = as_sato.post(reverse("roles:revoke"), data, follow=True)
    assert response.status_code == 200
    assert escape(str(messages.REVOKE_INVALID)) in response.content.decode()
    assert RoleAssignment.objects.count() == 2


def test_grant_post_query_count(as_sato, suzuki):
    # 1 session, 2 user, 3 roles of sato, 4 site settings, 5 user by email,
    # 6 savepoint (role_grant), 7 savepoint (insert guard), 8 insert role, 9 release guard,
    # 10 insert audit event, 11 release; the flash message travels in a cookie.
    with assert_num_queries(11):
        as_sato.post(reverse("roles:grant"), {"role": "player", "email": suzuki.email})


def test_revoke_post_query_count(as_sato, suzuki):
    RoleAssignmentFactory(user=suzuki, role=PlatformRole.PLAYER)
    # 1 session, 2 user, 3 roles of sato, 4 site settings, 5 suzuki by id,
    # 6 savepoint (role_revoke), 7 delete the role, 8 insert audit event, 9 release
    with assert_num_queries(9):
        as_sato.post(reverse("roles:revoke"), {"role": "player", "user": suzuki.pk})
