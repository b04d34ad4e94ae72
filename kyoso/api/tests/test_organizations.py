"""GET /organizations, GET /organizations/{slug}, POST /organizations."""

import pytest
from django.test import Client
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.api import messages
from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.orgs.models import MemberRole, Membership, Organization
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

NEW_ORG = {
    "name": "ＮＰＯ法人　仙台テスト",
    "name_kana": "せんだいてすと",
    "type": "npo",
    "municipality": "041009",
    "description": "地域の課題に取り組みます。",
    "website": "https://example.jp",
}


@pytest.fixture
def organizations(db, suzuki, takahashi):
    sendai = OrganizationFactory(
        slug="sendai-npo",
        name="仙台まちづくりNPO",
        name_kana="センダイマチヅクリ",
        org_type="npo",
        municipality_id="04100",
        verified_at=timezone.now(),
        contact_email="info@sendai-npo.example.jp",
    )
    MembershipFactory(organization=sendai, user=suzuki, role=MemberRole.OWNER)
    MembershipFactory(organization=sendai, user=takahashi, role=MemberRole.MEMBER)
    sakata = OrganizationFactory(
        slug="sakata-company",
        name="酒田テスト株式会社",
        name_kana="サカタテスト",
        org_type="company",
        municipality_id="06204",
    )
    return {"sendai": sendai, "sakata": sakata}


# --- List ------------------------------------------------------------------------------------


def test_list_for_anonymous(client, organizations):
    # 1 count, 2 page with regions and member counts
    with assert_num_queries(2):
        response = send(client, "get", "/organizations")
    body = response.json()
    assert body["count"] == 2
    assert [o["slug"] for o in body["items"]] == ["sendai-npo", "sakata-company"]  # by name
    sakata = body["items"][1]
    assert sakata == {
        "slug": "sakata-company",
        "name": "酒田テスト株式会社",
        "name_kana": "サカタテスト",
        "type": "company",
        "type_label": "企業",
        "municipality": {"code": "06204", "name": "山形県酒田市"},
        "prefecture": "06",
        "verified": False,
        "member_count": 0,
        "created_at": sakata["created_at"],
    }
    assert body["items"][0]["member_count"] == 2


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("type=npo", ["sendai-npo"]),
        ("prefecture=6", ["sakata-company"]),
        ("prefecture=04", ["sendai-npo"]),
        ("verified=true", ["sendai-npo"]),
        ("verified=false", ["sakata-company"]),
        ("q=せんだい", ["sendai-npo"]),
        ("q=酒田 テスト", ["sakata-company"]),
        ("type=npo&prefecture=06", []),
    ],
)
def test_list_filters(client, organizations, query, slugs):
    body = send(client, "get", f"/organizations?{query}").json()
    assert [o["slug"] for o in body["items"]] == slugs


@pytest.mark.parametrize(
    ("query", "field"),
    [("type=club", "type"), ("prefecture=48", "prefecture"), ("verified=maybe", "verified")],
)
def test_list_rejects_unknown_filter_values(client, organizations, query, field):
    response = send(client, "get", f"/organizations?{query}")
    assert response.status_code == 422
    assert [d["field"] for d in error_of(response)["details"]] == [field]


def test_list_with_a_token(client, organizations, suzuki_read):
    # 1 token with its user, 2 last_used_at update, 3 count, 4 page
    with assert_num_queries(4):
        response = send(client, "get", "/organizations", **suzuki_read)
    assert response.json()["count"] == 2


def test_public_list_still_rejects_a_broken_token(client, organizations):
    response = send(client, "get", "/organizations", **bearer("kyo_broken"))
    assert response.status_code == 401


# --- Detail ----------------------------------------------------------------------------------


def test_detail_shows_members_by_name_and_role_never_email(
    client, organizations, suzuki, takahashi
):
    # 1 organization with region, 2 members with their users
    with assert_num_queries(2):
        response = send(client, "get", "/organizations/sendai-npo")
    assert response.status_code == 200
    body = response.json()
    assert body["members"] == [
        {"display_name": "鈴木", "role": "owner", "role_label": "オーナー"},
        {"display_name": "高橋", "role": "member", "role_label": "メンバー"},
    ]
    assert body["contact_email"] == "info@sendai-npo.example.jp"
    assert body["member_count"] == 2
    assert body["verified"] is True
    content = response.content.decode()
    assert suzuki.email not in content
    assert takahashi.email not in content


def test_detail_of_unknown_slug_is_404(client, db):
    response = send(client, "get", "/organizations/no-such-org")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


# --- Create ----------------------------------------------------------------------------------


def test_create_with_a_write_token(client, suzuki, suzuki_write):
    # 1 token with its user, 2 last_used_at update, 3 municipality of the form,
    # 4 savepoint, 5 slug taken?, 6 savepoint, 7 insert organization, 8 search document,
    # 9 search text, 10 release, 11 owner membership, 12 audit row, 13 release,
    # 14 the new organization with region, 15 its members
    with assert_num_queries(15):
        response = send(client, "post", "/organizations", NEW_ORG, **suzuki_write)

    assert response.status_code == 201
    body = response.json()
    organization = Organization.objects.get(slug=body["slug"])
    assert organization.name == "NPO法人 仙台テスト"
    assert organization.name_kana == "センダイテスト"
    assert organization.municipality_id == "04100"
    assert organization.created_by == suzuki
    assert body["members"] == [{"display_name": "鈴木", "role": "owner", "role_label": "オーナー"}]
    assert Membership.objects.get(organization=organization).role == MemberRole.OWNER
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ORG_CREATED).count() == 1


def test_create_validates_like_the_web_form(client, suzuki_write):
    body = {**NEW_ORG, "name": " ", "name_kana": "sendai", "type": "club", "municipality": "041000"}
    response = send(client, "post", "/organizations", body, **suzuki_write)
    assert response.status_code == 422
    fields = [d["field"] for d in error_of(response)["details"]]
    assert sorted(fields) == ["municipality", "name", "name_kana", "type"]
    assert not Organization.objects.exists()


def test_create_errors_follow_accept_language(client, suzuki_write):
    response = send(
        client,
        "post",
        "/organizations",
        {"type": "npo", "name": ""},
        HTTP_ACCEPT_LANGUAGE="en",
        **suzuki_write,
    )
    details = error_of(response)["details"]
    assert details == [
        {
            "field": "name",
            "location": "body",
            "code": "required",
            "message": "This field is required.",
        }
    ]


def test_create_through_the_browser_session(suzuki):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(suzuki)
    browser.get("/")
    csrf = browser.cookies["csrftoken"].value
    response = send(browser, "post", "/organizations", NEW_ORG, HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201


def _auth_for(persona, request):
    """Authorization header (write token) for a persona name, or {} for anonymous."""
    if persona == "anonymous":
        return {}
    if persona == "unverified":
        user = UserFactory(email_verified_at=None)
    else:
        user = request.getfixturevalue(persona)
    return bearer(issue_token(user, ["write"]))


@pytest.mark.parametrize(
    ("persona", "list_status", "detail_status", "create_status", "create_code"),
    [
        ("anonymous", 200, 200, 401, "not_authenticated"),
        ("unverified", 200, 200, 403, "email_verification_required"),
        ("takahashi", 200, 200, 201, None),
        ("suzuki", 200, 200, 201, None),
        ("sato", 200, 200, 201, None),
    ],
)
def test_permission_matrix(
    client, organizations, request, persona, list_status, detail_status, create_status, create_code
):
    headers = _auth_for(persona, request)
    assert send(client, "get", "/organizations", **headers).status_code == list_status
    # The unverified organization is as public as the verified one.
    for slug in ("sendai-npo", "sakata-company"):
        assert send(client, "get", f"/organizations/{slug}", **headers).status_code == detail_status
    created = send(client, "post", "/organizations", NEW_ORG, **headers)
    assert created.status_code == create_status
    if create_code:
        assert error_of(created)["code"] == create_code
        assert Organization.objects.count() == 2


def test_unverified_email_message(client, db):
    unverified = UserFactory(email_verified_at=None)
    response = send(
        client, "post", "/organizations", NEW_ORG, **bearer(issue_token(unverified, ["write"]))
    )
    assert error_of(response)["message"] == str(messages.EMAIL_VERIFICATION_REQUIRED)
