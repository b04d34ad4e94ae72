"""The merge page: who may use it, preview then confirm, and bad input."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.issues.models import Empathy, Issue, Stage
from kyoso.issues.services import merge

REASON = "同じ内容の課題のため"


@pytest.fixture
def author(db):
    return UserFactory(email="yamada@example.jp", display_name="山田")


def make_issue(author, title, **fields):
    return Issue.objects.create(title=title, body="本文", author=author, **fields)


def shown(response):
    return [str(m) for m in response.context["messages"]]


STATES = {
    "open": {},
    "hidden": {"hidden_at": timezone.now(), "hidden_reason": "x"},
    "awaiting": {"awaiting_review": True},
}


def refused_status(persona, state):
    if state != "open" and persona != "author":
        return 404  # they cannot see the issue at all
    return 302 if persona == "anonymous" else 403


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", ["anonymous", "takahashi", "suzuki", "author", "sato"])
def test_merge_page_matrix(client, login_as, author, method, state, persona):
    duplicate = make_issue(author, "重複", **STATES[state])
    target = make_issue(author, "統合先")
    login_as(persona)
    data = {"target": str(target.pk), "reason": REASON, "confirm": str(target.pk)}
    url = reverse("issues:merge", args=[duplicate.pk])
    response = client.get(url) if method == "get" else client.post(url, data)
    duplicate.refresh_from_db()
    if persona != "sato":
        assert response.status_code == refused_status(persona, state)
        assert duplicate.stage == Stage.SEED
        return
    if method == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url == reverse("issues:detail", args=[target.pk])
        assert (duplicate.stage, duplicate.merged_into) == (Stage.MERGED, target)


def test_preview_then_confirm(client, author, sato, suzuki, takahashi):
    duplicate = make_issue(author, "空き家が増えている")
    target = make_issue(author, "空き家の活用")
    Empathy.objects.create(issue=duplicate, user=suzuki)
    Empathy.objects.create(issue=target, user=suzuki)
    Empathy.objects.create(issue=duplicate, user=takahashi)
    client.force_login(sato)
    url = reverse("issues:merge", args=[duplicate.pk])
    target_url = f"http://testserver/issues/{target.pk}/"

    response = client.post(url, {"target": target_url, "reason": REASON})
    assert response.status_code == 200
    assert response.context["target"] == target
    assert f'name="confirm" value="{target.pk}"' in response.text
    duplicate.refresh_from_db()
    assert duplicate.stage == Stage.SEED  # nothing merged by the preview

    response = client.post(
        url, {"target": target_url, "reason": REASON, "confirm": str(target.pk)}, follow=True
    )
    assert response.redirect_chain == [(reverse("issues:detail", args=[target.pk]), 302)]
    assert shown(response) == [
        str(
            merge.MERGED
            % {
                "duplicate": "空き家が増えている",
                "target": "空き家の活用",
                "empathy": 1,
                "followers": 0,
            }
        )
    ]
    target.refresh_from_db()
    assert target.empathy_count == 2


def test_changing_the_target_after_the_preview_previews_again(client, author, sato):
    duplicate = make_issue(author, "重複")
    previewed, other = make_issue(author, "確認した統合先"), make_issue(author, "別の課題")
    client.force_login(sato)
    response = client.post(
        reverse("issues:merge", args=[duplicate.pk]),
        {"target": str(other.pk), "reason": REASON, "confirm": str(previewed.pk)},
    )
    assert response.status_code == 200
    assert response.context["target"] == other
    duplicate.refresh_from_db()
    assert duplicate.stage == Stage.SEED


@pytest.mark.parametrize(
    ("target", "reason", "field", "message"),
    [
        ("", REASON, "target", merge.MERGE_TARGET_REQUIRED),
        ("あいう", REASON, "target", merge.MERGE_TARGET_NOT_FOUND),
        ("999999", REASON, "target", merge.MERGE_TARGET_NOT_FOUND),
        ("<script>alert(1)</script>", REASON, "target", merge.MERGE_TARGET_NOT_FOUND),
        ("TARGET", "", "reason", merge.MERGE_REASON_REQUIRED),
    ],
)
def test_bad_input_gets_a_message_and_keeps_what_was_typed(
    client, author, sato, target, reason, field, message
):
    duplicate, real = make_issue(author, "重複"), make_issue(author, "統合先")
    target = str(real.pk) if target == "TARGET" else target
    client.force_login(sato)
    response = client.post(
        reverse("issues:merge", args=[duplicate.pk]), {"target": target, "reason": reason}
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [str(message)]
    assert response.context["form"]["reason"].value() == reason
    assert "<script>alert(1)</script>" not in response.text
    duplicate.refresh_from_db()
    assert duplicate.stage == Stage.SEED


def test_refusals_are_shown_on_the_page(client, author, sato):
    a, b, c = (make_issue(author, t) for t in ("A", "B", "C"))
    merge.issue_merge(actor=sato, duplicate=b, target=c, reason=REASON)
    client.force_login(sato)
    cases = [
        (a, a, merge.MERGE_INTO_ITSELF),
        (a, b, merge.MERGE_TARGET_MERGED % {"target": "B", "final": "C"}),
        (b, a, merge.MERGE_ALREADY_MERGED % {"target": "C"}),
        (c, a, merge.MERGE_HAS_MERGED_ISSUES),
    ]
    for duplicate, target, message in cases:
        response = client.post(
            reverse("issues:merge", args=[duplicate.pk]),
            {"target": str(target.pk), "reason": REASON, "confirm": str(target.pk)},
        )
        assert response.status_code == 400
        assert response.context["refusal"] == str(message)
    a.refresh_from_db()
    c.refresh_from_db()
    assert (a.stage, c.stage) == (Stage.SEED, Stage.SEED)


def test_an_already_merged_issue_says_so(client, author, sato):
    duplicate, target = make_issue(author, "重複"), make_issue(author, "統合先")
    merge.issue_merge(actor=sato, duplicate=duplicate, target=target, reason=REASON)
    client.force_login(sato)
    response = client.get(reverse("issues:merge", args=[duplicate.pk]))
    assert "既に「統合先」に統合されています" in response.text


def test_merge_page_queries(client, author, sato):
    duplicate = make_issue(author, "重複")
    client.force_login(sato)
    # 1 session, 2 user, 3 roles, 4 site settings (2FA policy), 5 the issue with its poster
    with assert_num_queries(5):
        assert client.get(reverse("issues:merge", args=[duplicate.pk])).status_code == 200
