"""The summary's maths: the weighted total stays on the 1–5 scale, does not depend on the
order reviewers submitted in, equals the definition through criterion means, and the flag
follows the spread threshold."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.screening.selectors import FLAG_SPREAD, is_flagged, weighted_totals

weights_st = st.lists(st.integers(1, 100), min_size=1, max_size=5)


def rounds():
    """(weights, scores): a row of 1–5 scores per reviewer, one per criterion."""
    return weights_st.flatmap(
        lambda weights: st.tuples(
            st.just(weights),
            st.lists(
                st.lists(st.integers(1, 5), min_size=len(weights), max_size=len(weights)),
                min_size=1,
                max_size=6,
            ),
        )
    )


def sums_of(weights, scores):
    return [sum(w * s for w, s in zip(weights, row, strict=True)) for row in scores]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_the_weighted_total_is_on_the_scale(data):
    weights, scores = data
    total, spread = weighted_totals(sums_of(weights, scores), sum(weights))
    assert 1 <= total <= 5
    assert 0 <= spread <= 4


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds(), st.randoms())
def test_the_order_of_reviewers_does_not_matter(data, random):
    weights, scores = data
    shuffled = list(scores)
    random.shuffle(shuffled)
    assert weighted_totals(sums_of(weights, scores), sum(weights)) == weighted_totals(
        sums_of(weights, shuffled), sum(weights)
    )


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_the_total_is_the_weighted_mean_of_criterion_means(data):
    weights, scores = data
    n = len(scores)
    means = [Fraction(sum(row[i] for row in scores), n) for i in range(len(weights))]
    expected = sum(w * m for w, m in zip(weights, means, strict=True)) / sum(weights)
    total, _spread = weighted_totals(sums_of(weights, scores), sum(weights))
    assert total == float(expected)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_the_spread_is_the_range_of_reviewer_totals(data):
    weights, scores = data
    per_reviewer = [Fraction(s, sum(weights)) for s in sums_of(weights, scores)]
    exact = max(per_reviewer) - min(per_reviewer)
    _total, spread = weighted_totals(sums_of(weights, scores), sum(weights))
    assert spread == float(exact)
    flagged = is_flagged(sums_of(weights, scores), sum(weights))
    assert flagged is (len(scores) >= 2 and exact >= FLAG_SPREAD)


def test_nothing_submitted_has_no_total_and_one_reviewer_is_never_flagged():
    assert weighted_totals([], 6) == (None, None)
    # One criterion of weight 2: reviewer totals are the sums / 2.
    assert is_flagged([10], 2) is False
    assert is_flagged([10, 7], 2) is True  # 5.0 and 3.5: 1.5 apart
    assert is_flagged([10, 8], 2) is False  # 5.0 and 4.0
