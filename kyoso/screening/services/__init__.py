"""Write operations of the screening app (one module per area), re-exported here.

- :mod:`.common`: the refusal type and the rule check every write shares
- :mod:`.rounds`: rounds, criteria, reviewers, and the items the owning app adds and withdraws
- :mod:`.scoring`: conflicts of interest, scores, decisions
"""

from kyoso.screening.services.common import CriterionSpec, ScreeningError
from kyoso.screening.services.rounds import (
    item_add,
    item_withdraw,
    reviewer_add,
    reviewer_remove,
    round_create,
    round_criteria_replace,
)
from kyoso.screening.services.scoring import (
    conflict_declare,
    decision_record,
    scores_export_record,
    scores_submit,
)

__all__ = [
    "CriterionSpec",
    "ScreeningError",
    "conflict_declare",
    "decision_record",
    "item_add",
    "item_withdraw",
    "reviewer_add",
    "reviewer_remove",
    "round_create",
    "round_criteria_replace",
    "scores_export_record",
    "scores_submit",
]
