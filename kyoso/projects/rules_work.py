"""Rules of a project's work: needs, trials, hearings, resources, updates, comments."""

from __future__ import annotations


def register() -> None:
    """Register the work rules (called from ``kyoso.projects.rules.register``)."""
