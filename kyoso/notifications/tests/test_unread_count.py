"""The header's unread count: one cheap query, capped, nothing for anonymous visitors."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.notifications.context_processors import unread_notifications
from kyoso.notifications.selectors import UNREAD_CAP, unread_count
from kyoso.notifications.tests.factories import NotificationFactory


def test_counts_only_my_unread(suzuki, takahashi):
    NotificationFactory.create_batch(3, recipient=suzuki)
    NotificationFactory(recipient=suzuki, read_at=timezone.now())
    NotificationFactory(recipient=takahashi)
    # 1 count
    with assert_num_queries(1):
        assert unread_count(suzuki) == 3


def test_anonymous_costs_nothing(db):
    with assert_num_queries(0):
        assert unread_count(AnonymousUser()) == 0


def test_the_count_stops_at_the_cap(suzuki):
    NotificationFactory.create_batch(UNREAD_CAP + 3, recipient=suzuki)
    assert unread_count(suzuki) == UNREAD_CAP


def test_context_processor_queries_only_when_read(suzuki):
    NotificationFactory(recipient=suzuki)
    request = RequestFactory().get("/")
    request.user = suzuki
    with assert_num_queries(0):
        context = unread_notifications(request)
    with assert_num_queries(1):
        assert context["notifications_unread"] == 1
