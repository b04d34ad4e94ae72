"""`make bench` reports a page that fell behind the committed figures by more than 20 %
(benchmarks/floor.py ``regressions``; issue 20). Ratios to the floor of the same run are
compared, not raw speeds, so a busier machine alone is not a regression."""

from __future__ import annotations

from typing import Any

from benchmarks.floor import regressions


def _run(floor_rps: float, floor_p95: float, **pages: tuple[float, float]) -> dict[str, Any]:
    rows: dict[str, Any] = {"floor": {"rps": floor_rps, "p95_ms": floor_p95, "ratio": 1.0}}
    for name, (rps, p95) in pages.items():
        rows[name] = {"rps": rps, "p95_ms": p95, "ratio": rps / floor_rps}
    return {"database": "sqlite", "date": "2026-12-06", "sizes": {"1000": {"pages": rows}}}


def test_a_page_that_fell_behind_the_floor_by_more_than_a_fifth_is_reported():
    before = _run(2000, 10, issue_list=(900, 20))
    after = _run(2000, 10, issue_list=(600, 20))
    (warning,) = regressions(before, after)
    assert "sqlite 1,000 issues, issue_list" in warning
    assert "30.0% of the floor, was 45.0%" in warning


def test_a_p95_grown_past_a_fifth_relative_to_the_floor_is_reported():
    before = _run(2000, 10, comments=(250, 70))
    after = _run(2000, 10, comments=(250, 90))
    (warning,) = regressions(before, after)
    assert "p95 90 ms" in warning and "was 70 ms" in warning


def test_a_slower_machine_that_slows_every_page_alike_is_not_a_regression():
    before = _run(2000, 10, issue_list=(900, 20), comments=(250, 70))
    after = _run(1000, 20, issue_list=(450, 40), comments=(125, 140))
    assert regressions(before, after) == []


def test_changes_within_a_fifth_and_new_pages_or_sizes_are_not_reported():
    before = _run(2000, 10, issue_list=(900, 20))
    after = _run(2000, 10, issue_list=(760, 23), search=(100, 200))
    after["sizes"]["1000000"] = after["sizes"]["1000"]
    assert regressions(before, after) == []
    assert regressions(None, after) == []
