"""What the query side reads: one step inside a group, fresh after every write in any process,
and no database query on a search while nothing changed."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from kyoso.core.testing import assert_num_queries
from kyoso.search import synonyms_local
from kyoso.search.models import LocalSynonymGroup, LocalSynonymWord
from kyoso.search.synonyms_local import (
    GENERATION_KEY,
    MAX_AGE_SECONDS,
    local_synonym_phrases,
    local_synonym_words,
    local_synonyms,
)
from kyoso.search.synonyms_services import (
    local_synonym_group_create,
    local_synonym_group_delete,
    local_synonym_group_update,
)

pytestmark = pytest.mark.django_db

SANROKU = "酒田市産業振興まちづくりせんた"


@pytest.fixture(autouse=True)
def new_process():
    """Each test starts as a process that has loaded nothing (the cache is cleared by the
    project's conftest)."""
    synonyms_local.forget()
    yield
    synonyms_local.forget()


@pytest.fixture
def clock(monkeypatch):
    """The safety net's clock, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr(synonyms_local, "_now", lambda: now[0])
    return now


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service's after-commit work (the generation bump) as a real commit would."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def _add_without_services(*words_and_folded: tuple[str, str]) -> LocalSynonymGroup:
    """A group written behind the services' back (a restored backup, a shell session)."""
    group = LocalSynonymGroup.objects.create()
    LocalSynonymWord.objects.bulk_create(
        LocalSynonymWord(group=group, position=i, word=w, folded=f)
        for i, (w, f) in enumerate(words_and_folded)
    )
    return group


def test_nothing_registered():
    assert dict(local_synonyms()) == {}
    assert local_synonym_words("さんろく") == frozenset()
    assert local_synonym_phrases("さんろく") == frozenset()


def test_each_word_maps_to_the_others_of_its_group(sato, committed):
    committed(
        local_synonym_group_create,
        actor=sato,
        words=["サンロク", "酒田市 産業振興まちづくりセンター", "産業センター"],
    )
    assert dict(local_synonyms()) == {
        "さんろく": frozenset({SANROKU, "産業せんた"}),
        SANROKU: frozenset({"さんろく", "産業せんた"}),
        "産業せんた": frozenset({"さんろく", SANROKU}),
    }
    assert local_synonym_words("さんろく") == frozenset({SANROKU, "産業せんた"})
    # As written, for analysing them into index terms (katakana kept).
    assert local_synonym_phrases("さんろく") == frozenset(
        {"酒田市 産業振興まちづくりセンター", "産業センター"}
    )


def test_expansion_is_one_step_and_never_crosses_groups(sato, committed):
    """A shares a group with B, B one with C: A reaches B only. A word in two groups reaches
    both groups' other words, and nothing loops back (A→B→A cannot be followed)."""
    committed(local_synonym_group_create, actor=sato, words=["甲", "乙"])
    committed(local_synonym_group_create, actor=sato, words=["乙", "丙"])
    assert local_synonym_words("甲") == frozenset({"乙"})
    assert local_synonym_words("乙") == frozenset({"甲", "丙"})
    assert local_synonym_words("丙") == frozenset({"乙"})
    assert all(word not in others for word, others in local_synonyms().items())


def test_a_search_costs_no_query_while_nothing_changed(sato, committed, clock):
    committed(local_synonym_group_create, actor=sato, words=["サンロク", "産業センター"])
    # 1 the words of every group (the first look-up of this process)
    with assert_num_queries(1):
        assert local_synonym_words("さんろく") == frozenset({"産業せんた"})
    clock[0] += MAX_AGE_SECONDS - 1
    with assert_num_queries(0):
        for _ in range(5):
            assert local_synonym_words("さんろく") == frozenset({"産業せんた"})
            assert "産業せんた" in local_synonyms()


def test_a_write_is_seen_by_the_next_look_up_without_a_restart(sato, committed, clock):
    group = committed(local_synonym_group_create, actor=sato, words=["サンロク", "産業センター"])
    assert local_synonym_words("さんろく") == frozenset({"産業せんた"})

    committed(
        local_synonym_group_update,
        actor=sato,
        group=group,
        words=["サンロク", "産業センター", "さんセン"],
    )
    assert local_synonym_words("さんろく") == frozenset({"産業せんた", "さんせん"})

    committed(local_synonym_group_delete, actor=sato, group=group)
    assert local_synonym_words("さんろく") == frozenset()


def test_another_process_sees_the_write_through_the_shared_cache(sato, committed, clock):
    """Process A has loaded; process B writes (a new generation in the shared cache); A's next
    look-up loads again. Simulated in one interpreter: what A holds is kept aside while B
    works, as two gunicorn workers would hold their own."""
    committed(local_synonym_group_create, actor=sato, words=["サンロク", "産業センター"])
    assert local_synonym_words("さんろく") == frozenset({"産業せんた"})
    held_by_a = synonyms_local._loaded

    synonyms_local.forget()  # process B
    committed(local_synonym_group_create, actor=sato, words=["サンロク", "山麓"])

    synonyms_local._loaded = held_by_a  # back in process A, well within a minute
    # 1 the words of every group (the generation changed)
    with assert_num_queries(1):
        assert local_synonym_words("さんろく") == frozenset({"産業せんた", "山麓"})


def test_a_rolled_back_write_changes_nothing(sato, clock):
    local_synonyms()
    generation = cache.get(GENERATION_KEY)
    # No on-commit capture: the test's transaction never commits, as after a rollback.
    local_synonym_group_create(actor=sato, words=["サンロク", "産業センター"])
    assert cache.get(GENERATION_KEY) == generation


def test_a_cleared_cache_makes_every_process_load_again(sato, committed, clock):
    assert local_synonym_words("さんろく") == frozenset()
    _add_without_services(("サンロク", "さんろく"), ("山麓", "山麓"))
    cache.clear()
    # 1 the words of every group (no generation: the process cannot trust what it holds)
    with assert_num_queries(1):
        assert local_synonym_words("さんろく") == frozenset({"山麓"})
    # The process that found the cache empty started a new generation; the others follow it.
    assert cache.get(GENERATION_KEY) == synonyms_local._loaded.generation
    with assert_num_queries(0):
        local_synonyms()


def test_a_change_behind_the_services_back_is_seen_within_a_minute(sato, clock):
    assert local_synonym_words("さんろく") == frozenset()
    _add_without_services(("サンロク", "さんろく"), ("山麓", "山麓"))
    clock[0] += MAX_AGE_SECONDS - 1
    assert local_synonym_words("さんろく") == frozenset()
    clock[0] += 1
    # 1 the words of every group (what the process held is a minute old)
    with assert_num_queries(1):
        assert local_synonym_words("さんろく") == frozenset({"山麓"})


def test_a_cache_that_keeps_nothing_still_spares_the_database(sato, clock, monkeypatch):
    """With a cache that stores nothing (unreachable, or a dummy), the process loads once a
    minute instead of at every search."""
    monkeypatch.setattr(cache, "get", lambda key, default=None: default)
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    _add_without_services(("サンロク", "さんろく"), ("山麓", "山麓"))
    # 1 the words of every group
    with assert_num_queries(1):
        assert local_synonym_words("さんろく") == frozenset({"山麓"})
    with assert_num_queries(0):
        assert local_synonym_words("さんろく") == frozenset({"山麓"})
    clock[0] += MAX_AGE_SECONDS
    with assert_num_queries(1):
        local_synonyms()
