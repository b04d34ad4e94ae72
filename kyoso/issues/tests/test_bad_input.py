"""Bad input gets a clear Japanese message, keeps what was typed and never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.issues import messages
from kyoso.issues.models import Comment, Issue
from kyoso.issues.selectors import encode_cursor
from kyoso.issues.tests.factories import IssueFactory
from kyoso.issues.tests.test_post_issue import form_data
from kyoso.regions.codes import UNKNOWN_MUNICIPALITY_CODE

URL = reverse("issues:create")


def _refused(client, **overrides) -> str:
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 400
    assert not Issue.objects.exists()
    page = response.content.decode()
    assert str(messages.FORM_HAS_ERRORS) in page
    return page


def test_empty_title(client, poster):
    client.force_login(poster)

    page = _refused(client, title="   ")

    assert str(messages.TITLE_REQUIRED) in page
    assert form_data()["body"] in page  # the body typed is kept


def test_ten_thousand_character_title(client, poster):
    client.force_login(poster)

    page = _refused(client, title="長" * 10_000)

    assert str(messages.TEXT_TOO_LONG % {"limit_value": 120, "show_value": 10_000}) in page


def test_empty_body_and_no_theme(client, poster):
    client.force_login(poster)

    page = _refused(client, body="", themes=[])

    assert str(messages.BODY_REQUIRED) in page
    assert str(messages.THEME_REQUIRED) in page


def test_unknown_theme_value(client, poster):
    client.force_login(poster)

    page = _refused(client, themes=["<script>"])

    assert str(messages.CHOICE_INVALID) in page


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("91", "140", messages.LATITUDE_INVALID),
        ("-90.5", "140", messages.LATITUDE_INVALID),
        ("38", "181", messages.LONGITUDE_INVALID),
        ("北緯38度", "140", messages.LATITUDE_INVALID),
        ("NaN", "140", messages.LATITUDE_INVALID),
        ("38", "Infinity", messages.LONGITUDE_INVALID),
        ("1e400", "140", messages.LATITUDE_INVALID),
        ("38" + "1" * 100, "140", messages.LATITUDE_INVALID),
        ("38.2", "", messages.POINT_INCOMPLETE),
        ("", "140.8", messages.POINT_INCOMPLETE),
    ],
)
def test_invalid_coordinates(client, poster, latitude, longitude, message):
    client.force_login(poster)

    page = _refused(client, latitude=latitude, longitude=longitude)

    assert str(message) in page


@pytest.mark.parametrize("code", ["99999", "04999", "abc", "0410"])
def test_unknown_or_malformed_municipality(client, poster, code):
    client.force_login(poster)

    page = _refused(client, municipality=code)

    assert f"市区町村コード「{code}」" in page
    if code in {"99999", "04999"}:
        assert str(UNKNOWN_MUNICIPALITY_CODE).format(code=code) in page


def test_script_tags_are_shown_escaped_in_title_body_and_comment(client, poster, takahashi):
    client.force_login(poster)
    script = "<script>alert('x')</script>"
    client.post(
        URL,
        form_data(title=f"題{script}", body=f"本文{script}<img src=x onerror=alert(1)>"),
    )
    issue = Issue.objects.get()
    client.force_login(takahashi)
    client.post(reverse("issues:comment_create", args=[issue.pk]), {"body": f"コメント{script}"})
    assert Comment.objects.filter(issue=issue).count() == 1

    detail = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    listing = client.get(reverse("issues:list")).content.decode()

    for page in (detail, listing):
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(" in page
    assert "<img src=x" not in detail
    assert "onerror=alert(1)&gt;" in detail


def test_markdown_links_to_javascript_are_not_links(client, poster):
    client.force_login(poster)
    client.post(URL, form_data(body="[押して](javascript:alert(1)) と [公式](https://example.jp)"))
    issue = Issue.objects.get()

    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()

    assert 'href="javascript:' not in page
    assert '<a href="https://example.jp" rel="nofollow noopener">公式</a>' in page


# --- The list --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "%%%",
        "eyJhIjoxfQ",  # {"a":1}
        "WyJuZXciLCIyMDI0IiwxXQ",  # ["new","2024",1] (no time zone)
        "WyJlbXBhdGh5IiwtMSwxXQ",  # ["empathy",-1,1] made for another sort
        "W10",  # []
        "x" * 500,
        "WyJuZXciLCIyMDI0LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwiMSJd",  # id as a string
        # ["new","0001-01-01T00:00:00+09:00",1]: no such moment in UTC
        "WyJuZXciLCIwMDAxLTAxLTAxVDAwOjAwOjAwKzA5OjAwIiwxXQ",
        # ["new","2024-01-01T00:00:00+00:00",2**63]: no 64-bit id
        "WyJuZXciLCIyMDI0LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiw5MjIzMzcyMDM2ODU0Nzc1ODA4XQ",
    ],
)
def test_a_garbage_cursor_shows_the_first_page_with_a_message(client, db, cursor):
    IssueFactory(title="ひとつめの課題")

    response = client.get(reverse("issues:list"), {"after": cursor})

    assert response.status_code == 200
    page = response.content.decode()
    assert str(messages.CURSOR_INVALID) in page
    assert "ひとつめの課題" in page


def test_a_cursor_past_the_end_gives_an_empty_page(client, db):
    oldest = IssueFactory(title="いちばん古い課題")

    response = client.get(reverse("issues:list"), {"after": encode_cursor("new", oldest)})

    assert response.status_code == 200
    page = response.content.decode()
    assert "いちばん古い課題" not in page
    assert "これ以上の課題はありません。" in page


@pytest.mark.parametrize(
    "params",
    [
        {"stage": "<script>"},
        {"theme": "nope", "sort": "DROP TABLE"},
        {"municipality": "99999"},
        {"prefecture": "99"},
        {"sdg": "sdg99", "wall": "x"},
        {"q": "\"NEAR( * ' OR 1=1 --"},
        {"q": "あ" * 500},
    ],
)
def test_bad_filters_never_break_the_list(client, db, params):
    IssueFactory(title="残る課題")

    response = client.get(reverse("issues:list"), params)

    assert response.status_code == 200


def test_a_bad_filter_is_dropped_with_a_message_and_others_still_apply(client, db):
    IssueFactory(title="種の課題")
    IssueFactory(title="顕在化した課題", stage="surfaced")

    response = client.get(reverse("issues:list"), {"stage": "surfaced", "theme": "nope"})

    page = response.content.decode()
    assert str(messages.FILTER_INVALID) in page
    assert "顕在化した課題" in page
    assert "種の課題" not in page


@pytest.mark.parametrize("pk", ["0", "99999999"])
def test_unknown_issue_is_a_404_page(client, db, pk):
    response = client.get(f"/issues/{pk}/")
    assert response.status_code == 404


def test_comment_with_a_forged_parent_is_refused_clearly(client, suzuki):
    issue = IssueFactory()
    other = IssueFactory()
    foreign = Comment.objects.create(issue=other, author=suzuki, body="別の課題のコメント")
    client.force_login(suzuki)

    for parent in (str(foreign.pk), "abc", "-1", "999999"):
        response = client.post(
            reverse("issues:comment_create", args=[issue.pk]),
            {"body": "返信です", "parent": parent},
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert str(messages.REPLY_PARENT_MISSING) in page
        assert "返信です" in page  # kept
    assert not Comment.objects.filter(issue=issue).exists()
