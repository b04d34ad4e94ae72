"""Verified organizations whose skills, themes and place fit a need, on the need's page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from kyoso.matching import selectors
from kyoso.orgs.tests.factories import OrganizationFactory


def test_verified_organizations_that_fit_come_with_reasons(region):
    OrganizationFactory(
        slug="it-npo",
        name="庄内ITサポート",
        skill_keys=["it"],
        theme_keys=["digital"],
        municipality_id="06204",
        verified_at=timezone.now(),
    )
    OrganizationFactory(slug="unverified", name="未認証の団体", skill_keys=["it", "marketing"])
    OrganizationFactory(
        slug="far", name="関係ない団体", skill_keys=["legal"], verified_at=timezone.now()
    )
    found = selectors.organizations_for_need(region["need"])
    assert [o.slug for o in found] == ["it-npo"]
    features = {f for f, _t, _s in found[0].reasons}
    assert {"skills", "themes", "place"} <= features


def test_the_need_page_lists_them(client, region):
    OrganizationFactory(
        slug="it-npo", name="庄内ITサポート", skill_keys=["it"], verified_at=timezone.now()
    )
    client.force_login(region["ito"])
    page = client.get(reverse("matching:need", args=[region["need"].pk])).content.decode()
    assert "庄内ITサポート" in page and "スキルが合う: IT・開発" in page
