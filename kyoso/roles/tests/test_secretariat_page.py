"""The 事務局 dashboard links to every secretariat tool."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.roles.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_sato(client, sato):
    client.force_login(sato)
    return client


def test_links_to_every_tool(as_sato):
    page = as_sato.get(reverse("roles:secretariat")).content.decode()
    for url in (
        reverse("roles:index"),
        reverse("audit:list"),
        reverse("sitepages:settings"),
        reverse("search:synonyms"),
        reverse("sitepages:edit", args=["privacy"]),
        reverse("sitepages:edit", args=["terms"]),
        "/orgs/?verified=0",
    ):
        assert f'href="{url}"' in page


def test_counts_organizations_awaiting_verification(as_sato):
    OrganizationFactory.create_batch(3)
    OrganizationFactory(verified_at=timezone.now())
    page = as_sato.get(reverse("roles:secretariat")).content.decode()
    assert "認証を待っている団体が3件あります。" in page


def test_query_count(as_sato):
    # 1 session, 2 user, 3 roles of sato, 4 site settings (2FA middleware),
    # 5 count of unverified organizations
    with assert_num_queries(5):
        assert as_sato.get(reverse("roles:secretariat")).status_code == 200
