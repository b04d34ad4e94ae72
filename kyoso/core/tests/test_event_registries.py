"""The registries through which apps above events add to its follow-up figures: ways of acting
(``kyoso.core.acts``) and what grew out of an event (``kyoso.core.outgrowths``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db.models import DateTimeField, Exists, OuterRef, Value

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core import acts, outgrowths
from kyoso.core.outgrowths import Outgrowth

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


class Unsaved:
    """An event not saved yet: every registered finder answers without a query."""

    pk = None


@pytest.fixture
def own_act():
    """An act of this test: the person's account was created in the window."""

    def joined_the_site(user_id, start, end):
        return get_user_model().objects.filter(
            pk=user_id, date_joined__gte=start, date_joined__lte=end
        )

    acts.register("tests.joined_site", label="サイトに登録する", query=joined_the_site)
    yield
    acts.unregister("tests.joined_site")


def test_the_projects_app_registers_its_two_acts():
    keys = [act.key for act in acts.registered()]
    assert "projects.joined" in keys and "projects.filled_need" in keys
    assert keys == sorted(keys)


@pytest.mark.parametrize("key", ["joined", "Projects.joined", "projects.", "projects.joined-in"])
def test_an_act_key_is_app_dot_name(key):
    with pytest.raises(ValueError, match=r"<app>\.<act>"):
        acts.register(key, label="x", query=acts.registered()[0].query)


def test_registering_again_replaces(own_act):
    before = len(acts.registered())
    acts.register("tests.joined_site", label="もう一度", query=acts.registered()[0].query)
    assert len(acts.registered()) == before
    assert [a.label for a in acts.registered() if a.key == "tests.joined_site"] == ["もう一度"]


@pytest.mark.django_db
def test_exists_clauses_read_the_outer_query_in_one_statement(own_act, django_assert_num_queries):
    inside = UserFactory(date_joined=NOW)
    outside = UserFactory(date_joined=NOW + timedelta(days=2))
    start = Value(NOW - timedelta(days=1), output_field=DateTimeField())
    end = Value(NOW + timedelta(days=1), output_field=DateTimeField())
    clauses = acts.exists_clauses(OuterRef("pk"), start, end)
    assert all(isinstance(clause, Exists) for clause in clauses)
    index = [a.key for a in acts.registered()].index("tests.joined_site")
    with django_assert_num_queries(1):
        acted = dict(
            get_user_model()
            .objects.filter(pk__in=[inside.pk, outside.pk])
            .annotate(acted=clauses[index])
            .values_list("pk", "acted")
        )
    assert acted == {inside.pk: True, outside.pk: False}


def test_outgrowths_come_app_by_app_in_key_order():
    outgrowths.register("zz_tests", lambda event: [Outgrowth("後", None, "b")])
    outgrowths.register("aa_tests", lambda event: [Outgrowth("先", "/a/", "a")])
    try:
        found = [o for o in outgrowths.of(Unsaved()) if o.title in ("先", "後")]
    finally:
        outgrowths.unregister("zz_tests")
        outgrowths.unregister("aa_tests")
    assert found == [("先", "/a/", "a"), ("後", None, "b")]
    assert found[0].url == "/a/"


@pytest.mark.django_db
def test_outgrowths_of_an_unsaved_event_is_empty(django_assert_num_queries):
    # The projects app's finder answers with nothing for an event no project came from.
    with django_assert_num_queries(0):
        assert outgrowths.of(Unsaved()) == []
