"""An organization's short onboarding after it is created: what it does, where, what it can
offer — each skippable, only for its managers, shown on its page."""

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.orgs import messages
from kyoso.orgs.models import MemberRole, Membership, Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization(suzuki):
    org = Organization.objects.create(slug="shonai-lab", name="庄内ラボ", org_type="npo")
    Membership.objects.create(organization=org, user=suzuki, role=MemberRole.OWNER)
    return org


def url(org, step):
    return reverse("orgs:onboarding", kwargs={"slug": org.slug, "step": step})


def test_three_steps_saved_then_shown_on_the_page(client, suzuki, organization):
    client.force_login(suzuki)
    response = client.post(
        url(organization, "does"),
        {"theme_keys": ["community", "housing"], "description": "空き家を活用します。"},
    )
    assert response["Location"] == url(organization, "where")
    response = client.post(url(organization, "where"), {"municipality": "06204"})
    assert response["Location"] == url(organization, "offer")
    response = client.post(
        url(organization, "offer"), {"skill_keys": ["construction"], "offers": ["place"]}
    )
    assert response["Location"] == reverse("orgs:detail", args=[organization.slug])
    organization.refresh_from_db()
    assert organization.theme_keys == ["community", "housing"]
    assert organization.description == "空き家を活用します。"
    assert organization.municipality_id == "06204"
    assert (organization.skill_keys, organization.offers) == (["construction"], ["place"])
    assert organization.onboarded_at is not None
    page = client.get(response["Location"]).content.decode()
    assert str(messages.ONBOARDING_DONE) in page
    for label in (
        "まちづくり・地域コミュニティ",
        "建築・不動産・空き家活用",
        "場所（会場・スペース）",
    ):
        assert label in page


def test_each_step_can_be_skipped(client, suzuki, organization):
    client.force_login(suzuki)
    for step, after in (("does", "where"), ("where", "offer")):
        assert client.post(url(organization, step), {"skip": "1"})["Location"] == url(
            organization, after
        )
    client.post(url(organization, "offer"), {"skip": "1", "offers": ["nonsense"]})
    organization.refresh_from_db()
    assert (organization.theme_keys, organization.offers) == ([], [])
    assert organization.onboarded_at is not None


@pytest.mark.parametrize(
    ("step", "data"),
    [
        ("does", {"theme_keys": ["astrology"]}),
        ("where", {"municipality": "99999"}),
        ("offer", {"offers": ["nonsense"]}),
        ("offer", {"skill_keys": ["juggling"]}),
    ],
)
def test_bad_input_is_refused(client, suzuki, organization, step, data):
    client.force_login(suzuki)
    response = client.post(url(organization, step), data)
    assert response.status_code == 400
    organization.refresh_from_db()
    assert organization.onboarded_at is None


def test_bad_choice_message(client, suzuki, organization):
    client.force_login(suzuki)
    response = client.post(url(organization, "offer"), {"offers": ["nonsense"]})
    assert str(messages.ONBOARDING_CHOICE_UNKNOWN) in response.content.decode()


def test_only_its_managers_may_answer(client, takahashi, organization):
    client.force_login(takahashi)
    assert client.get(url(organization, "does")).status_code == 403
    assert client.post(url(organization, "does"), {"skip": "1"}).status_code == 403


def test_unknown_step_and_organization_are_404(client, suzuki, organization):
    client.force_login(suzuki)
    assert client.get(url(organization, "nowhere")).status_code == 404
    missing = reverse("orgs:onboarding", kwargs={"slug": "no-such-org", "step": "does"})
    assert client.get(missing).status_code == 404


def test_step_pages_in_english(client, suzuki, organization):
    client.force_login(suzuki)
    client.cookies["kyoso_language"] = "en"
    for step in ("does", "where", "offer"):
        response = client.get(url(organization, step))
        assert response.status_code == 200
        assert 'lang="en"' in response.content.decode()


def test_step_page_queries(client, suzuki, organization):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles, 4 the organization (with its municipality),
    # 5 membership (may change the organization?)
    with assert_num_queries(5):
        assert client.get(url(organization, "does")).status_code == 200
