"""Reads of a project's work (needs, trials, hearings, resources, updates, comments) for its
page. The project page calls :func:`work_summary` once and renders ``projects/_work.html``."""

from __future__ import annotations

from typing import Any

from kyoso.projects.models import Project


def work_summary(project: Project, viewer: Any) -> dict[str, Any]:
    """What the project page shows of the work, in a constant number of queries."""
    return {}
