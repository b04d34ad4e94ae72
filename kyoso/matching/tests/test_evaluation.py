"""The full ranker stays at or above the text-only baseline and the committed figures."""

from __future__ import annotations

import json

from kyoso.matching.evaluation.evaluate import FIGURES, PATH, run


def test_the_labelled_set_has_enough_judged_pairs_with_reasons():
    data = json.loads(PATH.read_text(encoding="utf-8"))
    assert len(data["judgments"]) >= 100
    assert all(j["why"] for j in data["judgments"])
    people = {p["user_id"] for p in data["demo_people"] + data["generated_people"]}
    assert {j["person"] for j in data["judgments"]} <= people


def test_full_ranker_beats_the_baseline_and_the_committed_figures():
    committed = json.loads(FIGURES.read_text(encoding="utf-8"))
    figures = run()
    full, text = figures["full"], figures["text_only"]
    assert full.ndcg >= text.ndcg and full.recall >= text.recall
    assert full.ndcg >= committed["full"]["ndcg"]
    assert full.recall >= committed["full"]["recall"]
