"""A demo region that feels alive (issue 14): upcoming events dated from the load (one full
with a waitlist, an idea event open for pitches), recent conversation on the issues, and
unread notifications for the demo people — all made by the apps' services, loaded once."""

from datetime import timedelta

from django.utils import timezone

from kyoso.communities.models import BoardComment, BoardPost, Community
from kyoso.demo import data
from kyoso.demo.data.conversations import TALKS
from kyoso.demo.data.issues import ISSUES
from kyoso.demo.data.upcoming import UPCOMING
from kyoso.demo.services import demo_load
from kyoso.events.models import (
    Event,
    EventKind,
    IdeaRound,
    Pitch,
    Registration,
    RegistrationStatus,
    TeamMember,
)
from kyoso.issues.models import Comment, Empathy, Follow, HelpOffer, Issue, Stage
from kyoso.notifications.models import Notification

PEOPLE = {person["key"] for person in data.PEOPLE}
ISSUE_DAYS_AGO = {entry.title: entry.days_ago for entry in ISSUES}
ISSUE_TITLES = set(ISSUE_DAYS_AGO)
UPCOMING_TITLES = [entry.title for entry in UPCOMING]


# --- The data as written -----------------------------------------------------------------------


def test_talks_name_demo_issues_and_people_once_each():
    titles = [talk.title for talk in TALKS]
    assert len(titles) == len(set(titles)) and set(titles) <= ISSUE_TITLES
    for talk in TALKS:
        people = {*talk.empathy, *talk.follows, *(offer.user for offer in talk.offers)}
        for comment in talk.comments:
            people |= {comment.author, *(author for author, _body in comment.replies)}
        assert people <= PEOPLE - {"takahashi"}, talk.title
        assert 1 <= talk.days_ago <= 30, talk.title
        assert talk.days_ago < ISSUE_DAYS_AGO[talk.title], talk.title  # talk after posting


def test_upcoming_events_cover_the_seed_kinds_in_both_cities():
    assert {entry.kind for entry in UPCOMING} == {
        EventKind.REGULAR,
        EventKind.STUDY,
        EventKind.IDEA,
        EventKind.HEARING,
    }
    assert {entry.municipality[:2] for entry in UPCOMING} == {"04", "06"}
    assert len(set(UPCOMING_TITLES)) == len(UPCOMING)
    for entry in UPCOMING:
        registrants = [key for key, _attendance in entry.registrations]
        assert len(registrants) == len(set(registrants)), entry.title
        assert set(registrants) <= PEOPLE - {"takahashi", entry.actor}, entry.title


# --- The data as loaded ------------------------------------------------------------------------


class TestAliveDemo:
    def test_upcoming_events_are_in_the_coming_weeks(self, loaded_demo, db):
        loaded_at = loaded_demo.started_at
        events = Event.objects.filter(title__in=UPCOMING_TITLES)
        assert events.count() == len(UPCOMING)
        for event in events:
            assert loaded_at < event.starts_at < loaded_at + timedelta(weeks=5), event.title
            assert event.created_at < loaded_at, event.title  # published before the load
        # The events list's upcoming tab has them (the FY2021 sessions are all past).
        assert Event.objects.filter(starts_at__gt=timezone.now()).count() == len(UPCOMING)

    def test_seat_counters_equal_the_confirmed_rows(self, loaded_demo, db):
        for event in Event.objects.filter(title__in=UPCOMING_TITLES):
            confirmed = Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED
            )
            assert event.confirmed_venue == confirmed.filter(attendance="venue").count()
            assert event.confirmed_online == confirmed.filter(attendance="online").count()

    def test_one_event_is_full_with_a_waitlist_in_order(self, loaded_demo, db):
        full = [
            event
            for event in Event.objects.filter(title__in=UPCOMING_TITLES)
            if event.capacity_venue is not None and event.confirmed_venue == event.capacity_venue
        ]
        assert len(full) == 1
        event = full[0]
        waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
        assert waiting.count() == 3
        last_confirmed = max(
            Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED
            ).values_list("confirmed_at", flat=True)
        )
        waited = waiting.values_list("waitlisted_at", flat=True)
        assert all(moment > last_confirmed for moment in waited)
        # The others still have seats.
        others = Event.objects.filter(title__in=UPCOMING_TITLES).exclude(pk=event.pk)
        assert not Registration.objects.filter(
            event__in=others, status=RegistrationStatus.WAITLISTED
        ).exists()

    def test_the_idea_event_is_open_for_pitches_with_teams(self, loaded_demo, db):
        event = Event.objects.get(title__in=UPCOMING_TITLES, kind=EventKind.IDEA)
        assert event.idea_round == IdeaRound.PITCH
        pitches = Pitch.objects.filter(event=event)
        assert pitches.count() >= 2
        for pitch in pitches:
            assert pitch.team_size == TeamMember.objects.filter(pitch=pitch).count() >= 2

    def test_most_open_issues_have_comments_and_empathy(self, loaded_demo, db):
        open_issues = Issue.objects.exclude(stage__in=[Stage.MERGED, Stage.CLOSED])
        total = open_issues.count()
        assert open_issues.filter(comment_count__gt=0).count() >= 0.9 * total
        assert open_issues.filter(empathy_count__gte=3).count() >= 0.8 * total
        assert Comment.objects.filter(parent__isnull=False).count() >= 30  # replies
        assert HelpOffer.objects.count() >= 30
        for issue in Issue.objects.all():  # the services kept the counters
            assert issue.comment_count == Comment.objects.filter(issue=issue).count()
            assert issue.empathy_count == Empathy.objects.filter(issue=issue).count()
            assert issue.follower_count == Follow.objects.filter(issue=issue).count()

    def test_recent_talk_is_dated_in_the_last_weeks(self, loaded_demo, db):
        loaded_at = loaded_demo.started_at
        recent = Comment.objects.filter(issue__title__in=[t.title for t in TALKS])
        moments = list(recent.values_list("created_at", flat=True))
        assert moments and max(moments) < loaded_at
        assert sum(loaded_at - m < timedelta(days=7) for m in moments) >= 10
        # "Gained empathy this week" finds issues.
        week = Empathy.objects.filter(created_at__gte=loaded_at - timedelta(days=7))
        assert week.values("issue").distinct().count() >= 10

    def test_demo_people_have_unread_notifications_dated_like_their_cause(self, loaded_demo, db):
        loaded_at = loaded_demo.started_at
        suzuki = Notification.objects.filter(recipient__email="suzuki@demo.kyoso.invalid")
        unread = suzuki.filter(read_at__isnull=True)
        assert unread.count() >= 3
        assert unread.filter(kind="issues.comment").exists()
        # Old news is read, and nothing is dated after the load.
        assert suzuki.filter(read_at__isnull=False).exists()
        assert not Notification.objects.filter(
            kind__startswith="issues.", created_at__gt=loaded_at
        ).exists()

    def test_every_community_board_has_recent_posts_with_counted_comments(self, loaded_demo, db):
        loaded_at = loaded_demo.started_at
        for community in Community.objects.all():
            posts = BoardPost.objects.filter(community=community)
            assert posts.count() >= 2, community.slug
            week = posts.filter(last_activity_at__gte=loaded_at - timedelta(days=10))
            assert week.exists(), community.slug
        for post in BoardPost.objects.all():
            assert post.comment_count == BoardComment.objects.filter(post=post).count()

    def test_second_load_adds_nothing(self, loaded_demo, db):
        tables = (Event, Registration, Pitch, TeamMember, Comment, Empathy, Follow, HelpOffer)
        tables += (Notification, BoardPost, BoardComment)
        before = {model: list(model.objects.order_by("pk").values()) for model in tables}

        again = demo_load()

        # (The password may be reset: this test's data directory is not the fixture's.)
        for kind in ("upcoming_events", "event_registrations", "pitches", "issue_comments"):
            assert again.created.get(kind, 0) == 0, kind
        for kind in ("empathy", "follows", "help_offers", "board_posts", "board_comments"):
            assert again.created.get(kind, 0) == 0, kind
        for model, rows in before.items():
            assert list(model.objects.order_by("pk").values()) == rows, model.__name__
