"""What the missions app plugs into core: rules, navigation, search, personal data."""

from __future__ import annotations


def register() -> None:
    pass
