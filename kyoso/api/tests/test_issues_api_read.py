"""GET /issues, GET /issues/{id}, GET /issues/{id}/comments: what each viewer sees."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.core.testing import assert_num_queries
from kyoso.issues.models import Comment, Issue, IssueTag, Stage, StageChange
from kyoso.issues.tests.factories import CommentFactory, IssueFactory
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory


def tag(issue, kind, *values):
    for value in values:
        IssueTag.objects.create(issue=issue, kind=kind, value=value)


def at(issue, minutes_ago):
    """Fix the issue's times so that the list order is known."""
    moment = timezone.now() - timedelta(minutes=minutes_ago)
    Issue.objects.filter(pk=issue.pk).update(created_at=moment, last_activity_at=moment)


@pytest.fixture
def issues(db, suzuki, takahashi):
    period = IssueFactory(
        title="生理用品を学校のトイレに",
        body="**困っている**生徒がいます。<script>alert(1)</script>",
        author=suzuki,
        municipality_id="04101",
        latitude=Decimal("38.268215"),
        longitude=Decimal("140.869356"),
        empathy_count=5,
    )
    tag(period, IssueTag.Kind.THEME, "gender", "education")
    tag(period, IssueTag.Kind.SDG, "sdg05")
    tag(period, IssueTag.Kind.TARGET, "young_women")
    at(period, 30)
    vacant = IssueFactory(
        title="空き家の活用",
        author=takahashi,
        municipality_id="06204",
        stage=Stage.SURFACED,
        name_hidden=True,
        empathy_count=1,
    )
    tag(vacant, IssueTag.Kind.THEME, "housing")
    tag(vacant, IssueTag.Kind.WALL, "budget")
    at(vacant, 20)
    farm = IssueFactory(title="農業の後継者", author=takahashi, comment_count=2)
    tag(farm, IssueTag.Kind.THEME, "agriculture")
    at(farm, 10)
    Issue.objects.filter(pk=period.pk).update(last_activity_at=timezone.now())
    hidden = IssueFactory(
        title="非表示の課題",
        author=takahashi,
        hidden_at=timezone.now(),
        hidden_reason="個人情報が含まれていました。",
    )
    review = IssueFactory(title="確認待ちの課題", author=takahashi, awaiting_review=True)
    return {"period": period, "vacant": vacant, "farm": farm, "hidden": hidden, "review": review}


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


# --- List ------------------------------------------------------------------------------------


def test_list_for_anonymous(client, issues):
    # 1 count, 2 page with poster, organization and municipality, 3 tags
    with assert_num_queries(3):
        response = send(client, "get", "/issues")
    body = response.json()
    assert body["count"] == 3
    assert titles(response) == ["農業の後継者", "空き家の活用", "生理用品を学校のトイレに"]
    period = issues["period"]
    item = body["items"][2]
    assert item == {
        "id": period.pk,
        "title": "生理用品を学校のトイレに",
        "stage": "seed",
        "stage_label": "種",
        "themes": ["gender", "education"],
        "sdgs": ["sdg05"],
        "targets": ["young_women"],
        "walls": [],
        "municipality": {"code": "04101", "name": "宮城県仙台市青葉区"},
        "point": {"latitude": 38.268215, "longitude": 140.869356},
        "organization": None,
        "name_hidden": False,
        "poster": {"display_name": "鈴木"},
        "empathy_count": 5,
        "comment_count": 0,
        "follower_count": 0,
        "comments_locked": False,
        "merged_into": None,
        "created_at": item["created_at"],
        "last_activity_at": item["last_activity_at"],
        "url": f"/issues/{period.pk}/",
    }


def test_list_query_count_with_a_token(client, issues, suzuki):
    headers = bearer(issue_token(suzuki))
    # 1 token with its user, 2 token last-used stamp, 3 roles (visibility),
    # 4 count, 5 page, 6 tags
    with assert_num_queries(6):
        send(client, "get", "/issues", **headers)
    for _ in range(5):
        tag(IssueFactory(author=suzuki), IssueTag.Kind.THEME, "housing", "welfare")
    # The same with eight issues on the page; the token stamp is written once a minute.
    with assert_num_queries(5):
        response = send(client, "get", "/issues", **headers)
    assert response.json()["count"] == 8


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sort=empathy", ["生理用品を学校のトイレに", "空き家の活用", "農業の後継者"]),
        ("sort=activity", ["生理用品を学校のトイレに", "農業の後継者", "空き家の活用"]),
        ("sort=new", ["農業の後継者", "空き家の活用", "生理用品を学校のトイレに"]),
        ("stage=surfaced", ["空き家の活用"]),
        ("theme=gender", ["生理用品を学校のトイレに"]),
        ("sdg=sdg05", ["生理用品を学校のトイレに"]),
        ("target=young_women", ["生理用品を学校のトイレに"]),
        ("wall=budget", ["空き家の活用"]),
        ("municipality=04100", ["生理用品を学校のトイレに"]),
        ("prefecture=06", ["空き家の活用"]),
        ("theme=housing&stage=seed", []),
    ],
)
def test_list_filters_and_sorts(client, issues, query, expected):
    assert titles(send(client, "get", f"/issues?{query}")) == expected


def test_list_pages_follow_the_api_convention(client, issues):
    body = send(client, "get", "/issues?limit=2").json()
    assert [item["title"] for item in body["items"]] == ["農業の後継者", "空き家の活用"]
    assert body["next"] == "http://testserver/api/v1/issues?limit=2&offset=2"
    body = send(client, "get", "/issues?limit=2&offset=2").json()
    assert [item["title"] for item in body["items"]] == ["生理用品を学校のトイレに"]
    assert body["next"] is None
    assert send(client, "get", "/issues?offset=100").json()["items"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [("sort=oldest", "sort"), ("stage=finished", "stage"), ("limit=0", "limit")],
)
def test_list_refuses_unknown_values(client, issues, query, field):
    response = send(client, "get", f"/issues?{query}")
    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == field


@pytest.mark.parametrize(
    ("persona", "listed"),
    [("anonymous", False), ("suzuki", False), ("takahashi", True), ("sato", True)],
)
def test_issues_awaiting_review_are_listed_for_poster_and_secretariat(
    client, login_as, issues, persona, listed
):
    login_as(persona)
    seen = titles(send(client, "get", "/issues"))
    assert ("確認待ちの課題" in seen) is listed
    assert "非表示の課題" not in seen  # hidden issues are never listed


@pytest.mark.parametrize(
    ("persona", "sees_name"),
    [("anonymous", False), ("suzuki", False), ("takahashi", True), ("sato", True)],
)
def test_a_hidden_name_is_shown_only_to_the_poster_and_the_secretariat(
    client, login_as, issues, persona, sees_name
):
    login_as(persona)
    item = next(i for i in send(client, "get", "/issues").json()["items"] if i["name_hidden"])
    assert item["poster"] == ({"display_name": "高橋"} if sees_name else None)
    detail = send(client, "get", f"/issues/{issues['vacant'].pk}")
    assert detail.json()["poster"] == ({"display_name": "高橋"} if sees_name else None)
    assert ("高橋" in detail.content.decode()) is sees_name


def test_an_organization_post_with_a_hidden_name_shows_only_the_organization(client, suzuki):
    org = OrganizationFactory(slug="shonai", name="庄内まちづくり協議会")
    MembershipFactory(organization=org, user=suzuki, role=MemberRole.MEMBER)
    issue = IssueFactory(author=suzuki, organization=org, name_hidden=True)
    body = send(client, "get", f"/issues/{issue.pk}").json()
    assert body["organization"] == {"slug": "shonai", "name": "庄内まちづくり協議会"}
    assert body["poster"] is None


# --- Detail ----------------------------------------------------------------------------------


def test_detail_for_anonymous(client, issues, sato):
    period = issues["period"]
    StageChange.objects.create(
        issue=period,
        from_stage=Stage.SEED,
        to_stage=Stage.SURFACED,
        actor=sato,
        reason="定例会で取り上げました。",
    )
    # 1 issue with poster, organization, municipality, merge target, counts and the viewer's
    # marks, 2 tags, 3 stage history with actors, 4 attachments
    with assert_num_queries(4):
        response = send(client, "get", f"/issues/{period.pk}")
    body = response.json()
    assert body["title"] == "生理用品を学校のトイレに"
    assert body["body"] == "**困っている**生徒がいます。<script>alert(1)</script>"
    assert body["body_html"] == (
        "<p><strong>困っている</strong>生徒がいます。&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )
    assert body["hidden"] is False and body["hidden_reason"] is None
    assert body["awaiting_review"] is False
    assert body["offer_count"] == 0
    assert body["attachments"] == []
    assert body["stage_history"] == [
        {
            "from_stage": "seed",
            "to_stage": "surfaced",
            "to_stage_label": "顕在化",
            "reason": "定例会で取り上げました。",
            "at": body["stage_history"][0]["at"],
            "actor": {"display_name": "佐藤（事務局）"},
        }
    ]
    assert body["viewer"] == {
        "empathized": False,
        "follows": False,
        "can_edit": False,
        "can_empathize": False,
        "can_comment": False,
    }


def test_detail_for_the_poster(client, issues, suzuki):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles, 4 issue with the viewer's marks, 5 tags, 6 history,
    # 7 attachments
    with assert_num_queries(7):
        body = send(client, "get", f"/issues/{issues['period'].pk}").json()
    assert body["viewer"] == {
        "empathized": False,
        "follows": False,
        "can_edit": True,
        "can_empathize": True,
        "can_comment": True,
    }


@pytest.mark.parametrize(
    ("persona", "issue", "status"),
    [
        ("anonymous", "hidden", 404),
        ("suzuki", "hidden", 404),
        ("takahashi", "hidden", 200),
        ("sato", "hidden", 200),
        ("anonymous", "review", 404),
        ("suzuki", "review", 404),
        ("takahashi", "review", 200),
        ("sato", "review", 200),
        ("anonymous", "farm", 200),
    ],
)
def test_detail_visibility(client, login_as, issues, persona, issue, status):
    login_as(persona)
    response = send(client, "get", f"/issues/{issues[issue].pk}")
    assert response.status_code == status
    if status == 404:
        assert error_of(response)["code"] == "not_found"


def test_the_poster_sees_why_their_issue_was_hidden(client, issues, takahashi):
    client.force_login(takahashi)
    body = send(client, "get", f"/issues/{issues['hidden'].pk}").json()
    assert body["hidden"] is True
    assert body["hidden_reason"] == "個人情報が含まれていました。"


def test_unknown_issue_is_404(client, db):
    assert send(client, "get", "/issues/999999").status_code == 404
    assert send(client, "get", "/issues/abc").status_code == 422


def test_a_stage_change_by_a_name_hidden_poster_does_not_name_them(client, issues, takahashi):
    vacant = issues["vacant"]
    StageChange.objects.create(
        issue=vacant, from_stage="seed", to_stage="surfaced", actor=takahashi, reason="理由"
    )
    body = send(client, "get", f"/issues/{vacant.pk}").json()
    assert body["stage_history"][0]["actor"] is None
    assert "高橋" not in str(body)


# --- Comments --------------------------------------------------------------------------------


@pytest.fixture
def thread(issues, suzuki, takahashi, sato):
    vacant = issues["vacant"]
    first = CommentFactory(issue=vacant, author=suzuki, body="同じことを**感じて**いました。")
    CommentFactory(issue=vacant, author=takahashi, parent=first, body="ありがとうございます。")
    CommentFactory(issue=vacant, author=sato, body="消しました", deleted_at=timezone.now())
    CommentFactory(
        issue=vacant,
        author=UserFactory(display_name="荒らし"),
        body="ひどい言葉",
        hidden_at=timezone.now(),
        hidden_reason="誹謗中傷",
    )
    return first


def test_comments_as_threads(client, issues, thread):
    vacant = issues["vacant"]
    # 1 issue, 2 comments with authors
    with assert_num_queries(2):
        response = send(client, "get", f"/issues/{vacant.pk}/comments")
    body = response.json()
    assert body["count"] == 3  # top-level comments
    first, deleted, hidden = body["items"]
    assert first == {
        "id": thread.pk,
        "parent": None,
        "author": {"display_name": "鈴木"},
        "body": "同じことを**感じて**いました。",
        "body_html": "<p>同じことを<strong>感じて</strong>いました。</p>\n",
        "deleted": False,
        "hidden": False,
        "created_at": first["created_at"],
        "edited_at": None,
        "replies": [
            {
                "id": first["replies"][0]["id"],
                "parent": thread.pk,
                "author": None,  # the name-hidden poster of the issue
                "body": "ありがとうございます。",
                "body_html": "<p>ありがとうございます。</p>\n",
                "deleted": False,
                "hidden": False,
                "created_at": first["replies"][0]["created_at"],
                "edited_at": None,
            }
        ],
    }
    assert (deleted["deleted"], deleted["body"], deleted["body_html"]) == (True, "", "")
    assert (hidden["hidden"], hidden["body"]) == (True, "")
    assert "ひどい言葉" not in response.content.decode()
    assert "高橋" not in response.content.decode()


def test_the_secretariat_sees_who_replied_on_a_name_hidden_issue(client, issues, thread, sato):
    client.force_login(sato)
    body = send(client, "get", f"/issues/{issues['vacant'].pk}/comments").json()
    assert body["items"][0]["replies"][0]["author"] == {"display_name": "高橋"}


def test_comments_of_an_issue_you_may_not_see_are_404(client, issues):
    hidden = issues["hidden"]
    Comment.objects.create(issue=hidden, author=hidden.author, body="見えない")
    response = send(client, "get", f"/issues/{hidden.pk}/comments")
    assert response.status_code == 404
