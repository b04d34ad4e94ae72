"""Rules of the matching app."""

import rules

from kyoso.core.rules import is_active_member
from kyoso.projects.rules import is_active_project_member


def register() -> None:
    # A need's ranked people: the project's active members (leads included) only.
    rules.set_perm("matching.view_need_matches", is_active_member & is_active_project_member)
    rules.set_perm("matching.view_suggestions", is_active_member)
    rules.set_perm("matching.give_feedback", is_active_member)
    rules.set_perm("matching.change_preference", is_active_member)
