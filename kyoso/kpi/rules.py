"""Rules of the KPI app (``kpi.<verb>_<model>``), registered by register().

- the dashboard, indicators, targets, actuals, the refresh, surveys and their results: the
  secretariat (事務局) only;
- the public page and API of public indicators: everyone (declared ``@public``);
- answer a survey: an active member to whom the survey was sent (its community's active
  members, or everyone when it has no community); the service refuses closed surveys and a
  second answer with a clear message.
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_secretariat_member
from kyoso.core.rules import is_active_member
from kyoso.kpi.models import Survey


@rules.predicate
def survey_sent_to(user: Any, survey: Any) -> bool:
    if not isinstance(survey, Survey) or survey.status == Survey.Status.DRAFT:
        return False
    from kyoso.kpi.services import may_answer

    return may_answer(survey, user)


def register() -> None:
    rules.set_perm("kpi.view_dashboard", is_secretariat_member)
    rules.set_perm("kpi.manage_indicator", is_secretariat_member)
    rules.set_perm("kpi.manage_survey", is_secretariat_member)
    rules.set_perm("kpi.view_results", is_secretariat_member)
    rules.set_perm("kpi.answer_survey", is_active_member & survey_sent_to)
