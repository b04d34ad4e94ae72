"""What the demo region contains: the seed organizations, people, roles and pages."""

import stat
from io import StringIO

import pytest
from django.core.management import call_command

from kyoso.accounts.models import Profile, Sector, User, Visibility
from kyoso.demo import data, messages
from kyoso.demo.services import demo_load, demo_password
from kyoso.orgs.models import MemberRole, Organization
from kyoso.orgs.models import OrganizationType as T
from kyoso.roles.models import MAPSO_ROLES, PlatformRole, RoleAssignment
from kyoso.sitepages.models import SitePage


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo.result


# (name as in the seed, type, JIS municipality code or None, verified)
SEED_ORGANIZATIONS = [
    # seed 000 (Sendai)
    ("せんだい・みやぎソーシャルハブ", T.HUB, "04100", True),
    ("仙台市市民活動サポートセンター", T.HUB, "04100", True),
    ("特定非営利活動法人せんだい・みやぎNPOセンター", T.HUB, "04100", True),
    ("特定非営利活動法人都市デザインワークス", T.NPO, "04100", False),
    ("一般社団法人パーソナルサポートセンター", T.NPO, "04100", False),
    ("仙台市", T.LOCAL_GOVERNMENT, "04100", True),
    ("多賀城市", T.LOCAL_GOVERNMENT, "04209", True),
    ("NPO法人ほっぷすてっぷ", T.NPO, None, False),
    ("認定NPO法人Switch", T.NPO, None, False),
    ("学生団体 manaco", T.COMMUNITY, None, False),
    ("NTT東日本（東日本電信電話株式会社）", T.COMPANY, "04100", False),
    ("NTT都市開発株式会社", T.COMPANY, "04100", False),
    ("東北電力株式会社", T.COMPANY, "04100", False),
    ("株式会社プロトソリューション", T.COMPANY, None, True),  # posts a challenge
    # seed 001 (Sakata)
    ("酒田市", T.LOCAL_GOVERNMENT, "06204", True),
    ("酒田市産業振興まちづくりセンター（サンロク）", T.HUB, "06204", True),
    ("三十六人衆", T.COMMUNITY, "06204", False),
    ("サンロクIT女子コミュニティ", T.COMMUNITY, "06204", False),
    ("やまがたAI部", T.COMMUNITY, None, False),
    ("酒田商工会議所", T.OTHER, "06204", False),
    ("酒田ふれあい商工会", T.OTHER, "06204", False),
    ("塩尻市", T.LOCAL_GOVERNMENT, None, True),
    # invented where the seeds name only a kind of organization
    ("庄内みなと信用金庫", T.FINANCIAL, "06204", False),
    ("杜の都共創大学", T.UNIVERSITY, "04100", False),
]


class TestLoadedDemo:
    """Read the demo loaded once for the class (each test in a savepoint inside)."""

    @pytest.mark.parametrize(("name", "org_type", "code", "verified"), SEED_ORGANIZATIONS)
    def test_seed_organization_exists(self, demo, name, org_type, code, verified):
        org = Organization.objects.get(name=name)
        assert org.org_type == org_type
        assert org.municipality_id == code
        assert org.is_verified is verified
        assert org.description.strip()

    def test_fictional_organizations_say_so(self, demo):
        fictional = Organization.objects.filter(
            slug__in=[
                "shonai-minato-shinkin",
                "morinomiyako-kyoso-university",
                "shonai-nogyo-kyoso",
                "hataraku-minato-sakata",
            ]
        )
        assert fictional.count() == 4
        for org in fictional:
            assert "架空" in org.description
        assert not Organization.objects.filter(name="仙台市", description__contains="架空").exists()

    def test_verified_organizations_name_the_secretariat(self, demo):
        sato = User.objects.get(email="sato@demo.kyoso.invalid")
        verified = Organization.objects.filter(verified_at__isnull=False)
        assert verified.count() == 9
        assert set(verified.values_list("verified_by", flat=True)) == {sato.pk}

    def test_secretariat_has_the_role(self, demo):
        sato = User.objects.get(email="sato@demo.kyoso.invalid")
        assert sato.is_staff
        assert not sato.is_superuser
        assert RoleAssignment.objects.filter(user=sato, role=PlatformRole.SECRETARIAT).exists()
        assert RoleAssignment.objects.filter(role=PlatformRole.SECRETARIAT).count() == 1
        assert list(User.objects.filter(is_staff=True)) == [sato]

    @pytest.mark.parametrize("role", MAPSO_ROLES)
    def test_every_mapso_role_is_held_by_a_person_and_an_organization(self, demo, role):
        assert RoleAssignment.objects.filter(role=role, user__isnull=False).exists()
        assert RoleAssignment.objects.filter(role=role, organization__isnull=False).exists()

    def test_the_hub_is_manager_and_aggregator(self, demo):
        roles = set(
            RoleAssignment.objects.filter(
                organization__slug="sendai-miyagi-social-hub"
            ).values_list("role", flat=True)
        )
        assert roles == {PlatformRole.MANAGER, PlatformRole.AGGREGATOR}
        city_roles = RoleAssignment.objects.filter(organization__slug="sendai-city")
        assert list(city_roles.values_list("role", flat=True)) == [PlatformRole.SUPPORTER]

    def test_every_demo_user_can_log_in_with_the_printed_password(self, demo, client):
        assert len(demo.logins) == len(data.PEOPLE) >= 12
        for label, email in demo.logins:
            assert label
            assert client.login(email=email, password=demo.password), email
            client.logout()
        assert not client.login(email=demo.logins[0].email, password=demo.password + "x")

    def test_demo_emails_are_reserved_and_verified(self, demo):
        users = User.objects.all()
        assert users.count() == len(data.PEOPLE)
        for user in users:
            assert user.email.endswith("@demo.kyoso.invalid")
            assert user.is_email_verified
            assert user.is_active
        for email in Organization.objects.exclude(contact_email="").values_list(
            "contact_email", flat=True
        ):
            assert email.endswith("@demo.kyoso.invalid")

    def test_every_organization_has_an_owner(self, demo):
        for org in Organization.objects.all():
            assert org.memberships.filter(role=MemberRole.OWNER).exists(), org.name

    def test_profiles_use_known_sectors_and_visibilities(self, demo):
        profiles = Profile.objects.select_related("user")
        assert profiles.count() == len(data.PEOPLE)
        for profile in profiles:
            assert set(profile.sectors) <= set(Sector.values), profile.user.email
            assert set(profile.visibility) <= set(Profile.VISIBLE_FIELDS), profile.user.email
            assert set(profile.visibility.values()) <= set(Visibility.values), profile.user.email

    def test_people_span_the_sectors(self, demo):
        sectors = {sector for profile in Profile.objects.all() for sector in profile.sectors}
        assert {
            Sector.CITIZEN,
            Sector.NPO,
            Sector.COMPANY,
            Sector.UNIVERSITY,
            Sector.FINANCE,
            Sector.GOVERNMENT,
        } <= sectors
        side_job = Profile.objects.get(user__email="sasaki@demo.kyoso.invalid")
        assert side_job.available_side_job
        advisor = Profile.objects.get(user__email="yamaguchi@demo.kyoso.invalid")
        assert advisor.available_advice
        assert advisor.user.memberships.filter(organization__slug="sanjuroku-nin-shu").exists()

    @pytest.mark.parametrize("slug", ["privacy", "terms"])
    def test_site_page_drafts_in_both_languages(self, demo, slug):
        page = SitePage.objects.get(slug=slug)
        assert page.title_ja and page.title_en
        assert "ダウンロード" in page.body_ja and "退会" in page.body_ja
        assert "download" in page.body_en.lower() and "delete" in page.body_en.lower()

    def test_privacy_policy_covers_the_appi_points(self, demo):
        body = SitePage.objects.get(slug="privacy").body_ja
        for heading in ("利用目的", "第三者への提供", "保存期間", "開示", "個人情報保護法"):
            assert heading in body


def test_existing_site_page_is_not_overwritten(db):
    SitePage.objects.create(slug="privacy", title_ja="独自のポリシー", body_ja="事務局の本文")
    demo_load()
    privacy = SitePage.objects.get(slug="privacy")
    assert (privacy.title_ja, privacy.body_ja, privacy.body_en) == (
        "独自のポリシー",
        "事務局の本文",
        "",
    )
    assert SitePage.objects.get(slug="terms").body_ja


def test_password_is_generated_once_and_kept_private(db, demo_data_dir):
    first = demo_load()
    path = demo_data_dir / "demo_password"
    assert path.read_text(encoding="utf-8").strip() == first.password
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first.password) >= 12
    assert demo_load().password == first.password


def test_password_from_the_environment_wins(db, demo_data_dir, monkeypatch, client):
    monkeypatch.setenv("KYOSO_DEMO_PASSWORD", "env-demo-password-2026")
    result = demo_load()
    assert result.password == "env-demo-password-2026"
    assert not (demo_data_dir / "demo_password").exists()
    assert client.login(email="suzuki@demo.kyoso.invalid", password="env-demo-password-2026")


def test_command_prints_logins_and_password(db):
    output = StringIO()
    call_command("load_demo", stdout=output)
    text = output.getvalue()
    assert str(messages.LOADED) in text
    for person in data.PEOPLE:
        assert person["email"] in text
    assert demo_password() in text
