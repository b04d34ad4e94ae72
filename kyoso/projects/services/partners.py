"""Partner organizations of a project (public service for other apps: the challenges' selected
proposal attaches its proposing organization to the trial project)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from kyoso.audit.services import audit_record
from kyoso.projects import audit
from kyoso.projects.models import Project, ProjectPartner
from kyoso.projects.services.common import require


def project_partner_add(
    *,
    actor: Any,
    project: Project,
    organization_id: int,
    via: str = "",
    request: HttpRequest | None = None,
) -> ProjectPartner:
    """Attach the organization to the project (its leads and the secretariat may); idempotent
    (a second call, or a racing one, returns the row already there, with no second audit row)."""
    require("projects.change_project", actor, project)
    with transaction.atomic():
        try:
            with transaction.atomic():
                partner = ProjectPartner.objects.create(
                    project=project,
                    organization_id=organization_id,
                    via=via[:100],
                    added_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError:
            return ProjectPartner.objects.get(project=project, organization_id=organization_id)
        audit_record(
            actor=actor,
            action=audit.PARTNER_ADDED,
            target=project,
            data={"organization": organization_id, "via": via[:100]},
            request=request,
        )
    return partner
