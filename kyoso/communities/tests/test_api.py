"""The communities API: list with filters, detail, joining and leaving as the caller."""

from __future__ import annotations

from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.communities import messages
from kyoso.communities.models import CommunityMembership
from kyoso.communities.tests.factories import CommunityFactory, add_member


def test_list_filters_by_theme_and_municipality(client, open_community, approval_community):
    CommunityFactory(slug="sendai-hub", name="仙台の場", theme="community", municipality_id="04101")

    everything = send(client, "get", "/communities").json()
    digital = send(client, "get", "/communities?theme=digital").json()
    sendai = send(client, "get", "/communities?municipality=04100").json()

    assert everything["count"] == 3
    assert [c["slug"] for c in digital["items"]] == ["sanroku-it-women"]
    assert [c["slug"] for c in sendai["items"]] == ["sendai-hub"]
    assert sendai["items"][0]["municipality"] == {"code": "04101", "name": "宮城県仙台市青葉区"}


def test_a_bad_filter_is_a_422_in_the_error_format(client, db):
    response = send(client, "get", "/communities?theme=cooking")

    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_detail_shows_leaders_and_no_member_list(client, open_community, suzuki):
    add_member(open_community, suzuki)

    body = send(client, "get", "/communities/shonai-agri").json()

    assert body["leaders"] == [{"display_name": "斎藤"}]
    assert body["member_count"] == 2
    assert body["membership"] is None
    assert "members" not in body
    assert send(client, "get", "/communities/nowhere").status_code == 404


def test_join_and_leave_with_a_token(client, open_community, approval_community, suzuki):
    write = bearer(issue_token(suzuki, ["write"]))

    joined = send(client, "post", "/communities/shonai-agri/membership", {}, **write)
    asked = send(
        client, "post", "/communities/sanroku-it-women/membership", {"message": "よろしく"}, **write
    )
    again = send(client, "post", "/communities/sanroku-it-women/membership", {}, **write)
    left = send(client, "delete", "/communities/shonai-agri/membership", **write)

    assert joined.status_code == 200
    assert joined.json()["membership"]["status"] == "active"
    assert joined.json()["member_count"] == 2
    assert asked.json()["membership"] == {
        "role": "member",
        "status": "pending",
        "messages_opted_out": False,
    }
    assert again.status_code == 409
    assert error_of(again)["message"] == str(messages.ALREADY_REQUESTED)
    assert left.json()["membership"] is None and left.json()["member_count"] == 1
    assert not CommunityMembership.objects.filter(user=suzuki, community=open_community).exists()


def test_the_last_leader_leaving_is_a_409_with_the_reason(client, open_community, leader):
    write = bearer(issue_token(leader, ["write"]))

    response = send(client, "delete", "/communities/shonai-agri/membership", **write)

    assert response.status_code == 409
    assert error_of(response) == {
        "code": "last_leader",
        "message": str(messages.LAST_LEADER_CANNOT_LEAVE),
        "details": [],
    }


def test_anonymous_and_read_only_callers_cannot_join(client, open_community, suzuki):
    anonymous = send(client, "post", "/communities/shonai-agri/membership", {})
    read_only = send(
        client,
        "post",
        "/communities/shonai-agri/membership",
        {},
        **bearer(issue_token(suzuki, ["read"])),
    )

    assert anonymous.status_code == 401
    assert read_only.status_code == 403
    assert not CommunityMembership.objects.filter(user=suzuki).exists()
