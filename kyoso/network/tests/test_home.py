"""The dashboard block "introductions waiting for me": only what awaits the viewer's answer."""

from __future__ import annotations

import pytest

from kyoso.core import home
from kyoso.core.testing import assert_num_queries
from kyoso.network.home import introductions_waiting
from kyoso.network.services.introductions import introduction_answer, introduction_request

pytestmark = pytest.mark.django_db


def test_the_block_lists_what_waits_for_the_viewer(suzuki, yamada, takahashi):
    waiting = introduction_request(actor=suzuki, to_user=yamada, reason="相談したい")
    answered = introduction_request(actor=takahashi, to_user=yamada, reason="相談")
    introduction_answer(actor=yamada, introduction=answered, accept=True)

    # 1 the open introductions with people (managed organizations as a subquery)
    with assert_num_queries(1):
        data = introductions_waiting(yamada, home.HomeFilters())
    assert data["introductions"] == [waiting]
    # Nothing waiting: the block is left out of the attention section.
    assert introductions_waiting(suzuki, home.HomeFilters()) is None
    assert introductions_waiting(takahashi, home.HomeFilters()) is None


def test_the_dashboard_shows_the_block(client, suzuki, yamada):
    from django.urls import reverse

    intro = introduction_request(actor=suzuki, to_user=yamada, reason="相談したい")
    client.force_login(yamada)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "返事を待っている紹介" in page
    assert reverse("introductions:detail", args=[intro.pk]) in page
