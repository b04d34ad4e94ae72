"""What the views of a project's work share (not an area: it has no URLs of its own)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from kyoso.projects import selectors_work as selectors
from kyoso.projects.models import Project
from kyoso.projects.services.work import WorkError, project_url


def load_project(request: HttpRequest, pk: int, **kwargs: Any) -> Project:
    """``get_object`` of the work views: the project with the viewer's membership."""
    return selectors.project_for_work(pk, request.user)


def form_error(form: forms.Form, error: WorkError) -> None:
    """Show a service refusal under its field (or above the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def base_context(project: Project, **extra: Any) -> dict[str, Any]:
    return {"project": project, "project_url": project_url(project), **extra}
