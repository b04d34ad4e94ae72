"""Only the secretariat edits the privacy policy and terms, and every edit is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.sitepages.models import SitePage

pytestmark = pytest.mark.django_db

PERSONAS = ["sato", "suzuki", "takahashi", "superuser", "anonymous"]
ALLOWED = {"sato", "superuser"}
SLUGS = ["privacy", "terms"]
NEW_TEXT = {
    "title_ja": "利用規約 改定版",
    "body_ja": "第1条　改定しました。",
    "title_en": "",
    "body_en": "",
}


def _assert_denied(response, persona: str, url: str) -> None:
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("stored", [False, True], ids=["missing", "stored"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_open_the_editor(client, login_as, persona, slug, stored):
    if stored:
        SitePage.objects.create(slug=slug, title_ja="旧タイトル", body_ja="旧本文")
    login_as(persona)
    url = reverse("sitepages:edit", args=[slug])
    response = client.get(url)
    if persona in ALLOWED:
        assert response.status_code == 200
        assert ("旧本文" in response.content.decode()) == stored
    else:
        _assert_denied(response, persona, url)


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("stored", [False, True], ids=["missing", "stored"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_save(client, login_as, persona, slug, stored):
    if stored:
        SitePage.objects.create(slug=slug, title_ja="旧タイトル", body_ja="旧本文")
    user = login_as(persona)
    url = reverse("sitepages:edit", args=[slug])
    response = client.post(url, NEW_TEXT)
    page = SitePage.objects.filter(slug=slug).first()
    if persona in ALLOWED:
        assert response.status_code == 302
        assert response["Location"] == reverse("sitepages:detail", args=[slug])
        assert (page.title_ja, page.body_ja, page.updated_by) == (
            "利用規約 改定版",
            "第1条　改定しました。",
            user,
        )
        [event] = AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT)
        assert (event.actor, event.target_type, event.target_id) == (
            user,
            "sitepages.sitepage",
            str(page.pk),
        )
        assert event.data == {"page": slug}
    else:
        _assert_denied(response, persona, url)
        assert (page.body_ja if page else None) == ("旧本文" if stored else None)
        assert not AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT).exists()


def test_each_edit_writes_its_own_audit_row(client, sato):
    client.force_login(sato)
    url = reverse("sitepages:edit", args=["privacy"])
    client.post(url, {**NEW_TEXT, "body_ja": "一回目"})
    client.post(url, {**NEW_TEXT, "body_ja": "二回目"})
    assert AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT).count() == 2
    assert SitePage.objects.get(slug="privacy").body_ja == "二回目"


def test_an_incomplete_edit_loses_nothing(client, sato):
    SitePage.objects.create(slug="terms", title_ja="利用規約", body_ja="現行の本文")
    client.force_login(sato)
    response = client.post(reverse("sitepages:edit", args=["terms"]), {**NEW_TEXT, "body_ja": ""})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert SitePage.objects.get(slug="terms").body_ja == "現行の本文"
    assert not AuditEvent.objects.exists()


def test_titles_are_normalized(client, sato):
    client.force_login(sato)
    client.post(
        reverse("sitepages:edit", args=["terms"]), {**NEW_TEXT, "title_ja": "  利用規約ＡＢＣ "}
    )
    assert SitePage.objects.get(slug="terms").title_ja == "利用規約ABC"


def test_an_english_version_is_saved_and_shown(client, sato):
    client.force_login(sato)
    client.post(
        reverse("sitepages:edit", args=["terms"]),
        {**NEW_TEXT, "title_en": "Terms of use", "body_en": "Be kind."},
    )
    client.cookies["kyoso_language"] = "en"
    page = client.get(reverse("sitepages:detail", args=["terms"])).content.decode()
    assert "Terms of use" in page and "Be kind." in page


def test_unknown_slug_cannot_be_edited(client, sato):
    client.force_login(sato)
    assert client.post(reverse("sitepages:edit", args=["about"]), NEW_TEXT).status_code == 404
    assert not SitePage.objects.exists()


def test_editor_query_count(client, sato):
    SitePage.objects.create(slug="privacy", title_ja="題", body_ja="本文")
    client.force_login(sato)
    # 1 session, 2 user, 3 roles of sato (2FA middleware, cached for the rule),
    # 4 site settings (2FA middleware), 5 the page
    with assert_num_queries(5):
        assert client.get(reverse("sitepages:edit", args=["privacy"])).status_code == 200
