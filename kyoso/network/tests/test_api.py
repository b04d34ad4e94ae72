"""The introductions and advice-requests API: the caller's own only, 404 for introductions
they take no part in, contact after both accepted, every refusal in the one error format,
write scope for writes, and a constant number of queries."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.api import messages as api_messages
from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.core.testing import assert_num_queries
from kyoso.network import messages
from kyoso.network.models import (
    AdviceRequest,
    AdviceStatus,
    Introduction,
    IntroductionStatus,
    NetworkPreference,
)
from kyoso.network.services.advice import advice_request_create
from kyoso.network.services.introductions import (
    DAILY_LIMIT,
    block_create,
    introduction_request,
)
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def write(user):
    return bearer(issue_token(user, ["write"]))


def read(user):
    return bearer(issue_token(user, ["read"]))


def ask(actor, to, reason="販路づくりの相談"):
    return introduction_request(actor=actor, to_user=to, reason=reason)


def test_ask_accept_and_both_see_contact(client, suzuki, yamada):
    created = send(
        client,
        "post",
        "/introductions",
        {"to_user": yamada.pk, "reason": "相談したい"},
        **write(suzuki),
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "pending" and body["role"] == "requester"
    assert body["contact"] is None and body["may_answer"] is False
    assert body["to"] == {"kind": "user", "id": yamada.pk, "slug": None, "name": "山田"}

    theirs = send(client, "get", "/introductions", **read(yamada)).json()
    assert theirs["count"] == 1 and theirs["items"][0]["may_answer"] is True
    assert theirs["items"][0]["contact"] is None

    accepted = send(client, "post", f"/introductions/{body['id']}/accept", **write(yamada))
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["contact"]["email"] == "suzuki@example.jp"
    mine = send(client, "get", "/introductions", **read(suzuki)).json()
    assert mine["items"][0]["contact"]["email"] == "yamada@example.jp"


def test_decline_tells_the_asker_only_not_now(client, suzuki, yamada):
    intro = ask(suzuki, yamada)
    declined = send(client, "post", f"/introductions/{intro.pk}/decline", **write(yamada))
    assert declined.status_code == 200
    mine = send(client, "get", "/introductions", **read(suzuki)).json()["items"][0]
    assert mine["status_label"] == str(messages.NOT_NOW)
    assert mine["contact"] is None
    assert "yamada@example.jp" not in str(mine)


def test_someone_elses_introduction_is_a_404(client, suzuki, yamada, takahashi):
    intro = ask(suzuki, yamada)
    for action in ("accept", "decline"):
        response = send(client, "post", f"/introductions/{intro.pk}/{action}", **write(takahashi))
        assert response.status_code == 404
        assert error_of(response) == {
            "code": "not_found",
            "message": str(api_messages.NOT_FOUND),
            "details": [],
        }
    missing = send(client, "post", "/introductions/999999/accept", **write(takahashi))
    assert missing.status_code == 404
    assert send(client, "get", "/introductions", **read(takahashi)).json()["count"] == 0
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.PENDING


def test_answering_twice_is_a_409(client, suzuki, yamada):
    intro = ask(suzuki, yamada)
    send(client, "post", f"/introductions/{intro.pk}/accept", **write(yamada))
    again = send(client, "post", f"/introductions/{intro.pk}/decline", **write(yamada))
    assert again.status_code == 409
    assert error_of(again)["code"] == "not_pending"
    assert error_of(again)["message"] == messages.INTRO_NOT_PENDING % {"status": "紹介成立"}
    own = send(client, "post", f"/introductions/{intro.pk}/accept", **write(suzuki))
    assert own.status_code == 409


def test_an_organization_answers_through_its_managers(client, suzuki, yamada, takahashi):
    org = OrganizationFactory(slug="sanroku", name="サンロク", contact_email="info@sanroku.jp")
    MembershipFactory(organization=org, user=yamada, role=MemberRole.ADMIN)
    MembershipFactory(organization=org, user=takahashi, role=MemberRole.MEMBER)
    created = send(
        client,
        "post",
        "/introductions",
        {"to_organization": "sanroku", "reason": "協賛の相談"},
        **write(suzuki),
    ).json()
    assert created["to"]["slug"] == "sanroku"
    plain_member = send(
        client, "post", f"/introductions/{created['id']}/accept", **write(takahashi)
    )
    assert plain_member.status_code == 404
    accepted = send(client, "post", f"/introductions/{created['id']}/accept", **write(yamada))
    assert accepted.json()["role"] == "target"
    mine = send(client, "get", "/introductions", **read(suzuki)).json()["items"][0]
    assert mine["contact"]["email"] == "info@sanroku.jp"
    assert mine["contact"]["person_email"] == "yamada@example.jp"


@pytest.mark.parametrize(
    ("setup", "status", "code", "message"),
    [
        ("self", 409, "to_self", messages.INTRO_TO_SELF),
        ("opted_out", 409, "opted_out", messages.INTRO_OPTED_OUT),
        ("blocked", 409, "blocked", messages.INTRO_BLOCKED),
        ("open", 409, "already_open", messages.INTRO_ALREADY_OPEN),
        ("unknown", 422, "target_invalid", messages.INTRO_TARGET_INVALID),
        ("both", 422, "target_invalid", messages.INTRO_TARGET_INVALID),
        ("blank", 422, "reason_required", messages.INTRO_REASON_REQUIRED),
        (
            "long",
            422,
            "too_long",
            messages.TEXT_TOO_LONG % {"limit_value": 1000, "show_value": 1001},
        ),
    ],
)
def test_every_refusal_in_the_error_format(client, suzuki, yamada, setup, status, code, message):
    payload = {"to_user": yamada.pk, "reason": "相談したい"}
    if setup == "self":
        payload["to_user"] = suzuki.pk
    elif setup == "opted_out":
        NetworkPreference.objects.create(user=yamada, introductions_open=False)
    elif setup == "blocked":
        block_create(actor=yamada, blocked=suzuki)
    elif setup == "open":
        ask(suzuki, yamada)
    elif setup == "unknown":
        payload["to_user"] = 999999
    elif setup == "both":
        payload["to_organization"] = "sanroku"
    elif setup == "blank":
        payload["reason"] = "  "
    elif setup == "long":
        payload["reason"] = "あ" * 1001
    before = Introduction.objects.count()
    response = send(client, "post", "/introductions", payload, **write(suzuki))
    assert response.status_code == status
    assert error_of(response)["code"] == code
    assert error_of(response)["message"] == str(message)
    assert Introduction.objects.count() == before


def test_the_21st_request_of_the_day_is_a_429(client, suzuki):
    people = UserFactory.create_batch(DAILY_LIMIT + 1)
    for person in people[:DAILY_LIMIT]:
        ask(suzuki, person)
    response = send(
        client, "post", "/introductions", {"to_user": people[-1].pk, "reason": "x"}, **write(suzuki)
    )
    assert response.status_code == 429
    assert error_of(response)["code"] == "daily_limit"
    assert error_of(response)["message"] == messages.INTRO_DAILY_LIMIT % {"limit": DAILY_LIMIT}


def test_writes_need_the_write_scope_and_a_caller(client, suzuki, yamada):
    payload = {"to_user": yamada.pk, "reason": "x"}
    scoped = send(client, "post", "/introductions", payload, **read(suzuki))
    assert scoped.status_code == 403 and error_of(scoped)["code"] == "insufficient_scope"
    intro = ask(suzuki, yamada)
    answer = send(client, "post", f"/introductions/{intro.pk}/accept", **read(yamada))
    assert answer.status_code == 403 and error_of(answer)["code"] == "insufficient_scope"
    assert send(client, "get", "/introductions").status_code == 401
    assert send(client, "get", "/advice-requests").status_code == 401
    advice = send(client, "post", "/advice-requests", {"subject": "x", "body": "y"}, **read(suzuki))
    assert advice.status_code == 403


def test_pagination_and_no_trailing_slash(client, suzuki):
    for person in UserFactory.create_batch(3):
        ask(suzuki, person)
    page = send(client, "get", "/introductions?limit=1&offset=1", **read(suzuki)).json()
    assert page["count"] == 3 and len(page["items"]) == 1
    assert send(client, "get", "/introductions/", **read(suzuki)).status_code == 404


def test_a_broker_sees_it_but_does_not_answer(client, sato, suzuki, yamada):
    from kyoso.network.services.introductions import introduction_broker

    intro = introduction_broker(actor=sato, requester=suzuki, to_user=yamada, reason="同じ地域")
    listed = send(client, "get", "/introductions", **read(sato)).json()["items"][0]
    assert listed["role"] == "broker" and listed["brokered"] is True
    assert listed["contact"] is None
    refused = send(client, "post", f"/introductions/{intro.pk}/accept", **write(sato))
    assert refused.status_code == 403 and error_of(refused)["code"] == "permission_denied"
    send(client, "post", f"/introductions/{intro.pk}/accept", **write(yamada))
    done = send(client, "post", f"/introductions/{intro.pk}/accept", **write(suzuki)).json()
    assert done["status"] == "accepted" and done["contact"]["email"] == "yamada@example.jp"


# --- Advice requests ---------------------------------------------------------------------


def test_advice_request_to_the_queue_and_to_an_advisor(client, suzuki, advisor_ito):
    queued = send(
        client,
        "post",
        "/advice-requests",
        {"subject": "補助金の申請", "body": "何から始めれば"},
        **write(suzuki),
    )
    assert queued.status_code == 201, queued.json()
    assert queued.json()["status"] == "new" and queued.json()["advisor"] is None
    chosen = send(
        client,
        "post",
        "/advice-requests",
        {"kind": "introduction", "subject": "紹介", "body": "金融機関", "advisor": advisor_ito.pk},
        **write(suzuki),
    ).json()
    assert chosen["status"] == "assigned"
    assert chosen["advisor"] == {"id": advisor_ito.pk, "name": "伊藤"}
    mine = send(client, "get", "/advice-requests", **read(suzuki)).json()
    assert mine["count"] == 2
    assert "record" not in mine["items"][0]
    handled = send(client, "get", "/advice-requests", **read(advisor_ito.user)).json()
    assert [(i["id"], i["role"]) for i in handled["items"]] == [(chosen["id"], "advisor")]


def test_others_do_not_see_advice_requests(client, suzuki, takahashi):
    advice_request_create(actor=suzuki, kind="advice", subject="非公開", body="相談")
    assert send(client, "get", "/advice-requests", **read(takahashi)).json()["count"] == 0


@pytest.mark.parametrize(
    ("payload", "status", "code", "message"),
    [
        ({"kind": "gossip"}, 422, "kind_invalid", messages.ADVICE_KIND_INVALID),
        ({"subject": " "}, 422, "subject_required", messages.ADVICE_SUBJECT_REQUIRED),
        ({"body": ""}, 422, "body_required", messages.ADVICE_BODY_REQUIRED),
        (
            {"subject": "あ" * 101},
            422,
            "too_long",
            messages.TEXT_TOO_LONG % {"limit_value": 100, "show_value": 101},
        ),
        ({"advisor": 999999}, 409, "advisor_unavailable", messages.ADVISOR_NOT_AVAILABLE),
    ],
)
def test_advice_refusals(client, suzuki, payload, status, code, message):
    body = {"subject": "件名", "body": "本文", **payload}
    response = send(client, "post", "/advice-requests", body, **write(suzuki))
    assert response.status_code == status
    assert error_of(response)["code"] == code
    assert error_of(response)["message"] == str(message)
    assert not AdviceRequest.objects.exists()


def test_an_advisor_past_their_limit_is_a_409(client, suzuki, takahashi, yamada, advisor_ito):
    for person in (suzuki, takahashi):
        advice_request_create(
            actor=person, kind="advice", subject="相談", body="本文", advisor=advisor_ito
        )
    response = send(
        client,
        "post",
        "/advice-requests",
        {"subject": "三件目", "body": "本文", "advisor": advisor_ito.pk},
        **write(yamada),
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "advisor_full"
    assert error_of(response)["message"] == messages.ADVISOR_FULL % {"limit": 2}
    assert not AdviceRequest.objects.filter(requester=yamada).exists()
    assert AdviceRequest.objects.filter(status=AdviceStatus.ASSIGNED).count() == 2


# --- Query counts --------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 10])
def test_introduction_list_queries(client, suzuki, count):
    org = OrganizationFactory()
    MembershipFactory(organization=org, user=suzuki, role=MemberRole.OWNER)
    for _ in range(count):
        accepted = ask(suzuki, UserFactory())
        accepted.status = IntroductionStatus.ACCEPTED
        accepted.target_accepted_at = accepted.requester_accepted_at
        accepted.save()
        introduction_request(actor=UserFactory(), to_organization=org, reason="相談")
    token = read(suzuki)

    # 1 token, 2 token last used, 3 count (with the managed organizations), 4 the page with
    # people and organizations, 5 the caller's managed organizations (once)
    with assert_num_queries(5, label=f"{count} introductions"):
        response = send(client, "get", "/introductions", **token)
    assert response.json()["count"] == 2 * count


def test_accept_queries(client, suzuki, yamada):
    intro = ask(suzuki, yamada)
    token = write(yamada)
    send(client, "get", "/introductions", **token)  # the token's last use is recorded
    # 1 token, 2 the introduction, 3 savepoint, 4 the conditional answer, 5 accepted by both,
    # 6 refresh, 7 history row, 8 audit row, 9 recipients, 10-14 their notification (savepoint,
    # actor, insert, mail preference, release), 15 release, 16 the answer, 17 managed orgs
    with assert_num_queries(17) as captured:
        response = send(client, "post", f"/introductions/{intro.pk}/accept", **token)
    assert response.status_code == 200, [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("count", [1, 10])
def test_advice_list_queries(client, suzuki, advisor_ito, count):
    for i in range(count):
        advice_request_create(actor=suzuki, kind="advice", subject=f"相談{i}", body="本文")
    token = read(suzuki)

    # 1 token, 2 token last used, 3 count, 4 requests with advisors
    with assert_num_queries(4, label=f"{count} requests"):
        send(client, "get", "/advice-requests", **token)
