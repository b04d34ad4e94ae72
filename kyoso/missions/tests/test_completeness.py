"""The completeness check: a pure function of the fields, one test per missing item."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from kyoso.missions import completeness, messages

SKILLS = ["marketing"]


def complete(**changes):
    fields = {
        "tasks": "聞き取り",
        "deliverables": "報告書",
        "starts_on": date(2030, 4, 1),
        "ends_on": date(2030, 6, 30),
        "hours_per_week": 5,
        "reward_kind": "paid",
        "reward_yen": 30000,
        "host_id": 1,
        "contact": "",
        "deadline": date(2030, 3, 1),
    }
    fields.update(changes)
    return SimpleNamespace(**fields)


def test_a_complete_mission_scores_100():
    result = completeness.score(complete(), SKILLS)
    assert (result.score, result.missing, result.publishable) == (100, (), True)


def test_weights_add_up_to_100():
    assert sum(points for _key, points, _msg in completeness.ITEMS) == 100


@pytest.mark.parametrize(
    ("changes", "skills", "key", "message", "score"),
    [
        ({"tasks": "  "}, SKILLS, "tasks", messages.MISSING_TASKS, 75),
        ({"starts_on": None}, SKILLS, "period", messages.MISSING_PERIOD, 75),
        ({"ends_on": None}, SKILLS, "period", messages.MISSING_PERIOD, 75),
        ({"hours_per_week": None}, SKILLS, "hours", messages.MISSING_HOURS, 90),
        ({"deliverables": ""}, SKILLS, "deliverables", messages.MISSING_DELIVERABLES, 90),
        ({"reward_kind": ""}, SKILLS, "reward", messages.MISSING_REWARD, 90),
        ({"reward_yen": None}, SKILLS, "reward", messages.MISSING_REWARD, 90),
        ({"host_id": None}, SKILLS, "contact", messages.MISSING_CONTACT, 90),
        ({}, [], "skills", messages.MISSING_SKILLS, 95),
        ({"deadline": None}, SKILLS, "deadline", messages.MISSING_DEADLINE, 95),
    ],
)
def test_each_missing_item_is_listed_with_its_message(changes, skills, key, message, score):
    result = completeness.score(complete(**changes), skills)
    assert [(m.key, m.message) for m in result.missing] == [(key, message)]
    assert result.score == score


def test_a_contact_text_is_a_contact_and_unpaid_or_costs_is_a_clear_reward():
    for reward in ("unpaid", "costs"):
        result = completeness.score(
            complete(host_id=None, contact="info@example.jp", reward_kind=reward, reward_yen=None),
            SKILLS,
        )
        assert result.score == 100


def test_without_tasks_or_period_it_is_never_publishable():
    assert not completeness.score(complete(tasks=""), SKILLS).publishable
    assert not completeness.score(complete(starts_on=None), SKILLS).publishable


def test_the_threshold_allows_one_ten_point_gap_not_two():
    assert completeness.PUBLISH_THRESHOLD == 85
    assert completeness.score(complete(hours_per_week=None), SKILLS).publishable
    assert completeness.score(complete(deadline=None), []).publishable
    assert not completeness.score(
        complete(hours_per_week=None, deliverables=""), SKILLS
    ).publishable


def test_an_empty_draft_lists_everything_in_order():
    empty = SimpleNamespace(
        tasks="",
        deliverables="",
        starts_on=None,
        ends_on=None,
        hours_per_week=None,
        reward_kind="",
        reward_yen=None,
        host_id=None,
        contact="",
        deadline=None,
    )
    result = completeness.score(empty, [])
    assert result.score == 0
    assert [m.key for m in result.missing] == [key for key, _p, _m in completeness.ITEMS]
