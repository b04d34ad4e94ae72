"""Who may change whose role, remove whom, and the last owner protection.

Actors: the owner, an admin, a plain member, an outsider (高橋), the secretariat (佐藤) and an
anonymous visitor. Targets: a fresh plain member, a fresh admin, a second owner, and the owner
themself when they are the only one.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.core.policy import check
from kyoso.orgs import messages, services
from kyoso.orgs.models import MemberRole, Membership
from kyoso.orgs.rules import MemberChange
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

OK, DENIED, LAST_OWNER = "ok", "denied", "last_owner"


@pytest.fixture
def org(db):
    organization = OrganizationFactory()
    owner = MembershipFactory(organization=organization, role=MemberRole.OWNER)
    admin = MembershipFactory(organization=organization, role=MemberRole.ADMIN)
    member = MembershipFactory(organization=organization, role=MemberRole.MEMBER)
    return {"organization": organization, "owner": owner, "admin": admin, "member": member}


def _actor(org, who, request):
    if who in ("owner", "admin", "member"):
        return org[who].user
    if who == "outsider":
        return request.getfixturevalue("takahashi")
    if who == "secretariat":
        return request.getfixturevalue("sato")
    return None


def _target(org, target):
    if target == "sole owner":
        return org["owner"]
    if target == "other owner":
        return MembershipFactory(organization=org["organization"], role=MemberRole.OWNER)
    return MembershipFactory(organization=org["organization"], role=target)


def _post(client, org, actor, url, data=None):
    if actor is not None:
        client.force_login(actor)
    return client.post(url, data or {})


ROLE_MATRIX = [
    # actor, target, new role, expected
    ("owner", "member", "admin", OK),
    ("owner", "member", "owner", OK),
    ("owner", "admin", "member", OK),
    ("owner", "admin", "owner", OK),
    ("owner", "other owner", "member", OK),
    ("owner", "sole owner", "admin", LAST_OWNER),
    ("owner", "sole owner", "member", LAST_OWNER),
    ("admin", "member", "admin", DENIED),
    ("admin", "member", "owner", DENIED),
    ("admin", "admin", "member", DENIED),
    ("admin", "sole owner", "member", DENIED),
    ("admin", "other owner", "admin", DENIED),
    ("member", "member", "admin", DENIED),
    ("member", "sole owner", "member", DENIED),
    ("outsider", "member", "admin", DENIED),
    ("secretariat", "member", "admin", DENIED),
    ("secretariat", "sole owner", "member", DENIED),
    ("anonymous", "member", "admin", DENIED),
]


@pytest.mark.parametrize(("who", "target", "new_role", "expected"), ROLE_MATRIX)
def test_change_role(client, org, request, who, target, new_role, expected):
    actor = _actor(org, who, request)
    membership = _target(org, target)
    before = membership.role
    url = reverse("orgs:member_role", args=[org["organization"].slug, membership.pk])

    response = _post(client, org, actor, url, {"role": new_role})

    membership.refresh_from_db()
    changes = AuditEvent.objects.filter(action=AuditEvent.Action.MEMBER_ROLE_CHANGED)
    if expected == OK:
        assert response.status_code == 302
        assert membership.role == new_role
        event = changes.get()
        assert event.data == {"user": membership.user_id, "from": before, "to": new_role}
    else:
        assert membership.role == before
        assert not changes.exists()
        if who == "anonymous":
            assert response["Location"].startswith(reverse("accounts:login"))
        elif expected == DENIED:
            assert response.status_code == 403
        else:
            assert response.status_code == 302
            page = client.get(response["Location"]).content.decode()
            assert str(messages.LAST_OWNER_PROTECTED) in page


REMOVE_MATRIX = [
    ("owner", "member", OK),
    ("owner", "admin", OK),
    ("owner", "other owner", OK),
    ("owner", "sole owner", LAST_OWNER),
    ("admin", "member", OK),
    ("admin", "admin", DENIED),
    ("admin", "sole owner", DENIED),
    ("admin", "other owner", DENIED),
    ("member", "member", DENIED),
    ("outsider", "member", DENIED),
    ("secretariat", "member", DENIED),
    ("anonymous", "member", DENIED),
]


@pytest.mark.parametrize(("who", "target", "expected"), REMOVE_MATRIX)
def test_remove_member(client, org, request, who, target, expected):
    actor = _actor(org, who, request)
    membership = _target(org, target)
    url = reverse("orgs:member_remove", args=[org["organization"].slug, membership.pk])

    response = _post(client, org, actor, url)

    still_there = Membership.objects.filter(pk=membership.pk).exists()
    removals = AuditEvent.objects.filter(action=AuditEvent.Action.MEMBER_REMOVED)
    if expected == OK:
        assert response.status_code == 302
        assert not still_there
        assert removals.get().data == {"user": membership.user_id, "role": membership.role}
    else:
        assert still_there
        assert not removals.exists()
        if who == "anonymous":
            assert response["Location"].startswith(reverse("accounts:login"))
        elif expected == DENIED:
            assert response.status_code == 403
        else:
            page = client.get(response["Location"]).content.decode()
            assert str(messages.LAST_OWNER_PROTECTED) in page


def test_forged_self_promotion_by_a_plain_member_is_refused(client, org):
    member = org["member"]
    client.force_login(member.user)
    url = reverse("orgs:member_role", args=[org["organization"].slug, member.pk])

    response = client.post(url, {"role": "owner"})

    assert response.status_code == 403
    member.refresh_from_db()
    assert member.role == MemberRole.MEMBER


def test_forged_self_promotion_by_an_admin_is_refused(client, org):
    admin = org["admin"]
    client.force_login(admin.user)
    url = reverse("orgs:member_role", args=[org["organization"].slug, admin.pk])

    response = client.post(url, {"role": "owner"})

    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.role == MemberRole.ADMIN


def test_membership_of_another_organization_is_not_found(client, org):
    elsewhere = MembershipFactory(role=MemberRole.MEMBER)
    client.force_login(org["owner"].user)
    url = reverse("orgs:member_role", args=[org["organization"].slug, elsewhere.pk])

    response = client.post(url, {"role": "admin"})

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.role == MemberRole.MEMBER


@pytest.mark.parametrize("role", ["superuser", "", "OWNER"])
def test_unknown_role_gets_a_message_and_changes_nothing(client, org, role):
    member = org["member"]
    client.force_login(org["owner"].user)
    url = reverse("orgs:member_role", args=[org["organization"].slug, member.pk])

    response = client.post(url, {"role": role})

    member.refresh_from_db()
    assert member.role == MemberRole.MEMBER
    assert str(messages.ROLE_INVALID) in client.get(response["Location"]).content.decode()


def test_services_refuse_a_forged_change_too(org):
    """The service checks again, even when called without the view's check."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.membership_change_role(
            actor=org["admin"].user, membership=org["member"], role=MemberRole.ADMIN
        )
    with pytest.raises(PermissionDenied):
        services.membership_remove(actor=org["member"].user, membership=org["admin"])
    assert Membership.objects.filter(role=MemberRole.ADMIN).count() == 1


def test_owner_can_hand_over_and_then_step_down(org):
    owner, member = org["owner"], org["member"]

    services.membership_change_role(actor=owner.user, membership=member, role=MemberRole.OWNER)
    services.membership_change_role(actor=owner.user, membership=owner, role=MemberRole.MEMBER)

    owner.refresh_from_db()
    member.refresh_from_db()
    assert (owner.role, member.role) == (MemberRole.MEMBER, MemberRole.OWNER)
    with pytest.raises(services.OrgError) as refused:
        services.membership_change_role(actor=member.user, membership=member, role=MemberRole.ADMIN)
    assert refused.value.message == messages.LAST_OWNER_PROTECTED


# --- Leaving ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "member"])
def test_member_can_leave(client, org, who):
    membership = org[who]
    client.force_login(membership.user)

    response = client.post(reverse("orgs:leave", args=[org["organization"].slug]))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert str(messages.MEMBER_LEFT) in client.get(response["Location"]).content.decode()


def test_sole_owner_cannot_leave(client, org):
    client.force_login(org["owner"].user)

    response = client.post(reverse("orgs:leave", args=[org["organization"].slug]))

    assert Membership.objects.filter(pk=org["owner"].pk).exists()
    assert str(messages.LAST_OWNER_PROTECTED) in client.get(response["Location"]).content.decode()


def test_one_of_two_owners_can_leave(client, org):
    MembershipFactory(organization=org["organization"], role=MemberRole.OWNER)
    client.force_login(org["owner"].user)

    client.post(reverse("orgs:leave", args=[org["organization"].slug]))

    assert not Membership.objects.filter(pk=org["owner"].pk).exists()


def test_outsider_cannot_leave(client, org, takahashi):
    client.force_login(takahashi)

    assert client.post(reverse("orgs:leave", args=[org["organization"].slug])).status_code == 403


# --- Rules without an object --------------------------------------------------------------------

RULES = [
    "orgs.view_organization",
    "orgs.add_organization",
    "orgs.change_organization",
    "orgs.manage_members",
    "orgs.change_member_role",
    "orgs.verify_organization",
    "orgs.request_join",
    "orgs.withdraw_join_request",
    "orgs.decide_join_request",
    "orgs.leave_organization",
    "orgs.accept_invitation",
]
# The two rules that are about no particular organization; every other one needs its object.
YES_WITHOUT_OBJECT = {"orgs.view_organization", "orgs.add_organization"}


@pytest.mark.parametrize("rule", RULES)
def test_rules_answer_no_without_an_object(db, rule):
    verified_person = UserFactory()
    assert check(rule, verified_person, None) is (rule in YES_WITHOUT_OBJECT)
    assert check(rule, AnonymousUser(), None) is (rule == "orgs.view_organization")


def test_member_change_rule_with_a_member_change_object(org):
    change = MemberChange(org["organization"], org["member"], MemberRole.ADMIN)

    assert check("orgs.change_member_role", org["owner"].user, change)
    assert not check("orgs.change_member_role", org["admin"].user, change)
    assert not check("orgs.change_member_role", org["owner"].user, org["member"])


def test_manage_page_offers_only_allowed_changes(client, org):
    client.force_login(org["admin"].user)

    page = client.get(reverse("orgs:members", args=[org["organization"].slug])).content.decode()

    assert reverse("orgs:member_remove", args=[org["organization"].slug, org["member"].pk]) in page
    assert (
        reverse("orgs:member_remove", args=[org["organization"].slug, org["owner"].pk]) not in page
    )
    assert (
        reverse("orgs:member_role", args=[org["organization"].slug, org["member"].pk]) not in page
    )


def test_sole_owner_is_not_offered_leave(client, org):
    detail = reverse("orgs:detail", args=[org["organization"].slug])
    leave = reverse("orgs:leave", args=[org["organization"].slug])
    client.force_login(org["owner"].user)

    page = client.get(detail).content.decode()

    assert leave not in page
    assert str(messages.LAST_OWNER_PROTECTED) in page


@pytest.mark.parametrize("who", ["admin", "member"])
def test_other_members_are_offered_leave(client, org, who):
    client.force_login(org[who].user)

    page = client.get(reverse("orgs:detail", args=[org["organization"].slug])).content.decode()

    assert reverse("orgs:leave", args=[org["organization"].slug]) in page
    assert str(messages.LAST_OWNER_PROTECTED) not in page


def test_one_of_two_owners_is_offered_leave(client, org):
    MembershipFactory(organization=org["organization"], role=MemberRole.OWNER)
    client.force_login(org["owner"].user)

    page = client.get(reverse("orgs:detail", args=[org["organization"].slug])).content.decode()

    assert reverse("orgs:leave", args=[org["organization"].slug]) in page
