import pytest
from django.test import Client
from django.urls import reverse

from kyoso.accounts.models import Profile, Visibility
from kyoso.accounts.tests.factories import UserFactory

BIO = "酒田で農業をしています。"

VIEWERS = ["anonymous", "member", "secretariat", "self"]
EXPECTED = {
    # level: which viewers see the field
    Visibility.PUBLIC: {"anonymous", "member", "secretariat", "self"},
    Visibility.MEMBERS: {"member", "secretariat", "self"},
    Visibility.SECRETARIAT: {"secretariat", "self"},
}


@pytest.fixture
def person(db):
    user = UserFactory(display_name="阿部", family_name="阿部", given_name="真")
    Profile.objects.filter(user=user).update(bio=BIO, skills=["有機農業"])
    return user


def _client_for(viewer: str, person, sato, takahashi) -> Client:
    client = Client()
    if viewer == "member":
        client.force_login(takahashi)
    elif viewer == "secretariat":
        client.force_login(sato)
    elif viewer == "self":
        client.force_login(person)
    return client


@pytest.mark.parametrize("level", list(EXPECTED))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_each_field_is_shown_only_at_its_visibility(person, sato, takahashi, viewer, level):
    Profile.objects.filter(user=person).update(
        visibility={"bio": level, "full_name": level, "skills": level}
    )
    client = _client_for(viewer, person, sato, takahashi)

    page = client.get(reverse("accounts:person", args=[person.pk])).content.decode()

    shown = viewer in EXPECTED[level]
    assert (BIO in page) is shown
    assert ("阿部 真" in page) is shown
    assert ("有機農業" in page) is shown
    assert "阿部" in page  # the display name is always public


def test_deleted_person_page_is_hidden_from_the_public_but_not_secretariat(client, person, sato):
    from kyoso.accounts.services.privacy import user_delete

    user_delete(actor=person, user=person)

    assert client.get(reverse("accounts:person", args=[person.pk])).status_code == 302
    client.force_login(sato)
    page = client.get(reverse("accounts:person", args=[person.pk])).content.decode()
    assert "退会したユーザー" in page
    assert BIO not in page


def test_profile_form_saves_fields_and_visibility(client, suzuki):
    client.force_login(suzuki)
    response = client.post(
        reverse("accounts:settings"),
        {
            "display_name": "鈴木",
            "family_name": "鈴木",
            "given_name": "一郎",
            "family_name_kana": "すずき",
            "given_name_kana": "イチロウ",
            "bio": "  仙台で ＩＴ の仕事をしています。 ",
            "skills": "Python、データ分析, 　デザイン",
            "themes": "子育て\n防災",
            "sectors": ["company", "citizen"],
            "municipality": "06204",
            "available_side_job": "on",
            "contact_preference": "email",
            **{f"visibility_{f}": "members" for f in Profile.VISIBLE_FIELDS},
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=suzuki)
    suzuki.refresh_from_db()
    assert suzuki.family_name_kana == "スズキ"
    assert profile.bio == "仙台で IT の仕事をしています。"
    assert profile.skills == ["Python", "データ分析", "デザイン"]
    assert profile.themes == ["子育て", "防災"]
    assert profile.municipality_id == "06204"
    assert profile.available_side_job is True
    assert profile.visibility["bio"] == "members"


def test_unknown_municipality_is_refused_and_stored_profile_kept(client, suzuki):
    Profile.objects.filter(user=suzuki).update(bio="元の自己紹介", municipality_id="04100")
    client.force_login(suzuki)
    response = client.post(
        reverse("accounts:settings"),
        {
            "display_name": "鈴木",
            "bio": "新しい自己紹介",
            "municipality": "99999",
            "contact_preference": "email",
        },
    )
    assert response.status_code == 200
    assert "選択された市区町村が見つかりません。" in response.content.decode()
    profile = Profile.objects.get(user=suzuki)
    assert profile.bio == "元の自己紹介"
    assert profile.municipality_id == "04100"
    assert "新しい自己紹介" in response.content.decode()  # input not lost
