"""The features module: places, vocabulary, text, and explanations that add up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.core.skills import Skill
from kyoso.issues.vocab import Theme
from kyoso.matching import features
from kyoso.matching.features import PersonFeatures, WorkFeatures

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_every_loaded_municipality_has_a_point():
    import csv
    from pathlib import Path

    path = Path(features.__file__).parents[1] / "regions" / "data" / "municipalities.csv"
    with path.open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    assert codes <= set(features.municipality_points())


def test_distance_and_proximity():
    assert 20 < features.distance_km("06204", "06203") < 30  # 酒田–鶴岡
    assert features.proximity("06204", "06204") == 1.0
    assert features.proximity("06204", "04100") == 0.0  # 酒田–仙台, beyond the radius
    assert features.proximity("", "06204") == 0.0


def test_free_text_entries_name_vocabulary_keys():
    assert features.vocabulary_keys(
        ["Webデザイン", "SNS運用"], Skill.choices, features.SKILL_WORDS
    ) == [
        "design",
        "it",
        "pr",
    ]
    assert features.vocabulary_keys(["子育て", "町内会"], Theme.choices, features.THEME_WORDS) == [
        "childcare",
        "community",
    ]


def test_text_terms_are_folded_sudachi_words():
    terms = features.terms_of("空き家を活用したい。空家の活用")
    assert "活用" in terms and terms["活用"][0] == 2


def test_weights_add_up_to_one():
    assert round(sum(features.WEIGHTS.values()), 6) == 1.0


keys = st.lists(st.sampled_from(["it", "design", "data", "pr"]), max_size=4, unique=True)
themes = st.lists(st.sampled_from(["digital", "work", "childcare"]), max_size=3, unique=True)
places = st.sampled_from(["", "06204", "06203", "04100"])


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    keys,
    keys,
    themes,
    themes,
    places,
    places,
    st.one_of(st.none(), st.integers(1, 100)),
    st.one_of(st.none(), st.integers(1, 100)),
    st.sampled_from(["", "remote", "onsite", "mixed"]),
    st.booleans(),
    st.integers(0, 800),
)
def test_reasons_come_from_scoring_features_and_shares_add_up(
    wanted,
    offered,
    work_themes,
    person_themes,
    work_place,
    person_place,
    need_hours,
    person_hours,
    style,
    available,
    days,
):
    work = WorkFeatures(
        kind="need",
        pk=1,
        title="t",
        skill_keys=wanted,
        theme_keys=work_themes,
        municipality_code=work_place,
        hours_per_month=need_hours,
        work_style=style,
    )
    person = PersonFeatures(
        pk=2,
        skill_keys=offered,
        theme_keys=person_themes,
        municipality_code=person_place,
        municipality_name="どこか",
        hours_per_month=person_hours,
        available=available,
        active_at=NOW - timedelta(days=days),
    )
    parts = features.contributions(work, person, now=NOW)
    scored = features.explain(parts)
    # The short list is ordered by the sentence-free sum: the same points.
    unexplained = features.points(work, person, now=NOW, weights=features.WEIGHTS)
    assert abs(unexplained - sum(p.points for p in parts)) < 1e-9
    assert 0 <= scored.score <= 1.0 + 1e-9
    assert sum(share for _f, _t, share in scored.reasons) <= 100 + len(scored.reasons)
    used = {p.feature for p in parts if p.points > 0}
    assert {f for f, _t, _s in scored.reasons} <= used
    if not set(wanted) & set(offered):
        assert "skills" not in used
    if person_place == "":
        assert "place" not in used
