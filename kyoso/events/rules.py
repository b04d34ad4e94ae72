"""Rules of the events app (named ``events.<verb>_<model>``), registered by :func:`register`."""

from __future__ import annotations


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    return None
