"""A fake subject adapter for the screening tests (the real ones arrive with challenges and
the fund). Subjects are kept in a dict; ``decided`` records its calls."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kyoso.screening.subjects import SubjectInfo

KIND = "tests.proposal"


class FakeAdapter:
    def __init__(self) -> None:
        self.subjects: dict[int, SubjectInfo] = {}
        self.decided_calls: list[dict[str, Any]] = []
        self.describe_calls = 0

    def add(self, subject_id: int, title: str, organization_id: int | None, person_ids=()) -> int:
        self.subjects[subject_id] = SubjectInfo(
            title=title,
            organization_id=organization_id,
            person_ids=frozenset(person_ids),
            url=f"/tests/proposals/{subject_id}",
        )
        return subject_id

    def describe(self, subject_ids: Iterable[int]) -> dict[int, SubjectInfo]:
        self.describe_calls += 1
        return {sid: self.subjects[sid] for sid in subject_ids if sid in self.subjects}

    def decided(self, *, subject_id: int, outcome: str, reason: str, actor: Any) -> None:
        self.decided_calls.append(
            {"subject_id": subject_id, "outcome": outcome, "reason": reason, "actor": actor}
        )
