"""A reviewer's scores, comments, conflicts and decisions are in their data download; erasure
empties what they wrote and keeps the round's record."""

from __future__ import annotations

import pytest

from kyoso.core.personal_data import export_sections
from kyoso.screening import services
from kyoso.screening.models import ConflictDeclaration, Decision, Score
from kyoso.screening.personal_data import erase
from kyoso.screening.tests.conftest import fresh, values_for

pytestmark = pytest.mark.django_db


def test_export_and_erase(round, item_a, item_b, decider):
    services.scores_submit(
        actor=decider, item=fresh(item_a), values=values_for(round, 4, 3, 2, comment="私見")
    )
    services.conflict_declare(actor=decider, item=fresh(item_b), reason="知人が代表")
    services.decision_record(actor=decider, item=fresh(item_a), outcome="selected", reason="良い")
    data = export_sections(decider)["screening"]
    assert [s["value"] for s in data["scores"]] == [4, 3, 2]
    assert data["scores"][0]["comment"] == "私見"
    assert data["conflicts"][0]["reason"] == "知人が代表"
    assert data["decisions"][0]["outcome"] == "selected"
    assert data["reviewer_of"] == [{"round": round.pk, "title": round.title, "may_decide": True}]

    erase(decider)
    assert set(Score.objects.values_list("comment", flat=True)) == {""}
    assert sorted(Score.objects.values_list("value", flat=True)) == [2, 3, 4]
    assert ConflictDeclaration.objects.get().reason == "—"
    assert Decision.objects.get().decided_by is None
