"""``optimize_search_index`` merges the full-text index's pieces without changing a result."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search import messages
from kyoso.search.services import search

#: FTS5's default for its automerge option (https://sqlite.org/fts5.html#the_automerge_option).
FTS5_DEFAULT_AUTOMERGE = 4
QUERIES = ["里山", "竹林", "子", "里山 -竹林", '"竹林の整備"']


def _results() -> dict[str, list[int]]:
    return {q: [hit.id for hit in search(q, viewer=None, limit=100).items] for q in QUERIES}


def _segments() -> int:
    """The FTS5 index's segments: each has its first leaf page listed in ``search_fts_idx``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(DISTINCT segid) FROM search_fts_idx")
        return cursor.fetchone()[0]


def _optimize(*args: str) -> str:
    out = StringIO()
    call_command("optimize_search_index", *args, stdout=out)
    return out.getvalue()


def _set_automerge(value: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', %s)", [value])


def _grow_in_separate_commits(count: int) -> None:
    """Documents written in separate transactions, as a running site writes them: each
    commit leaves a segment of its own. FTS5's own merging as it writes (automerge) is off
    meanwhile, so that segments left by earlier tests cannot merge these away first."""
    if connection.vendor == "sqlite":
        _set_automerge(0)
    try:
        for n in range(count):
            with transaction.atomic():
                OrganizationFactory(
                    name=f"里山の会{n}",
                    name_kana="",
                    description="竹林の整備と子どもの森遊び。" if n % 2 else "田んぼの学校。",
                )
    finally:
        if connection.vendor == "sqlite":
            _set_automerge(FTS5_DEFAULT_AUTOMERGE)


def _pending_pages() -> int:
    """PostgreSQL: pages of the GIN index's pending list (cleaning it says how many it had)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('search_text_vector'::regclass)")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_index_is_merged_in_steps_and_results_stay_the_same():
    _grow_in_separate_commits(7)
    before = _results()
    assert before["里山"] and before["竹林"] and before["子"]
    if connection.vendor == "sqlite":
        assert _segments() > 1

    output = _optimize("--pages", "1", "--verbosity", "2")

    if connection.vendor == "sqlite":
        assert _segments() == 1
    else:
        assert _pending_pages() == 0  # the command left nothing pending
    assert _results() == before
    *progress, done = output.splitlines()
    steps = len(progress)
    assert steps >= 1
    assert progress == [
        str(messages.OPTIMIZE_PROGRESS % {"steps": f"{n:,}"}) for n in range(1, steps + 1)
    ]
    assert done == str(messages.OPTIMIZE_DONE % {"steps": f"{steps:,}"})


@pytest.mark.django_db(transaction=True)
def test_a_second_run_finds_nothing_to_merge():
    _grow_in_separate_commits(3)
    _optimize()

    output = _optimize()

    steps = "1" if connection.vendor == "postgresql" else "0"
    assert output.splitlines() == [str(messages.OPTIMIZE_DONE % {"steps": steps})]
