"""The missions API: list with filters, detail (the score for hosts only), drafting, editing and
publishing with a token, applications (the candidate's own; all of them for the host)."""

from __future__ import annotations

from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.missions import messages
from kyoso.missions.models import Application, Mission, MissionStatus
from kyoso.missions.tests.factories import add_questions, apply, published


def test_list_filters_and_pagination(client, mission, org_mission):
    published(kind="volunteer", reward_kind="unpaid", reward_yen=None, municipality_id="06204")

    everything = send(client, "get", "/missions").json()
    interns = send(client, "get", "/missions?kind=internship").json()
    unpaid = send(client, "get", "/missions?reward=unpaid&municipality=06204").json()
    page = send(client, "get", "/missions?limit=1&offset=1").json()

    assert everything["count"] == 3
    assert [m["id"] for m in interns["items"]] == [org_mission.pk]
    assert interns["items"][0]["organization"] == "sanroku"
    assert unpaid["count"] == 1 and unpaid["items"][0]["kind"] == "volunteer"
    assert len(page["items"]) == 1 and page["count"] == 3
    assert "completeness" not in everything["items"][0]


def test_a_bad_filter_is_a_422(client, db):
    response = send(client, "get", "/missions?reward=lots")
    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_detail_shows_the_score_to_hosts_only(client, mission, lead, suzuki):
    anonymous = send(client, "get", f"/missions/{mission.pk}").json()
    host = send(
        client, "get", f"/missions/{mission.pk}", **bearer(issue_token(lead, ["read"]))
    ).json()

    assert anonymous["completeness"] is None
    assert host["completeness"]["score"] == 100
    assert anonymous["skills"] == [
        {"skill": "marketing", "label": "マーケティング・販路開拓", "required": True}
    ]


def test_a_draft_is_hidden_from_others(client, draft, suzuki):
    assert send(client, "get", f"/missions/{draft.pk}").status_code == 401
    token = bearer(issue_token(suzuki, ["read"]))
    # 404, not 403: a draft must not be confirmed to exist (issue 20).
    assert send(client, "get", f"/missions/{draft.pk}", **token).status_code == 404


def test_draft_patch_and_publish_with_a_token(client, project, lead):
    write = bearer(issue_token(lead, ["write"]))
    created = send(
        client,
        "post",
        "/missions",
        {"project": project.pk, "kind": "side_job", "title": "販路をひらく"},
        **write,
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["completeness"]["score"] == 10

    refused = send(client, "patch", f"/missions/{body['id']}", {"status": "published"}, **write)
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "incomplete"
    assert str(messages.MISSING_TASKS) in error_of(refused)["message"]

    fixed = send(
        client,
        "patch",
        f"/missions/{body['id']}",
        {
            "tasks": "聞き取り",
            "deliverables": "報告書",
            "starts_on": "2031-04-01",
            "ends_on": "2031-06-30",
            "hours_per_week": 4,
            "reward_kind": "unpaid",
            "required_skills": ["research"],
            "deadline": "2031-03-01",
            "status": "published",
        },
        **write,
    )
    assert fixed.status_code == 200, fixed.json()
    assert fixed.json()["status"] == "published"
    assert fixed.json()["completeness"]["score"] == 100


def test_bad_input_changes_nothing(client, mission, lead):
    write = bearer(issue_token(lead, ["write"]))
    response = send(
        client,
        "patch",
        f"/missions/{mission.pk}",
        {"tasks": "あ" * 100_000, "reward_kind": "paid", "reward_yen": None},
        **write,
    )
    assert response.status_code == 422
    fields = {d["field"] for d in error_of(response)["details"]}
    assert {"tasks", "reward_yen"} <= fields
    mission.refresh_from_db()
    assert mission.tasks == "飲食店への聞き取り、試食会の企画"


def test_create_needs_an_owner_the_caller_hosts(client, project, suzuki):
    write = bearer(issue_token(suzuki, ["write"]))
    nobody = send(client, "post", "/missions", {"kind": "side_job", "title": "x"}, **write)
    not_mine = send(
        client,
        "post",
        "/missions",
        {"project": project.pk, "kind": "side_job", "title": "x"},
        **write,
    )
    assert nobody.status_code == 422 and error_of(nobody)["code"] == "owner_missing"
    assert not_mine.status_code == 403
    assert not Mission.objects.exists()


def test_apply_and_list_applications(client, mission, lead, suzuki, takahashi):
    question = add_questions(mission, "庄内に来たことは？")[0]
    apply(mission, takahashi)
    write = bearer(issue_token(suzuki, ["write"]))

    missing = send(
        client, "post", f"/missions/{mission.pk}/applications", {"motivation": "やりたい"}, **write
    )
    huge = send(
        client,
        "post",
        f"/missions/{mission.pk}/applications",
        {"motivation": "やりたい", "answers": [{"question": question.pk, "text": "あ" * 100_000}]},
        **write,
    )
    done = send(
        client,
        "post",
        f"/missions/{mission.pk}/applications",
        {"motivation": "やりたい", "answers": [{"question": question.pk, "text": "あります"}]},
        **write,
    )
    twice = send(
        client,
        "post",
        f"/missions/{mission.pk}/applications",
        {"motivation": "やりたい", "answers": [{"question": question.pk, "text": "あります"}]},
        **write,
    )

    assert (missing.status_code, error_of(missing)["code"]) == (422, "answer_required")
    assert (huge.status_code, error_of(huge)["code"]) == (422, "too_long")
    assert done.status_code == 201
    assert done.json()["answers"] == [
        {"question_text": "庄内に来たことは？", "position": 1, "text": "あります"}
    ]
    assert (twice.status_code, error_of(twice)["code"]) == (409, "already_applied")
    assert Application.objects.filter(mission=mission).count() == 2

    own = send(client, "get", f"/missions/{mission.pk}/applications", **write).json()
    host = send(
        client,
        "get",
        f"/missions/{mission.pk}/applications",
        **bearer(issue_token(lead, ["read"])),
    ).json()
    assert [a["applicant"] for a in own["items"]] == ["鈴木"]
    assert host["count"] == 2


def test_applying_to_a_closed_mission_is_a_409(client, mission, suzuki):
    Mission.objects.filter(pk=mission.pk).update(status=MissionStatus.CLOSED, closed_reason="host")
    response = send(
        client,
        "post",
        f"/missions/{mission.pk}/applications",
        {"motivation": "やりたい"},
        **bearer(issue_token(suzuki, ["write"])),
    )
    assert (response.status_code, error_of(response)["code"]) == (409, "not_open")


def test_a_read_token_cannot_apply(client, mission, suzuki):
    response = send(
        client,
        "post",
        f"/missions/{mission.pk}/applications",
        {"motivation": "やりたい"},
        **bearer(issue_token(suzuki, ["read"])),
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_scope"
