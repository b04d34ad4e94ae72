"""How complete a mission is, from a candidate's side: a score (0–100) and what they would miss.

A pure function of the mission's fields and its skills (no database): the host sees the score
and the list on the draft and on the edit page; candidates never see the score.

Weights (they add up to 100) and the threshold to publish, :data:`PUBLISH_THRESHOLD` = 85:

- tasks 25, period 25 — without either a candidate cannot tell what or when (75: refused);
- hours per week 10, deliverables 10, reward 10, contact 10;
- skills 5, application deadline 5.

So a mission is published with at most one of the 10-point items, or the two 5-point items,
missing — never without its tasks or its period, never with two of the 10-point items gone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kyoso.missions import messages
from kyoso.missions.models import RewardKind

PUBLISH_THRESHOLD = 85

TASKS = "tasks"
PERIOD = "period"
HOURS = "hours"
DELIVERABLES = "deliverables"
REWARD = "reward"
CONTACT = "contact"
SKILLS = "skills"
DEADLINE = "deadline"

#: (key, points, message) in the order the host reads them.
ITEMS: tuple[tuple[str, int, Any], ...] = (
    (TASKS, 25, messages.MISSING_TASKS),
    (PERIOD, 25, messages.MISSING_PERIOD),
    (HOURS, 10, messages.MISSING_HOURS),
    (DELIVERABLES, 10, messages.MISSING_DELIVERABLES),
    (REWARD, 10, messages.MISSING_REWARD),
    (CONTACT, 10, messages.MISSING_CONTACT),
    (SKILLS, 5, messages.MISSING_SKILLS),
    (DEADLINE, 5, messages.MISSING_DEADLINE),
)


@dataclass(frozen=True)
class Missing:
    key: str
    points: int
    message: Any


@dataclass(frozen=True)
class Completeness:
    score: int
    missing: tuple[Missing, ...]

    @property
    def publishable(self) -> bool:
        return self.score >= PUBLISH_THRESHOLD

    @property
    def threshold(self) -> int:
        return PUBLISH_THRESHOLD

    def missing_text(self) -> str:
        return " / ".join(str(m.message) for m in self.missing)


def _present(mission: Any, skills: list[str]) -> dict[str, bool]:
    reward_kind = mission.reward_kind or ""
    reward_clear = reward_kind in (RewardKind.COSTS, RewardKind.UNPAID) or (
        reward_kind == RewardKind.PAID and (mission.reward_yen or 0) > 0
    )
    return {
        TASKS: bool((mission.tasks or "").strip()),
        PERIOD: mission.starts_on is not None and mission.ends_on is not None,
        HOURS: bool(mission.hours_per_week),
        DELIVERABLES: bool((mission.deliverables or "").strip()),
        REWARD: reward_clear,
        CONTACT: mission.host_id is not None or bool((mission.contact or "").strip()),
        SKILLS: bool(skills),
        DEADLINE: mission.deadline is not None,
    }


def score(mission: Any, skills: Iterable[str]) -> Completeness:
    """Score ``mission`` (a Mission or anything with its fields) with its skill keys."""
    present = _present(mission, list(skills))
    missing = tuple(Missing(key, points, msg) for key, points, msg in ITEMS if not present[key])
    return Completeness(score=100 - sum(m.points for m in missing), missing=missing)
