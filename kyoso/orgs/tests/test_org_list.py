import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.navigation import items
from kyoso.core.search import search_all
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory
from kyoso.regions.models import Municipality


@pytest.fixture
def orgs(db):
    sakata = Municipality.objects.get(code="06204")
    sendai = Municipality.objects.get(code="04100")
    made = {
        "fab": OrganizationFactory(
            name="酒田ファブラボ",
            name_kana="サカタファブラボ",
            org_type="community",
            municipality=sakata,
            verified_at=timezone.now(),
        ),
        "npo": OrganizationFactory(
            name="せんだい子ども食堂",
            name_kana="センダイコドモショクドウ",
            org_type="npo",
            municipality=sendai,
            description="仙台市内で子ども食堂を運営しています",
        ),
        "bank": OrganizationFactory(
            name="庄内信用金庫", name_kana="ショウナイシンヨウキンコ", org_type="financial"
        ),
    }
    MembershipFactory.create_batch(3, organization=made["npo"])
    return made


def _names(client, query=""):
    page = client.get(reverse("orgs:list") + query)
    assert page.status_code == 200
    return [org.name for org in page.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["せんだい子ども食堂", "庄内信用金庫", "酒田ファブラボ"]),
        ("?org_type=npo", ["せんだい子ども食堂"]),
        ("?prefecture=06", ["酒田ファブラボ"]),
        ("?prefecture=04", ["せんだい子ども食堂"]),
        ("?verified=1", ["酒田ファブラボ"]),
        ("?verified=0", ["せんだい子ども食堂", "庄内信用金庫"]),
        ("?q=ファブ", ["酒田ファブラボ"]),
        ("?q=ｻｶﾀ", ["酒田ファブラボ"]),  # half-width kana, normalized
        ("?q=しょうない", ["庄内信用金庫"]),  # hiragana finds the katakana reading
        ("?q=子ども食堂 仙台", ["せんだい子ども食堂"]),  # every word must match
        ("?q=運営", ["せんだい子ども食堂"]),  # description
        ("?org_type=npo&prefecture=06", []),
        ("?org_type=nonsense&prefecture=06", ["酒田ファブラボ"]),  # bad filter ignored, others kept
    ],
)
def test_filters(client, orgs, query, expected):
    assert _names(client, query) == expected


def test_member_count_and_region_are_shown(client, orgs):
    page = client.get(reverse("orgs:list")).content.decode()

    assert "メンバー 3 人" in page
    assert "山形県酒田市" in page


def test_empty_states(client, db):
    assert "まだ団体が登録されていません。" in client.get(reverse("orgs:list")).content.decode()
    OrganizationFactory(org_type="npo")
    filtered = client.get(reverse("orgs:list") + "?org_type=company").content.decode()
    assert "条件に合う団体は見つかりませんでした" in filtered


def test_pagination_twenty_per_page_keeps_filters(client, db):
    for n in range(45):
        OrganizationFactory(name=f"団体{n:02d}", org_type="npo")
    OrganizationFactory(name="企業", org_type="company")

    first = client.get(reverse("orgs:list") + "?org_type=npo")
    third = client.get(reverse("orgs:list") + "?org_type=npo&page=3")

    assert len(first.context["page"].object_list) == 20
    assert first.context["page"].paginator.num_pages == 3
    assert "?org_type=npo&amp;page=2" in first.content.decode()
    assert [o.name for o in third.context["page"].object_list] == [
        f"団体{n}" for n in range(40, 45)
    ]


def test_site_search_finds_organizations(orgs):
    groups = dict((p.key, hits) for p, hits in search_all("ファブラボ", None))

    hits = groups["organizations"]
    assert [h.title for h in hits] == ["酒田ファブラボ"]
    assert hits[0].url == reverse("orgs:detail", args=[orgs["fab"].slug])


def test_site_search_page_lists_organization_hits(client, orgs):
    page = client.get(reverse("core:search") + "?q=子ども食堂").content.decode()

    assert "せんだい子ども食堂" in page


def test_navigation_has_the_organizations_entry():
    assert any(item.url_name == "orgs:list" for item in items())


def test_detail_shows_members_owner_first(client, orgs):
    org = orgs["fab"]
    MembershipFactory(organization=org, role=MemberRole.MEMBER, user__display_name="一般さん")
    MembershipFactory(organization=org, role=MemberRole.OWNER, user__display_name="オーナーさん")
    MembershipFactory(organization=org, role=MemberRole.ADMIN, user__display_name="管理者さん")

    response = client.get(reverse("orgs:detail", args=[org.slug]))

    names = [m.user.display_name for m in response.context["members"]]
    assert names == ["オーナーさん", "管理者さん", "一般さん"]
    page = response.content.decode()
    assert "認証済み" in page
    assert "ログインすると参加を申請できます" in page
