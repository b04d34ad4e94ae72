"""Rules of the projects app (``projects.<verb>_<model>``), registered by register()."""

from __future__ import annotations


def register() -> None:
    pass
