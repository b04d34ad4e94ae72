"""Parallel requests never beat the mail rate limit, never count a member twice and never
leave a community without a leader — real threads, each on its own database connection."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.communities.models import (
    Community,
    CommunityMembership,
    CommunityRole,
    LeaderMessage,
)
from kyoso.communities.services import membership, messaging
from kyoso.communities.services.common import CommunityError
from kyoso.communities.tests.factories import CommunityFactory, add_member
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases

THREADS = 6


def _attempt(job):
    def run():
        try:
            job()
        except CommunityError:
            return "refused"
        return "done"

    return run


@pytest.mark.django_db(transaction=True)
def test_leaders_sending_at_once_send_one_message(tmp_path):
    community = CommunityFactory()
    leaders = [UserFactory() for _ in range(THREADS)]
    for person in leaders:
        add_member(community, person, role=CommunityRole.LEADER)
    add_member(community, UserFactory())

    def send(person):
        return lambda: messaging.message_send(
            actor=person,
            community=Community.objects.get(pk=community.pk),
            subject="件名",
            body="本文",
        )

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(send(p)) for p in leaders])
        sent = read(open_connection, lambda: LeaderMessage.objects.count())

    assert sorted(answers) == ["done"] + ["refused"] * (THREADS - 1)
    assert sent == 1


@pytest.mark.django_db(transaction=True)
def test_two_leaders_leaving_at_once_leave_one_leader(tmp_path):
    community = CommunityFactory()
    first, second = UserFactory(), UserFactory()
    add_member(community, first, role=CommunityRole.LEADER)
    add_member(community, second, role=CommunityRole.LEADER)

    def leave(person):
        return lambda: membership.membership_leave(
            actor=person, community=Community.objects.get(pk=community.pk)
        )

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(leave(first)), _attempt(leave(second))])
        leaders, count = read(
            open_connection,
            lambda: (
                CommunityMembership.objects.filter(community_id=community.pk).count(),
                Community.objects.get(pk=community.pk).member_count,
            ),
        )

    assert sorted(answers) == ["done", "refused"]
    assert (leaders, count) == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_parallel_joins_of_one_person_count_once(tmp_path):
    community = CommunityFactory()
    add_member(community, UserFactory(), role=CommunityRole.LEADER)
    person = UserFactory()

    def join():
        return membership.membership_join(
            actor=person, community=Community.objects.get(pk=community.pk)
        )

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(join) for _ in range(THREADS)])
        rows, count = read(
            open_connection,
            lambda: (
                CommunityMembership.objects.filter(community_id=community.pk).count(),
                Community.objects.get(pk=community.pk).member_count,
            ),
        )

    assert answers.count("done") == 1
    assert (rows, count) == (2, 2)


@pytest.mark.django_db(transaction=True)
def test_two_leaders_removing_one_member_at_once_count_once(tmp_path):
    community = CommunityFactory()
    first, second = UserFactory(), UserFactory()
    add_member(community, first, role=CommunityRole.LEADER)
    add_member(community, second, role=CommunityRole.LEADER)
    target = add_member(community, UserFactory())

    def remove(person):
        # Each leader loaded the members page before either clicked.
        row = CommunityMembership.objects.select_related("community").get(pk=target.pk)
        return lambda: membership.membership_remove(actor=person, membership=row, reason="")

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(remove(first)), _attempt(remove(second))])
        rows, count, audited = read(
            open_connection,
            lambda: (
                CommunityMembership.objects.filter(community_id=community.pk).count(),
                Community.objects.get(pk=community.pk).member_count,
                AuditEvent.objects.filter(
                    action=AuditEvent.Action.COMMUNITY_MEMBER_REMOVED
                ).count(),
            ),
        )

    assert sorted(answers) == ["done", "refused"]
    assert (rows, count, audited) == (2, 2, 1)
