"""After onboarding, the dashboard's "for you" block shows what the answers imply."""

from __future__ import annotations

from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries


def test_onboarding_answers_lead_to_suggestions_on_the_dashboard(
    client, region, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(display_name="新人")
    client.force_login(newcomer)
    answers = [
        ("place", {"municipality": "06204"}),
        ("themes", {"theme_keys": ["digital"]}),
        ("offer", {"skill_keys": ["it"], "hours_per_month": "20", "offers": ["time"]}),
    ]
    for step, data in answers:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("accounts:onboarding", kwargs={"step": step}), data)
        assert response.status_code == 302
    page = client.get(reverse("core:dashboard")).content.decode()
    block = page[page.index("あなたへのおすすめ") :]
    assert region["mission"].title in block
    assert "スキルが合う: IT・開発" in block
    assert "関心のあるテーマが重なる: デジタル・IT" in block


def test_the_block_invites_an_empty_profile_to_fill_it_in(client, takahashi):
    client.force_login(takahashi)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "合うミッションやニーズがここに表示されます" in page


def test_for_you_block_queries(client, region):
    client.force_login(region["matsumoto"])
    from kyoso.core.home import HomeFilters
    from kyoso.matching.home import for_you

    for_you(region["matsumoto"], HomeFilters())
    # 1 own feature row, 2 own projects, 3 open needs, 4 their skills, 5 project tags,
    # 6 project places, 7 their prefecture, 8 missions, 9 their skills, 10 project tags,
    # 11 issues, 12 feedback
    with assert_num_queries(12):
        for_you(region["matsumoto"], HomeFilters())
