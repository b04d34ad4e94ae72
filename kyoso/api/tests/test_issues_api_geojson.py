"""GET /issues.geojson: the map's FeatureCollection of visible issues with a point."""

from decimal import Decimal

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.api import messages
from kyoso.api.filters import MUNICIPALITY_INVALID
from kyoso.api.routers.issues import geojson as issues_router
from kyoso.api.tests.factories import error_of, send
from kyoso.core.testing import assert_num_queries
from kyoso.issues.models import Issue, IssueTag, Stage

SENDAI = (Decimal("38.268215"), Decimal("140.869356"))  # 仙台市青葉区
YAMAGATA = (Decimal("38.240436"), Decimal("140.363633"))  # 山形市
SAKATA = (Decimal("38.914356"), Decimal("139.836501"))  # 酒田市


def make_issue(author, title, point=None, *, municipality=None, tags=(), **fields):
    lat, lon = point if point else (None, None)
    issue = Issue.objects.create(
        title=title,
        body=f"{title}の説明",
        author=author,
        latitude=lat,
        longitude=lon,
        municipality_id=municipality,
        **fields,
    )
    for kind, value in tags:
        IssueTag.objects.create(issue=issue, kind=kind, value=value)
    return issue


@pytest.fixture
def board(db, suzuki, takahashi):
    """Issues around Miyagi and Yamagata in every state the map must treat differently."""
    now = timezone.now()
    sendai = make_issue(
        suzuki,
        "生理用品を学校のトイレに",
        SENDAI,
        municipality="04101",
        tags=[(IssueTag.Kind.THEME, "gender"), (IssueTag.Kind.TARGET, "young_women")],
        empathy_count=3,
    )
    yamagata = make_issue(
        takahashi,
        "空き家の活用",
        YAMAGATA,
        municipality="06201",
        stage=Stage.SURFACED,
        tags=[(IssueTag.Kind.THEME, "housing"), (IssueTag.Kind.WALL, "budget")],
        name_hidden=True,
    )
    sakata = make_issue(
        takahashi,
        "農業の後継者がいない",
        SAKATA,
        municipality="06204",
        stage=Stage.IN_ACTION,
        tags=[(IssueTag.Kind.THEME, "agriculture"), (IssueTag.Kind.SDG, "sdg02")],
    )
    no_point = make_issue(suzuki, "場所のない課題", municipality="04100")
    hidden = make_issue(
        takahashi, "非表示にされた課題", SENDAI, hidden_at=now, hidden_reason="個人情報"
    )
    in_review = make_issue(takahashi, "確認待ちの課題", SENDAI, awaiting_review=True)
    merged = make_issue(suzuki, "統合された課題", SENDAI, stage=Stage.MERGED, merged_into=sendai)
    return {
        "sendai": sendai,
        "yamagata": yamagata,
        "sakata": sakata,
        "no_point": no_point,
        "hidden": hidden,
        "in_review": in_review,
        "merged": merged,
    }


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [feature["properties"]["title"] for feature in response.json()["features"]]


def test_a_feature_collection_of_the_visible_issues_with_a_point(client, board):
    # 1 the features (issues with tags filtered in a subquery, municipality names joined)
    with assert_num_queries(1):
        response = send(client, "get", "/issues.geojson")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["truncated"] is False
    # Newest first; no hidden, in-review, merged or point-less issue.
    assert titles(response) == ["農業の後継者がいない", "空き家の活用", "生理用品を学校のトイレに"]
    feature = body["features"][2]
    sendai = board["sendai"]
    assert feature == {
        "type": "Feature",
        "id": sendai.pk,
        "geometry": {"type": "Point", "coordinates": [140.869356, 38.268215]},
        "properties": {
            "id": sendai.pk,
            "title": "生理用品を学校のトイレに",
            "stage": "seed",
            "stage_label": "種",
            "municipality": "宮城県仙台市青葉区",
            "empathy_count": 3,
            "url": feature["properties"]["url"],
        },
    }
    assert str(sendai.pk) in feature["properties"]["url"]


def test_no_poster_identity_in_any_feature(client, board):
    response = send(client, "get", "/issues.geojson")
    text = response.content.decode()
    for feature in response.json()["features"]:
        assert set(feature["properties"]) == {
            "id",
            "title",
            "stage",
            "stage_label",
            "municipality",
            "empathy_count",
            "url",
        }
    assert "高橋" not in text and "takahashi" not in text


@pytest.mark.parametrize(
    ("persona", "sees_in_review"),
    [("anonymous", False), ("suzuki", False), ("takahashi", True), ("sato", True)],
)
def test_visibility_follows_the_issue_rules(client, login_as, board, persona, sees_in_review):
    login_as(persona)
    seen = titles(send(client, "get", "/issues.geojson"))
    assert ("確認待ちの課題" in seen) is sees_in_review
    # Hidden issues stay off maps and lists for everyone, the secretariat included.
    assert "非表示にされた課題" not in seen


def test_the_query_count_does_not_grow_with_the_issues(client, board, suzuki):
    for n in range(10):
        make_issue(suzuki, f"追加の課題{n}", SENDAI, tags=[(IssueTag.Kind.THEME, "gender")])
    # 1 the features
    with assert_num_queries(1):
        response = send(client, "get", "/issues.geojson?theme=gender")
    assert len(response.json()["features"]) == 11


def test_signed_in_query_count(client, board, suzuki):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles (visibility), 4 the features
    with assert_num_queries(4):
        send(client, "get", "/issues.geojson?bbox=139,37,142,40")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bbox=140.5,38.0,141.0,38.5", ["生理用品を学校のトイレに"]),
        ("bbox=139.5,38.0,140.5,39.0", ["農業の後継者がいない", "空き家の活用"]),
        ("bbox=130,30,135,35", []),
        ("bbox=+139.5,+38.0,140.5,39.0", ["農業の後継者がいない", "空き家の活用"]),
        (
            "bbox=-180,-90,180,90",
            ["農業の後継者がいない", "空き家の活用", "生理用品を学校のトイレに"],
        ),
        ("stage=surfaced", ["空き家の活用"]),
        ("stage=merged", ["統合された課題"]),
        ("theme=gender", ["生理用品を学校のトイレに"]),
        ("target=young_women", ["生理用品を学校のトイレに"]),
        ("wall=budget", ["空き家の活用"]),
        ("sdg=sdg02", ["農業の後継者がいない"]),
        ("municipality=06204", ["農業の後継者がいない"]),
        ("municipality=04100", ["生理用品を学校のトイレに"]),  # 仙台市 includes 青葉区
        ("municipality=062049", ["農業の後継者がいない"]),  # with check digit
        ("prefecture=6", ["農業の後継者がいない", "空き家の活用"]),
        ("theme=housing&bbox=139,37,142,40", ["空き家の活用"]),
        (
            "theme=&stage=&bbox=",
            ["農業の後継者がいない", "空き家の活用", "生理用品を学校のトイレに"],
        ),
    ],
)
def test_bbox_and_facets(client, board, query, expected):
    assert titles(send(client, "get", f"/issues.geojson?{query}")) == expected


@pytest.mark.parametrize(
    ("bbox", "code", "message"),
    [
        ("139,37,142", "bbox", issues_router.BBOX_INVALID),
        ("139,37,142,40,1", "bbox", issues_router.BBOX_INVALID),
        ("a,b,c,d", "bbox", issues_router.BBOX_INVALID),
        ("139,37,142,NaN", "bbox", issues_router.BBOX_INVALID),
        ("139,37,142,Infinity", "bbox", issues_router.BBOX_INVALID),
        ("139;37;142;40", "bbox", issues_router.BBOX_INVALID),
        ("1e400,37,142,40", "bbox_range", issues_router.BBOX_OUT_OF_RANGE),
        ("-181,37,142,40", "bbox_range", issues_router.BBOX_OUT_OF_RANGE),
        ("139,-91,142,40", "bbox_range", issues_router.BBOX_OUT_OF_RANGE),
        ("139,37,142,90.5", "bbox_range", issues_router.BBOX_OUT_OF_RANGE),
        ("142,37,139,40", "bbox_empty", issues_router.BBOX_EMPTY),
        ("139,40,142,37", "bbox_empty", issues_router.BBOX_EMPTY),
        ("139,37,139,40", "bbox_empty", issues_router.BBOX_EMPTY),
    ],
)
def test_a_bad_bbox_is_a_clear_422(client, board, bbox, code, message):
    response = send(client, "get", f"/issues.geojson?bbox={bbox}")
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["message"] == str(messages.VALIDATION_FAILED)
    assert error["details"] == [
        {"field": "bbox", "location": "query", "code": code, "message": str(message)}
    ]


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("stage=done", "stage", "choice"),
        ("theme=<script>", "theme", "choice"),
        ("sdg=sdg18", "sdg", "choice"),
        ("target=cats", "target", "choice"),
        ("wall=wall", "wall", "choice"),
        ("municipality=sendai", "municipality", "municipality"),
        ("municipality=0410", "municipality", "municipality"),
        ("prefecture=48", "prefecture", "unknown_prefecture"),
    ],
)
def test_an_unknown_facet_value_is_a_422(client, board, query, field, code):
    response = send(client, "get", f"/issues.geojson?{query}")
    assert response.status_code == 422
    (detail,) = error_of(response)["details"]
    assert (detail["field"], detail["location"], detail["code"]) == (field, "query", code)
    if code == "municipality":
        assert detail["message"] == str(MUNICIPALITY_INVALID)


def test_the_answer_is_capped_and_says_so(client, board, suzuki, monkeypatch):
    monkeypatch.setattr(issues_router, "GEOJSON_MAX_FEATURES", 2)
    body = send(client, "get", "/issues.geojson").json()
    assert body["truncated"] is True
    assert [f["properties"]["title"] for f in body["features"]] == [
        "農業の後継者がいない",
        "空き家の活用",
    ]
    body = send(client, "get", "/issues.geojson?bbox=139.5,38.0,140.5,39.0").json()
    assert body["truncated"] is False
    assert len(body["features"]) == 2


def test_the_default_cap_is_two_thousand():
    assert issues_router.GEOJSON_MAX_FEATURES == 2000


def test_script_in_a_title_is_data_not_markup(client, db):
    author = UserFactory()
    make_issue(author, '<script>alert("x")</script>', SENDAI)
    body = send(client, "get", "/issues.geojson").json()
    assert body["features"][0]["properties"]["title"] == '<script>alert("x")</script>'
