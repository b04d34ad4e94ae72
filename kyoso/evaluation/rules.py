"""Rules of the evaluation app (``evaluation.<verb>_report``), registered by register().

Who may do what (``tests/test_permissions.py`` enumerates role × action × state):

- see the list of reports: everyone (it lists the published years; the secretariat also sees
  the drafts);
- see a year's report (page, PDF, tables as CSV and Excel): everyone once it is published; the
  secretariat only while it is a draft (a year nobody has touched is a draft);
- write the highlights, publish, withdraw: the secretariat (事務局) only.
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_secretariat_member


@rules.predicate
def is_published(user: Any, year: Any) -> bool:
    return bool(year is not None and getattr(year, "is_published", False))


def register() -> None:
    rules.set_perm("evaluation.view_report", is_published | is_secretariat_member)
    rules.set_perm("evaluation.edit_report", is_secretariat_member)
