"""POST /issues and PATCH /issues/{id}: the posting form's validation and the same services."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from kyoso.api import messages
from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.issues import messages as issue_messages
from kyoso.issues.models import Follow, Issue, IssueTag, Stage
from kyoso.issues.tests.factories import IssueFactory
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

NEW_ISSUE = {
    "title": "生理用品を　学校のトイレに",
    "body": "相談できる場所が**わからない**という声があります。",
    "themes": ["gender", "education"],
    "sdgs": ["sdg05"],
    "targets": ["young_women"],
    "walls": [],
    "municipality": "041017",  # 仙台市青葉区 with its check digit
    "latitude": 38.268215,
    "longitude": 140.869356,
}


def details_of(response):
    assert response.status_code == 422, response.content
    error = error_of(response)
    assert error["code"] == "validation_error"
    return {detail["field"]: detail["message"] for detail in error["details"]}


# --- Create ----------------------------------------------------------------------------------


def test_post_an_issue_with_a_write_token(client, suzuki, suzuki_write):
    response = send(client, "post", "/issues", NEW_ISSUE, **suzuki_write)
    assert response.status_code == 201, response.content
    body = response.json()
    issue = Issue.objects.get()
    assert body["id"] == issue.pk
    assert body["title"] == "生理用品を 学校のトイレに"  # tidied like the web form does
    assert body["themes"] == ["gender", "education"]
    assert body["municipality"] == {"code": "04101", "name": "宮城県仙台市青葉区"}
    assert body["point"] == {"latitude": 38.268215, "longitude": 140.869356}
    assert body["poster"] == {"display_name": "鈴木"}
    assert body["stage"] == "seed"
    assert body["viewer"]["follows"] is True  # the poster follows their issue
    assert issue.author == suzuki
    assert (issue.latitude, issue.longitude) == (Decimal("38.268215"), Decimal("140.869356"))
    assert sorted(issue.tags.values_list("kind", "value")) == [
        ("sdg", "sdg05"),
        ("target", "young_women"),
        ("theme", "education"),
        ("theme", "gender"),
    ]
    assert Follow.objects.filter(issue=issue, user=suzuki).exists()


def test_post_query_count(client, suzuki, suzuki_write):
    # 1 token with its user, 2 token last-used stamp, 3 does the poster belong to an
    # organization (form), 4 municipality, 5 savepoint, 6 roles (limits do not apply to the
    # secretariat), 7 posts in the last hour, 8 insert issue, 9–11 insert the tags of each
    # kind, 12 insert the poster's follow, 13 release savepoint; the answer: 14 issue,
    # 15 tags, 16 stage history, 17 attachments. (The search index is updated after commit.)
    with assert_num_queries(17) as captured:
        response = send(client, "post", "/issues", NEW_ISSUE, **suzuki_write)
    assert response.status_code == 201
    statements = [q["sql"] for q in captured.captured_queries]
    assert sum(s.startswith('INSERT INTO "issues_issue"') for s in statements) == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", issue_messages.TITLE_REQUIRED),
        ({"title": "　 "}, "title", issue_messages.TITLE_REQUIRED),
        (
            {"title": "長" * 121},
            "title",
            issue_messages.TEXT_TOO_LONG % {"limit_value": 120, "show_value": 121},
        ),
        ({"body": ""}, "body", issue_messages.BODY_REQUIRED),
        ({"themes": []}, "themes", issue_messages.THEME_REQUIRED),
        ({"themes": ["cats"]}, "themes", issue_messages.CHOICE_INVALID),
        ({"walls": ["<script>"]}, "walls", issue_messages.CHOICE_INVALID),
        ({"latitude": 91.0}, "latitude", issue_messages.LATITUDE_INVALID),
        ({"longitude": -180.5}, "longitude", issue_messages.LONGITUDE_INVALID),
        ({"longitude": None}, "latitude", issue_messages.POINT_INCOMPLETE),
        ({"municipality": "99999"}, "municipality", None),
        ({"organization": "not-mine"}, "organization", issue_messages.ORGANIZATION_NOT_ALLOWED),
    ],
)
def test_bad_input_gets_the_web_forms_message(client, suzuki_write, change, field, message):
    response = send(client, "post", "/issues", {**NEW_ISSUE, **change}, **suzuki_write)
    details = details_of(response)
    assert field in details, details
    if message is not None:
        assert details[field] == str(message)
    assert not Issue.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"title": "長" * 10_000}, "title", "string_too_long"),
        ({"author": "someone"}, "author", "extra_forbidden"),
        ({"latitude": "north"}, "latitude", "float_parsing"),
        ({"themes": "gender"}, "themes", "list_type"),
    ],
)
def test_malformed_json_fields(client, suzuki_write, change, field, code):
    response = send(client, "post", "/issues", {**NEW_ISSUE, **change}, **suzuki_write)
    assert response.status_code == 422
    (detail,) = error_of(response)["details"]
    assert (detail["field"], detail["code"]) == (field, code)


def test_not_json_is_a_400(client, suzuki_write):
    response = send(client, "post", "/issues", "{not json", **suzuki_write)
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_json"


def test_script_tags_are_stored_as_text_and_rendered_escaped(client, suzuki_write):
    payload = {**NEW_ISSUE, "title": "<script>alert(1)</script>", "body": "<img src=x onerror=1>"}
    body = send(client, "post", "/issues", payload, **suzuki_write).json()
    assert body["title"] == "<script>alert(1)</script>"
    assert body["body_html"] == "<p>&lt;img src=x onerror=1&gt;</p>\n"


def test_post_as_an_organization_with_a_hidden_name(client, suzuki, suzuki_write):
    org = OrganizationFactory(slug="shonai", name="庄内まちづくり協議会")
    MembershipFactory(organization=org, user=suzuki, role=MemberRole.MEMBER)
    payload = {**NEW_ISSUE, "organization": "shonai", "name_hidden": True}
    body = send(client, "post", "/issues", payload, **suzuki_write).json()
    assert body["organization"] == {"slug": "shonai", "name": "庄内まちづくり協議会"}
    assert body["name_hidden"] is True
    assert body["poster"] == {"display_name": "鈴木"}  # the poster sees their own name
    assert send(client, "get", f"/issues/{body['id']}").json()["poster"] is None


def test_a_point_is_optional(client, suzuki_write):
    payload = {**NEW_ISSUE, "latitude": None, "longitude": None, "municipality": None}
    body = send(client, "post", "/issues", payload, **suzuki_write).json()
    assert body["point"] is None and body["municipality"] is None


@override_settings(KYOSO_ISSUE_LIMIT_PER_ACCOUNT=2)
def test_the_posting_limit_is_a_429(client, suzuki_write):
    for _ in range(2):
        assert send(client, "post", "/issues", NEW_ISSUE, **suzuki_write).status_code == 201
    response = send(client, "post", "/issues", NEW_ISSUE, **suzuki_write)
    assert response.status_code == 429
    error = error_of(response)
    assert error["code"] == "throttled"
    assert error["message"] == str(issue_messages.POSTING_LIMIT_ACCOUNT % {"limit": 2})
    assert Issue.objects.count() == 2


def test_who_may_post(client, suzuki, takahashi):
    assert send(client, "post", "/issues", NEW_ISSUE).status_code == 401
    read_only = bearer(issue_token(suzuki, ["read"]))
    response = send(client, "post", "/issues", NEW_ISSUE, **read_only)
    assert (response.status_code, error_of(response)["code"]) == (403, "insufficient_scope")
    takahashi.email_verified_at = None
    takahashi.save(update_fields=["email_verified_at"])
    response = send(
        client, "post", "/issues", NEW_ISSUE, **bearer(issue_token(takahashi, ["write"]))
    )
    assert response.status_code == 403
    error = error_of(response)
    assert error["code"] == "email_verification_required"
    assert error["message"] == str(messages.EMAIL_VERIFICATION_REQUIRED)
    assert not Issue.objects.exists()


def test_a_session_needs_the_csrf_token(suzuki):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(suzuki)
    response = send(browser, "post", "/issues", NEW_ISSUE)
    assert (response.status_code, error_of(response)["code"]) == (403, "csrf_failed")


# --- Update ----------------------------------------------------------------------------------


@pytest.fixture
def posted(suzuki):
    issue = IssueFactory(
        title="元のタイトル",
        author=suzuki,
        municipality_id="04101",
        latitude=Decimal("38.1"),
        longitude=Decimal("140.1"),
    )
    IssueTag.objects.create(issue=issue, kind=IssueTag.Kind.THEME, value="housing")
    IssueTag.objects.create(issue=issue, kind=IssueTag.Kind.WALL, value="budget")
    return issue


def test_the_poster_changes_only_what_they_send(client, posted, suzuki_write):
    response = send(
        client, "patch", f"/issues/{posted.pk}", {"title": "新しいタイトル"}, **suzuki_write
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "新しいタイトル"
    assert body["themes"] == ["housing"] and body["walls"] == ["budget"]
    assert body["municipality"]["code"] == "04101"
    assert body["point"] == {"latitude": 38.1, "longitude": 140.1}
    posted.refresh_from_db()
    assert posted.title == "新しいタイトル"


def test_patch_query_count(client, posted, suzuki_write):
    # 1 token with its user, 2 token stamp, 3 roles, 4 the issue with the viewer's marks,
    # 5 its tags, 6 its municipality (the form's starting values), 7 its attachments (form),
    # 8 the municipality as the form checks it, 9 savepoint, 10 lock the issue,
    # 11 count attachments, 12 update, 13–20 tags (drop removed, read kept: 4 kinds),
    # 21 release savepoint; the answer: 22 issue, 23 tags, 24 history, 25 attachments
    with assert_num_queries(25):
        response = send(
            client, "patch", f"/issues/{posted.pk}", {"title": "別の題"}, **suzuki_write
        )
    assert response.status_code == 200


def test_patch_tags_and_remove_the_point(client, posted, suzuki_write):
    change = {"themes": ["welfare"], "walls": [], "latitude": None, "longitude": None}
    body = send(client, "patch", f"/issues/{posted.pk}", change, **suzuki_write).json()
    assert body["themes"] == ["welfare"] and body["walls"] == []
    assert body["point"] is None
    assert list(posted.tags.values_list("value", flat=True)) == ["welfare"]


def test_a_bad_patch_changes_nothing(client, posted, suzuki_write):
    change = {"title": "新しいタイトル", "latitude": 95}
    details = details_of(send(client, "patch", f"/issues/{posted.pk}", change, **suzuki_write))
    assert details == {"latitude": str(issue_messages.LATITUDE_INVALID)}
    posted.refresh_from_db()
    assert posted.title == "元のタイトル"
    assert (
        send(
            client, "patch", f"/issues/{posted.pk}", {"organization": "x"}, **suzuki_write
        ).status_code
        == 422
    )


def test_the_secretariat_edits_with_an_audit_row(client, posted, sato):
    headers = bearer(issue_token(sato, ["write"]))
    response = send(
        client, "patch", f"/issues/{posted.pk}", {"body": "事務局が個人名を消しました。"}, **headers
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.STAFF_EDIT)
    assert event.data["issue"] == posted.pk


@pytest.mark.parametrize(
    ("persona", "state", "status"),
    [
        ("suzuki", "open", 200),
        ("suzuki", "closed", 403),
        ("suzuki", "merged", 403),
        ("takahashi", "open", 403),
        ("sato", "open", 200),
        ("sato", "closed", 200),
        ("sato", "merged", 403),
        ("takahashi", "hidden", 404),
        ("suzuki", "hidden", 200),
    ],
)
def test_who_may_change_an_issue(client, posted, request, persona, state, status):
    if state == "closed":
        Issue.objects.filter(pk=posted.pk).update(stage=Stage.CLOSED)
    elif state == "merged":
        target = IssueFactory()
        Issue.objects.filter(pk=posted.pk).update(stage=Stage.MERGED, merged_into=target)
    elif state == "hidden":
        Issue.objects.filter(pk=posted.pk).update(hidden_at=timezone.now(), hidden_reason="理由")
    user = request.getfixturevalue(persona)
    headers = bearer(issue_token(user, ["write"]))
    response = send(client, "patch", f"/issues/{posted.pk}", {"title": "変更"}, **headers)
    assert response.status_code == status, response.content
    posted.refresh_from_db()
    assert (posted.title == "変更") is (status == 200)


def test_patching_anonymously_is_a_401(client, posted):
    assert send(client, "patch", f"/issues/{posted.pk}", {"title": "変更"}).status_code == 401
