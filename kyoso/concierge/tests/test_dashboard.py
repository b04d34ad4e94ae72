"""The concierge's dashboard block: only concierges see it, it links to the desk, and it costs
nobody else a query once the site's concierges are cached."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.concierge import selectors, services
from kyoso.concierge.models import ConsultationStatus
from kyoso.concierge.tests.factories import ConsultationFactory
from kyoso.core import home
from kyoso.core.testing import assert_num_queries

pytestmark = pytest.mark.django_db
TITLE = "コンシェルジュの窓口"


@pytest.fixture
def queues(hub, concierge, suzuki, booking, held):
    """One booked consultation to come (``booking``), one held without a record, one held with
    a follow-up due yesterday."""
    ConsultationFactory(
        hub=hub,
        concierge=concierge,
        person=suzuki,
        status=ConsultationStatus.HELD,
        starts_at=timezone.now() - timedelta(days=2),
    )
    held.follow_up_on = timezone.localdate() - timedelta(days=1)
    held.save()


def test_a_concierge_sees_the_queues_and_the_way_to_the_desk(client, concierge, queues):
    client.force_login(concierge)
    page = client.get(reverse("core:dashboard")).content.decode()
    desk = reverse("concierge:desk")
    assert TITLE in page
    due = '<span class="attention-list__count attention-list__count--due">1<'
    rows = (("follow-ups", "期日が来たフォローアップ"), ("upcoming", "これからの予約"))
    for anchor, label in rows:
        label_html = f'<span class="attention-list__label">{label}</span>'
        assert f'href="{desk}#{anchor}">{label_html} {due}' in page
    assert f'<a href="{desk}">相談の窓口を開く</a>' in page


def test_the_counts_are_one_query(concierge, queues):
    with assert_num_queries(1):
        counts = selectors.desk_counts(concierge)
    assert counts["follow_ups_due"] == 1 and counts["upcoming"] == 1
    assert counts["to_record"] >= 1


@pytest.mark.parametrize("persona", ["suzuki", "takahashi", "sato", "hub_staff"])
def test_others_do_not_see_it(client, login_as, concierge, queues, persona):
    login_as(persona)
    assert TITLE not in client.get(reverse("core:dashboard")).content.decode()


def test_visibility_costs_others_nothing_once_cached(suzuki, concierge):
    block = next(b for b in home.dashboard_blocks() if b.key == "concierge.desk")
    with assert_num_queries(1):  # the site's concierges, read once
        assert block.visible(concierge) is True
    with assert_num_queries(0):
        assert block.visible(suzuki) is False
        assert block.visible(concierge) is True


def test_adding_and_removing_a_concierge_updates_the_block(
    django_capture_on_commit_callbacks, hub, hub_staff, takahashi
):
    assert selectors.is_concierge(takahashi) is False
    with django_capture_on_commit_callbacks(execute=True):
        added = services.concierge_add(actor=hub_staff, hub=hub, email=takahashi.email)
    assert selectors.is_concierge(takahashi) is True
    with django_capture_on_commit_callbacks(execute=True):
        services.concierge_remove(actor=hub_staff, concierge=added)
    assert selectors.is_concierge(takahashi) is False


def test_the_hub_page_links_to_its_concierge_page(client, hub):
    page = client.get(reverse("hubs:detail", args=[hub.slug])).content.decode()
    assert f'href="{reverse("concierge:hub", args=[hub.slug])}">相談の予約</a>' in page
