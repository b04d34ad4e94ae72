"""Bad input gets a clear Japanese message, keeps what was typed, and loses nothing stored."""

import pytest
from django.urls import reverse

from kyoso.accounts import messages as account_messages
from kyoso.orgs import messages
from kyoso.orgs.models import MemberRole, Organization
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

VALID = {"name": "庄内の森を守る会", "org_type": "npo", "municipality": "06204"}


def test_html_in_the_name_and_description_is_shown_escaped(client, suzuki):
    client.force_login(suzuki)
    data = {
        **VALID,
        "name": "<script>alert(1)</script>",
        "description": '<img src=x onerror="alert(2)">\n2行目',
    }

    response = client.post(reverse("orgs:create"), data)

    organization = Organization.objects.get()
    assert organization.name == "<script>alert(1)</script>"
    for url in (response["Location"], reverse("orgs:list"), reverse("orgs:mine")):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    detail = client.get(reverse("orgs:detail", args=[organization.slug])).content.decode()
    assert "<img src=x" not in client.get(response["Location"]).content.decode()  # onboarding
    assert "<img src=x" not in detail
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;<br>2行目" in detail


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("municipality", "99999", "市区町村コード「99999」は見つかりません。"),
        ("municipality", "13101", "市区町村コード「13101」は見つかりません。"),
        ("municipality", "abc", "市区町村コード「abc」の形式が正しくありません。"),
        ("website", "javascript:alert(1)", str(messages.WEBSITE_INVALID)),
        ("website", "ftp://files.example.jp/", str(messages.WEBSITE_INVALID)),
        ("website", "http://", str(messages.WEBSITE_INVALID)),
        ("contact_email", "info@", str(account_messages.EMAIL_INVALID)),
        ("org_type", "secret_society", str(messages.TYPE_INVALID)),
        ("name_kana", "shonai", str(account_messages.KANA_INVALID)),
        ("name", "あ" * 101, "100文字以内で入力してください（現在101文字）。"),
        ("name_kana", "ア" * 201, "200文字以内で入力してください（現在201文字）。"),
        ("description", "あ" * 5001, "5000文字以内で入力してください（現在5001文字）。"),
        ("name", "   ", "このフィールドは必須です。"),
    ],
)
def test_bad_create_input_gets_a_clear_message_and_keeps_the_rest(
    client, suzuki, field, value, message
):
    client.force_login(suzuki)
    data = {**VALID, "description": "残しておきたい紹介文", field: value}

    response = client.post(reverse("orgs:create"), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "残しておきたい紹介文" in page or field == "description"
    assert not Organization.objects.exists()


def test_bad_edit_leaves_the_stored_organization_alone(client, suzuki):
    organization = OrganizationFactory(
        name="元の名前", description="元の紹介", website="https://example.jp/"
    )
    MembershipFactory(organization=organization, user=suzuki, role=MemberRole.OWNER)
    client.force_login(suzuki)

    response = client.post(
        reverse("orgs:edit", args=[organization.slug]),
        {
            "name": "新しい名前",
            "org_type": "npo",
            "description": "新しい紹介",
            "website": "ftp://x",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert str(messages.WEBSITE_INVALID) in page
    assert "新しい紹介" in page  # what was typed is still in the form
    organization.refresh_from_db()
    assert (organization.name, organization.description, organization.website) == (
        "元の名前",
        "元の紹介",
        "https://example.jp/",
    )


def test_bare_domain_gets_https(client, suzuki):
    client.force_login(suzuki)

    client.post(reverse("orgs:create"), {**VALID, "website": "shonai-mori.example.jp"})

    assert Organization.objects.get().website == "https://shonai-mori.example.jp"


def test_six_digit_and_full_width_codes_are_understood(client, suzuki):
    client.force_login(suzuki)

    client.post(reverse("orgs:create"), {**VALID, "municipality": "０６２０４９"})

    assert Organization.objects.get().municipality_id == "06204"


@pytest.mark.parametrize(
    "query",
    [
        "?org_type=nonsense",
        "?prefecture=99",
        "?verified=maybe",
        "?page=abc",
        "?page=9999",
        "?page=-1",
        "?q=" + "あ" * 500,
    ],
)
def test_odd_list_filters_never_fail(client, db, query):
    OrganizationFactory(name="残る団体")

    response = client.get(reverse("orgs:list") + query)

    assert response.status_code == 200
    assert "残る団体" in response.content.decode() or "q=" in query


def test_unknown_slug_is_not_found(client, db):
    assert client.get(reverse("orgs:detail", args=["no-such-org"])).status_code == 404
