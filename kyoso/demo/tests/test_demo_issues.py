"""The demo's Social Lab issues: drawn from the seeds, created through the issues services
(so counters, history and the search index are right), across every stage, and loaded once."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from kyoso.demo import data
from kyoso.demo.data.conversations import TALKS, Talk
from kyoso.demo.data.issues import CENTRES, ISSUES
from kyoso.demo.services import demo_load
from kyoso.issues.models import (
    Comment,
    Empathy,
    Follow,
    HelpOffer,
    Issue,
    IssueTag,
    Stage,
    StageChange,
)
from kyoso.issues.vocab import SDGS, TargetGroup, Theme, Wall
from kyoso.notifications.models import Notification
from kyoso.search.services import search
from kyoso.search.text import analyze

BY_TITLE = {entry.title: entry for entry in ISSUES}
TALKS_BY_TITLE = {talk.title: talk for talk in TALKS}
PEOPLE = {person["key"] for person in data.PEOPLE}
MEMBERS = {(slug, key) for slug, key, _role in data.MEMBERSHIPS}


def emails(rows) -> set[str]:
    return set(rows.values_list("user__email", flat=True))


def longest_noun(title: str) -> str:
    """The longest noun of the title (as SudachiPy cuts it): what a person would type."""
    return max((u.surface for u in analyze(title) if u.pos[0] == "名詞"), key=len)


# --- The data as written -----------------------------------------------------------------------


def test_about_sixty_issues_with_unique_titles_that_fit():
    assert 55 <= len(ISSUES) <= 70
    assert len(BY_TITLE) == len(ISSUES)
    assert all(0 < len(entry.title) <= 120 and entry.body.strip() for entry in ISSUES)


def test_every_stage_is_reached_by_some_issue():
    reached = Counter(entry.final_stage for entry in ISSUES)
    assert set(reached) == set(Stage.values)
    assert reached[Stage.SEED] >= 10 and reached[Stage.IN_ACTION] >= 10


def test_references_and_vocabularies_exist():
    themes, targets, walls = set(Theme.values), set(TargetGroup.values), set(Wall.values)
    sdgs = {code for code, _label in SDGS}
    for entry in ISSUES:
        people = {entry.author, *entry.empathy, *entry.follows}
        people |= {offer.user for offer in entry.offers} | {move.actor for move in entry.moves}
        for comment in entry.comments:
            people |= {comment.author, *(author for author, _body in comment.replies)}
        assert people <= PEOPLE, entry.title
        assert entry.themes and set(entry.themes) <= themes, entry.title
        assert set(entry.sdgs) <= sdgs and set(entry.targets) <= targets, entry.title
        assert set(entry.walls) <= walls, entry.title
        if entry.organization:
            assert (entry.organization, entry.author) in MEMBERS, entry.title
        assert all(offer.user != entry.author for offer in entry.offers), entry.title
        if entry.merged_into:
            assert entry.merged_into in BY_TITLE and not entry.moves, entry.title


def test_stage_moves_climb_the_ladder_one_step_at_a_time():
    ladder = [Stage.SEED, Stage.SURFACED, Stage.IN_ACTION, Stage.SOLVED, Stage.SPREAD]
    for entry in ISSUES:
        stage = Stage.SEED
        for move in entry.moves:
            assert move.reason.strip(), entry.title
            if move.to == Stage.CLOSED:
                assert move is entry.moves[-1], entry.title
            else:
                assert ladder.index(move.to) == ladder.index(stage) + 1, entry.title
            stage = move.to


def test_issues_are_in_miyagi_or_yamagata_and_points_near_their_municipality():
    assert sum(entry.point is not None for entry in ISSUES) >= 15
    for entry in ISSUES:
        assert entry.municipality is None or entry.municipality[:2] in {"04", "06"}
        if entry.point is not None:
            latitude, longitude = entry.point
            centre_lat, centre_lon = CENTRES[entry.municipality]
            # within about 5 km of the town or city hall
            assert abs(latitude - centre_lat) < 0.05 and abs(longitude - centre_lon) < 0.06


# --- The data as loaded ------------------------------------------------------------------------


class TestLoadedDemo:
    """Loaded once for the class (``loaded``); tests outside the class start from an empty
    database, whatever order they run in."""

    def test_every_issue_is_loaded_with_its_poster_and_settings(self, loaded_demo, db):
        assert loaded_demo.result.created["issues"] == len(ISSUES) == Issue.objects.count()
        for issue in Issue.objects.select_related("author", "organization"):
            entry = BY_TITLE[issue.title]
            assert issue.author.email == f"{entry.author}@demo.kyoso.invalid"
            assert (issue.organization.slug if issue.organization else None) == entry.organization
            assert issue.name_hidden is entry.name_hidden
            assert issue.municipality_id == entry.municipality
            point = (
                (Decimal(str(entry.point[0])), Decimal(str(entry.point[1])))
                if entry.point
                else (None, None)
            )
            assert (issue.latitude, issue.longitude) == point
            assert not issue.is_hidden and not issue.awaiting_review

    def test_tags_are_the_issues_themes_sdgs_targets_and_walls(self, loaded_demo, db):
        tags: dict[str, set] = {}
        for title, kind, value in IssueTag.objects.values_list("issue__title", "kind", "value"):
            tags.setdefault(title, set()).add((kind, value))
        for entry in ISSUES:
            expected = {("theme", v) for v in entry.themes} | {("sdg", v) for v in entry.sdgs}
            expected |= {("target", v) for v in entry.targets} | {("wall", v) for v in entry.walls}
            assert tags.get(entry.title, set()) == expected, entry.title

    def test_stage_and_history_with_reasons(self, loaded_demo, db):
        stages = Counter(Issue.objects.values_list("stage", flat=True))
        assert set(stages) == set(Stage.values)
        for issue in Issue.objects.prefetch_related("stage_changes"):
            entry = BY_TITLE[issue.title]
            assert issue.stage == entry.final_stage, issue.title
            history = [(c.to_stage, c.reason) for c in issue.stage_changes.all()]
            expected = [(move.to, move.reason) for move in entry.moves]
            if entry.merged_into:
                assert issue.merged_into.title == entry.merged_into
                assert [to for to, _reason in history] == [Stage.MERGED]
            else:
                assert history == expected, issue.title

    def test_timeline_is_backdated_and_in_order(self, loaded_demo, db):
        now = timezone.now()
        for issue in Issue.objects.prefetch_related("stage_changes", "comments"):
            entry = BY_TITLE[issue.title]
            assert now - issue.created_at >= timedelta(days=entry.days_ago), issue.title
            moments = [change.at for change in issue.stage_changes.all()]
            assert moments == sorted(moments), issue.title
            assert all(issue.created_at < moment < now for moment in moments), issue.title
            comments = [c.created_at for c in issue.comments.all()]
            assert all(issue.created_at < moment < now for moment in comments), issue.title
            assert issue.created_at <= issue.last_activity_at < now - timedelta(hours=12)

    def test_counters_match_the_rows(self, loaded_demo, db):
        for issue in Issue.objects.all():
            assert issue.empathy_count == Empathy.objects.filter(issue=issue).count(), issue.title
            assert issue.comment_count == Comment.objects.filter(issue=issue).count(), issue.title
            assert issue.follower_count == Follow.objects.filter(issue=issue).count(), issue.title

    def test_empathy_offers_comments_and_follows_are_there(self, loaded_demo, db):
        merged = {e.title for e in ISSUES if e.merged_into}
        for entry in ISSUES:
            if entry.title in merged:
                continue  # its empathy and followers were carried over to the target
            issue = Issue.objects.get(title=entry.title)
            empathizers = emails(Empathy.objects.filter(issue=issue))
            assert {f"{key}@demo.kyoso.invalid" for key in entry.empathy} <= empathizers
            followers = emails(Follow.objects.filter(issue=issue))
            expected = {f"{key}@demo.kyoso.invalid" for key in (entry.author, *entry.follows)}
            assert expected <= followers
            # The history of issues/*.py, then the recent talk of conversations.py.
            talk = TALKS_BY_TITLE.get(entry.title, Talk(title=entry.title, days_ago=1))
            offers, comments = (*entry.offers, *talk.offers), (*entry.comments, *talk.comments)
            assert HelpOffer.objects.filter(issue=issue).count() == len(offers)
            replies = sum(len(c.replies) for c in comments)
            assert Comment.objects.filter(issue=issue, parent=None).count() == len(comments)
            assert Comment.objects.filter(issue=issue, parent__isnull=False).count() == replies
        assert Empathy.objects.values("user").distinct().count() >= 10

    def test_every_issue_is_found_by_a_word_of_its_title(self, loaded_demo, db):
        # A merged duplicate leaves the index on purpose: its page points to the target.
        for issue in Issue.objects.exclude(stage=Stage.MERGED):
            word = longest_noun(issue.title)
            page = search(word, viewer=AnonymousUser(), types=["issues"], limit=100)
            assert issue.pk in {hit.id for hit in page.items}, (word, issue.title)

    def test_a_word_inside_a_compound_and_a_two_character_word_find_demo_issues(
        self, loaded_demo, db
    ):
        hits = search("用品", viewer=AnonymousUser(), types=["issues"]).items
        titles = {hit.title for hit in hits}
        assert any("生理用品" in title for title in titles)
        assert search("空き家", viewer=AnonymousUser(), types=["issues"]).count >= 3

    def test_second_load_creates_and_changes_nothing(self, loaded_demo, db):
        tables = (Issue, IssueTag, StageChange, Empathy, Follow, HelpOffer, Comment, Notification)
        before = {model: list(model.objects.order_by("pk").values()) for model in tables}

        with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
            again = demo_load()

        assert again.created.get("issues", 0) == 0
        assert again.totals["issues"] == len(ISSUES)
        assert callbacks == []  # nothing to reindex, nobody to notify
        for model, rows in before.items():
            assert list(model.objects.order_by("pk").values()) == rows, model.__name__


@pytest.mark.django_db(transaction=True)
def test_loading_mails_nobody_but_keeps_in_site_notifications():
    assert not Issue.objects.exists()

    demo_load()

    assert mail.outbox == []
    assert Notification.objects.filter(recipient__email="sato@demo.kyoso.invalid").exists()


def test_first_posts_held_for_review_are_approved_by_the_secretariat(db, settings):
    settings.KYOSO_REVIEW_FIRST_POST = True
    assert not Issue.objects.exists()

    demo_load()

    assert Issue.objects.count() == len(ISSUES)
    assert not Issue.objects.filter(awaiting_review=True).exists()
