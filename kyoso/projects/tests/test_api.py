"""The projects API: list with filters, detail, start and edit, members (list; ask to join),
stage (history; move), and the map's GeoJSON."""

from __future__ import annotations

from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.issues.models import Stage as IssueStage
from kyoso.issues.tests.factories import IssueFactory
from kyoso.projects import messages
from kyoso.projects.models import Membership, Project, ProjectTag
from kyoso.projects.services.stages import project_change_stage
from kyoso.projects.tests.factories import project_led_by

GOAL = "週に一度、子どもが安心して食べられる場をつくる。"


def test_list_filters(client, project, suzuki):
    other = project_led_by(suzuki, title="規格外野菜で給食", open_need_count=2)
    ProjectTag.objects.create(project=other, kind="theme", value="agriculture")
    other.municipalities.set(["04101"])

    everything = send(client, "get", "/projects").json()
    farming = send(client, "get", "/projects?theme=agriculture").json()
    sendai = send(client, "get", "/projects?municipality=04100").json()
    helping = send(client, "get", "/projects?needs_help=true").json()

    assert everything["count"] == 2
    assert [p["title"] for p in farming["items"]] == ["規格外野菜で給食"]
    assert [p["id"] for p in sendai["items"]] == [other.pk]
    assert sendai["items"][0]["municipalities"] == [{"code": "04101", "name": "宮城県仙台市青葉区"}]
    assert [p["id"] for p in helping["items"]] == [other.pk]
    bad = send(client, "get", "/projects?stage=flying")
    assert bad.status_code == 422 and error_of(bad)["code"] == "validation_error"


def test_detail(client, project, lead):
    body = send(client, "get", f"/projects/{project.pk}").json()
    assert body["title"] == "空き家で子ども食堂"
    assert [m["display_name"] for m in body["members"]] == ["斎藤", "山田"]
    assert body["members"][0]["role"] == "lead"
    assert body["stage_history"][0]["to_stage"] == "idea"
    assert body["viewer"]["membership"] is None
    assert send(client, "get", "/projects/999999").status_code == 404


def test_create_with_a_token_and_from_an_issue(client, suzuki):
    issue = IssueFactory(stage=IssueStage.SEED)
    write = bearer(issue_token(suzuki, ["write"]))
    response = send(
        client,
        "post",
        "/projects",
        {
            "title": "通学路を明るく",
            "goal": GOAL,
            "themes": ["community"],
            "municipalities": ["06204"],
            "latitude": 38.914,
            "longitude": 139.836,
            "from_issue": issue.pk,
        },
        **write,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["origin"], body["origin_issue"]) == ("issue", issue.pk)
    assert body["viewer"]["membership"] == {"role": "lead", "status": "active"}
    assert body["point"] == {"latitude": 38.914, "longitude": 139.836}
    issue.refresh_from_db()
    assert issue.stage == IssueStage.IN_ACTION


def test_create_refusals(client, suzuki):
    read = bearer(issue_token(suzuki, ["read"]))
    write = bearer(issue_token(suzuki, ["write"]))
    assert (
        send(client, "post", "/projects", {"title": "t", "goal": GOAL}, **read).status_code == 403
    )
    assert send(client, "post", "/projects", {"title": "t", "goal": GOAL}).status_code == 401
    missing = send(client, "post", "/projects", {"title": "", "goal": ""}, **write)
    assert missing.status_code == 422
    assert {d["message"] for d in error_of(missing)["details"]} >= {
        str(messages.TITLE_REQUIRED),
        str(messages.GOAL_REQUIRED),
    }
    huge = send(
        client, "post", "/projects", {"title": "t", "goal": GOAL, "body": "あ" * 100_000}, **write
    )
    assert huge.status_code == 422
    assert (
        send(
            client, "post", "/projects", {"title": "t", "goal": GOAL, "from_issue": 99999}, **write
        ).status_code
        == 404
    )
    assert not Project.objects.exists()


def test_patch_by_the_lead_only(client, project, lead, member):
    by_member = send(
        client,
        "patch",
        f"/projects/{project.pk}",
        {"title": "x"},
        **bearer(issue_token(member, ["write"])),
    )
    assert by_member.status_code == 403
    response = send(
        client,
        "patch",
        f"/projects/{project.pk}",
        {"goal": "地域の子どもの居場所をつくる。", "sdgs": ["sdg02"]},
        **bearer(issue_token(lead, ["write"])),
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["title"], body["goal"], body["sdgs"]) == (
        "空き家で子ども食堂",
        "地域の子どもの居場所をつくる。",
        ["sdg02"],
    )


def test_members_list_and_request(client, project, suzuki):
    listed = send(client, "get", f"/projects/{project.pk}/members").json()
    assert [m["display_name"] for m in listed["items"]] == ["斎藤", "山田"]
    write = bearer(issue_token(suzuki, ["write"]))
    asked = send(
        client, "post", f"/projects/{project.pk}/members", {"message": "よろしく"}, **write
    )
    again = send(client, "post", f"/projects/{project.pk}/members", {}, **write)
    assert asked.status_code == 201
    assert asked.json() == {"role": "member", "status": "requested"}
    assert again.status_code == 409
    assert error_of(again)["message"] == str(messages.ALREADY_REQUESTED)
    assert Membership.objects.get(user=suzuki).message == "よろしく"


def test_stage_history_and_moves(client, project, lead, member):
    write = bearer(issue_token(lead, ["write"]))
    moved = send(client, "post", f"/projects/{project.pk}/stage", {"to_stage": "trial"}, **write)
    assert moved.status_code == 200 and moved.json()["stage"] == "trial"
    back = send(client, "post", f"/projects/{project.pk}/stage", {"to_stage": "idea"}, **write)
    assert back.status_code == 422
    assert error_of(back)["details"][0]["message"] == str(messages.STAGE_REASON_REQUIRED_BACKWARDS)
    ended = send(client, "post", f"/projects/{project.pk}/stage", {"to_stage": "ended"}, **write)
    assert error_of(ended)["details"][0]["message"] == str(messages.OUTCOME_REQUIRED)
    by_member = send(
        client,
        "post",
        f"/projects/{project.pk}/stage",
        {"to_stage": "running"},
        **bearer(issue_token(member, ["write"])),
    )
    assert by_member.status_code == 403
    history = send(client, "get", f"/projects/{project.pk}/stage").json()
    assert [c["to_stage"] for c in history["items"]] == ["idea", "trial"]


def test_a_concurrent_move_is_a_409(client, project, lead, sato, monkeypatch):
    from kyoso.projects import selectors

    stale = Project.objects.get(pk=project.pk)
    project_change_stage(actor=sato, project=Project.objects.get(pk=project.pk), to_stage="trial")
    original = selectors.project_for_viewer

    def as_seen_before(pk, viewer):
        loaded = original(pk, viewer)
        loaded.stage = stale.stage
        return loaded

    monkeypatch.setattr(selectors, "project_for_viewer", as_seen_before)
    response = send(
        client,
        "post",
        f"/projects/{project.pk}/stage",
        {"to_stage": "preparing"},
        **bearer(issue_token(lead, ["write"])),
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "conflict"


def test_geojson(client, project, suzuki):
    placed = project_led_by(suzuki, title="港の朝市", latitude="38.914", longitude="139.836")
    body = send(client, "get", "/projects.geojson?bbox=139.5,37.7,141.7,39.2").json()
    assert [f["id"] for f in body["features"]] == [placed.pk]
    assert body["features"][0]["properties"]["summary"] == placed.goal
    assert send(client, "get", "/projects.geojson?bbox=1,2").status_code == 422
