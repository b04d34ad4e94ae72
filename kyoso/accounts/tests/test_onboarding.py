"""Onboarding after sign-up: three skippable steps stored on the profile, then a first page
that links to the lists filtered by the answers."""

import pytest
from django.urls import reverse

from kyoso.accounts import messages
from kyoso.accounts.models import Profile
from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.regions.models import Municipality

pytestmark = pytest.mark.django_db


def step_url(step: str) -> str:
    return reverse("accounts:onboarding", kwargs={"step": step})


@pytest.fixture
def sakata():
    return Municipality.objects.get(code="06204")


@pytest.fixture
def newcomer(client):
    user = UserFactory(email="newcomer@example.jp", display_name="新人")
    client.force_login(user)
    return user


def test_signup_leads_to_the_first_step(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "new@example.jp",
            "password": "sakata-umi-2025",
            "display_name": "新人",
            "agree_terms": "on",
        },
    )
    assert response["Location"] == step_url("place")


def test_three_steps_are_saved_on_the_profile(client, newcomer, sakata):
    response = client.post(step_url("place"), {"municipality": sakata.pk})
    assert response["Location"] == step_url("themes")
    response = client.post(step_url("themes"), {"theme_keys": ["childcare", "disaster"]})
    assert response["Location"] == step_url("offer")
    response = client.post(
        step_url("offer"),
        {"skill_keys": ["design", "it"], "offers": ["advice", "place"], "hours_per_month": "8"},
    )
    assert response["Location"] == reverse("accounts:onboarding_done")
    profile = Profile.objects.get(user=newcomer)
    assert profile.municipality == sakata
    assert profile.theme_keys == ["childcare", "disaster"]
    assert (profile.skill_keys, profile.offers, profile.hours_per_month) == (
        ["design", "it"],
        ["advice", "place"],
        8,
    )
    assert profile.onboarded_at is not None


def test_the_first_page_reflects_the_answers(client, newcomer, sakata):
    Profile.objects.filter(user=newcomer).update(
        municipality=sakata, theme_keys=["childcare"], skill_keys=["design"], offers=["time"]
    )
    # 1 session, 2 user, 3 roles, 4 profile with its municipality and prefecture
    with assert_num_queries(4):
        response = client.get(reverse("accounts:onboarding_done"))
    page = response.content.decode()
    assert str(messages.ONBOARDING_DONE) in page
    assert "/issues/?municipality=06204" in page
    assert "/issues/?theme=childcare&amp;municipality=06204" in page
    assert "/projects/?theme=childcare&amp;municipality=06204" in page
    assert "/projects/?municipality=06204&amp;needs_help=on" in page
    assert "/missions/?skill=design" in page
    assert "酒田市" in page


def test_the_linked_lists_answer(client, newcomer, sakata):
    for url in (
        "/issues/?theme=childcare&municipality=06204",
        "/projects/?theme=childcare&municipality=06204",
        "/projects/?municipality=06204&needs_help=on",
        "/missions/?skill=design",
    ):
        assert client.get(url).status_code == 200, url


def test_every_step_can_be_skipped(client, newcomer):
    assert client.post(step_url("place"), {"skip": "1"})["Location"] == step_url("themes")
    assert client.post(step_url("themes"), {"skip": "1"})["Location"] == step_url("offer")
    response = client.post(step_url("offer"), {"skip": "1", "hours_per_month": "nonsense"})
    assert response["Location"] == reverse("accounts:onboarding_done")
    profile = Profile.objects.get(user=newcomer)
    assert (profile.municipality, profile.theme_keys, profile.skill_keys) == (None, [], [])
    assert profile.onboarded_at is not None
    assert client.get(reverse("accounts:onboarding_done")).status_code == 200


def test_skipping_keeps_earlier_answers(client, newcomer):
    Profile.objects.filter(user=newcomer).update(theme_keys=["health"])
    client.post(step_url("themes"), {"skip": "1"})
    assert Profile.objects.get(user=newcomer).theme_keys == ["health"]


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("place", {"municipality": "999999999"}, messages.ONBOARDING_PLACE_UNKNOWN),
        ("themes", {"theme_keys": ["not-a-theme"]}, messages.ONBOARDING_CHOICE_UNKNOWN),
        ("offer", {"skill_keys": ["juggling"]}, messages.ONBOARDING_CHOICE_UNKNOWN),
        ("offer", {"offers": ["money"]}, messages.ONBOARDING_CHOICE_UNKNOWN),
        ("offer", {"hours_per_month": "-1"}, messages.ONBOARDING_HOURS_INVALID),
        ("offer", {"hours_per_month": "1000"}, messages.ONBOARDING_HOURS_INVALID),
        ("offer", {"hours_per_month": "たくさん"}, messages.ONBOARDING_HOURS_INVALID),
    ],
)
def test_bad_input_is_refused_with_a_message(client, newcomer, step, data, message):
    response = client.post(step_url(step), data)
    assert response.status_code == 400
    assert str(message) in response.content.decode()
    assert Profile.objects.get(user=newcomer).onboarded_at is None


def test_an_unknown_step_is_404(client, newcomer):
    assert client.get(step_url("nowhere")).status_code == 404


def test_the_steps_need_a_sign_in(client):
    response = client.get(step_url("place"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_step_pages_show_earlier_answers(client, newcomer, sakata):
    Profile.objects.filter(user=newcomer).update(municipality=sakata, hours_per_month=5)
    # 1 session, 2 user, 3 roles, 4 profile, 5 municipality choices (all rows, one query)
    with assert_num_queries(5):
        page = client.get(step_url("place")).content.decode()
    assert f'value="{sakata.pk}" selected' in page
    assert 'value="5"' in client.get(step_url("offer")).content.decode()


def test_the_steps_in_english(client, newcomer):
    client.cookies["kyoso_language"] = "en"
    for step in ("place", "themes", "offer"):
        response = client.get(step_url(step))
        assert response.status_code == 200
        assert 'lang="en"' in response.content.decode()
    assert client.get(reverse("accounts:onboarding_done")).status_code == 200


def test_answers_follow_the_profile_visibility(client, newcomer, takahashi):
    from kyoso.accounts.models import Visibility

    Profile.objects.filter(user=newcomer).update(
        theme_keys=["childcare"],
        skill_keys=["design"],
        visibility={"themes": Visibility.SECRETARIAT, "skills": Visibility.PUBLIC},
    )
    client.force_login(takahashi)
    page = client.get(reverse("accounts:person", args=[newcomer.pk])).content.decode()
    assert "デザイン" in page
    assert "子育て・子ども" not in page
