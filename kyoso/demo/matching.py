"""The demo people's matching rows, built once everything they did is loaded, so the
dashboard's "for you" block and a need's "people who fit" show suggestions at once."""

from __future__ import annotations

from typing import Any


def load_matching(run: Any) -> None:
    from kyoso.matching.services.profiles import match_profiles_fill_missing

    built = match_profiles_fill_missing()
    run.created["match_profiles"] += built
