"""Rules of the matching app."""

import rules

from kyoso.core.rules import is_active_member
from kyoso.issues.rules import is_poster
from kyoso.missions.rules import is_host, is_mission
from kyoso.projects.rules import is_active_project_member

#: The rule that says who sees the people for each kind of work (by model label).
WORK_RULES = {
    "projects.need": "matching.view_need_matches",
    "missions.mission": "matching.view_mission_matches",
    "issues.issue": "matching.view_issue_matches",
}


@rules.predicate
def may_see_work_matches(user, obj) -> bool:
    name = WORK_RULES.get(getattr(getattr(obj, "_meta", None), "label_lower", ""))
    return name is not None and rules.has_perm(name, user, obj)


def register() -> None:
    # A need's ranked people: the project's active members (leads included) only.
    rules.set_perm("matching.view_need_matches", is_active_member & is_active_project_member)
    # People for a mission: its host only; for an issue: the person who posted it only.
    rules.set_perm("matching.view_mission_matches", is_active_member & is_mission & is_host)
    rules.set_perm("matching.view_issue_matches", is_active_member & is_poster)
    # The API's /matches: the rule of the work's kind.
    rules.set_perm("matching.view_work_matches", may_see_work_matches)
    rules.set_perm("matching.view_suggestions", is_active_member)
    rules.set_perm("matching.give_feedback", is_active_member)
    rules.set_perm("matching.change_preference", is_active_member)
