"""The personal dashboard: the secretariat's queues and each person's own blocks, role × block."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.core.tests.region import build_region

pytestmark = pytest.mark.django_db

SECRETARIAT_BLOCKS = (
    "課題のモデレーション",
    "プロジェクトのモデレーション",
    "今週のイベントとフォローアップ",
    "団体の認証",
)
FOR_YOU_BLOCKS = (
    "わたしの申し込み",
    "わたしの課題の進み具合",
    "わたしのプロジェクトの募集",
    "わたしの応募",
    "わたしのコミュニティの新しい投稿",
)


@pytest.fixture
def region(suzuki):
    return build_region(citizen=suzuki)


def test_anonymous_visitors_are_sent_to_sign_in(client, region):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("persona", "sees_queues"), [("sato", True), ("suzuki", False), ("takahashi", False)]
)
def test_only_the_secretariat_sees_the_queues(client, login_as, region, persona, sees_queues):
    login_as(persona)
    page = client.get(reverse("core:dashboard")).content.decode()
    for title in SECRETARIAT_BLOCKS:
        assert (title in page) is sees_queues, title
    assert ("いま対応が必要なこと" in page) is (sees_queues or persona == "suzuki")
    for title in FOR_YOU_BLOCKS:
        assert title in page


def test_the_secretariat_sees_each_queue_with_a_count_and_a_link(client, sato, region):
    client.force_login(sato)
    # 1 session, 2 user, 3 roles (cached on the user for the blocks' visibility), 4 site
    # settings (the two-factor policy for the secretariat); in block order: 5 my registrations,
    # issues: 6 open reports, 7 first posts awaiting review; 8 my match row (for you);
    # 9 introductions waiting for me; 10 the site's concierges (cached afterwards: the
    # concierge block's visibility); 11 my issues' stage changes; 12 open project reports;
    # events: 13 this week's events with their waitlists, 14 follow-ups due; 15 my projects'
    # open needs; 16 the screening items waiting for my scores; 17 my applications;
    # 18 organizations awaiting verification; 19 my organizations' proposals; 20 my pledges;
    # 21 my hub bookings; 22 my donations with their funds and receipts; 23 my communities'
    # new posts; 24 join requests to the ones I manage.
    with assert_num_queries(24, label="dashboard, secretariat"):
        response = client.get(reverse("core:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    for label, url in (
        ("課題・コメントへの通報", reverse("issues:moderation")),
        ("公開前の確認待ちの初投稿", reverse("issues:moderation_review")),
        ("プロジェクト・コメントへの通報", reverse("projects:moderation")),
        ("認証待ちの団体", reverse("orgs:list") + "?verified=0"),
    ):
        assert f'href="{url}"><span class="attention-list__label">{label}</span>' in page
    assert page.count('attention-list__count attention-list__count--due">1<') == 5
    assert "通学路を明るくする勉強会" in page  # this week's events, with their registrations
    assert "申込 4・キャンセル待ち 0" in page
    assert "議事録・フォローアップ待ちのイベント" in page


def test_a_citizen_sees_what_is_theirs(client, suzuki, region):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles (not the secretariat: no queue is read),
    # 4 my registrations, 5 my match row (for you), 6 introductions waiting for me, 7 the
    # site's concierges (cached afterwards), 8 my issues' stage changes, 9 my projects' open
    # needs, 10 the screening items waiting for my scores, 11 my applications, 12 my
    # organizations' proposals, 13 my pledges, 14 my hub bookings, 15 my donations, 16 my
    # communities' new posts, 17 join requests to the organizations I manage.
    with assert_num_queries(17, label="dashboard, citizen"):
        response = client.get(reverse("core:dashboard"))
    page = response.content.decode()
    assert "通学路を明るくする勉強会" in page  # my registration
    assert "確定" in page or "参加確定" in page
    assert "公園の遊具が古い" in page  # my issue's stage change
    assert "ウェブサイトを作れる人" in page  # my project's open need
    assert "販路開拓の副業人材" in page  # my application
    assert "応募済み" in page
    assert "次の定例会のお知らせ" in page  # a new post in my community
    assert "団体への参加申請" in page  # I own an organization with a pending request
    assert "認証待ちの団体" not in page


def test_a_newcomer_gets_empty_states_that_say_what_to_do(client, takahashi):
    client.force_login(takahashi)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "いま対応が必要なこと" not in page
    assert "申し込んだイベントはまだありません" in page
    assert "ミッションへの応募はまだありません" in page


def test_the_header_links_to_the_dashboard_for_signed_in_people(client, suzuki):
    assert reverse("core:dashboard") not in client.get(reverse("core:home")).content.decode()
    client.force_login(suzuki)
    assert reverse("core:dashboard") in client.get(reverse("core:home")).content.decode()
