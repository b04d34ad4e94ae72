"""Rules of the communities app (``communities.<verb>_<model>``), registered by register()."""

from __future__ import annotations


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    return None
