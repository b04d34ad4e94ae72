"""Test support: keep the region rows the data migration loaded in the test database.

``0002_load_regions`` fills the prefectures and municipalities once, when the test database is
migrated. A transactional test (``transaction=True``, ``live_server``) empties every table
when it finishes, so in a pytest-xdist worker every later test would find none. Call
:func:`restore_regions` with database access unblocked and no transaction open: it puts the rows
back committed, as the migration left them, so they outlive the rollback of the test (or of a
class that shares one demo load) that asked for them, and the next flush is repaired once.
"""

from __future__ import annotations

from kyoso.regions.loader import load_regions
from kyoso.regions.models import Municipality, Prefecture


def restore_regions() -> bool:
    """Load the shipped regions when a flush removed them; True when it had to."""
    if Municipality.objects.exists():
        return False
    load_regions(Prefecture, Municipality)
    return True
