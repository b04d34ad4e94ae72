from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.sitepages.models import SitePage, SiteSettings


@transaction.atomic
def site_page_save(*, actor, slug: str, data: dict, request: HttpRequest | None = None) -> SitePage:
    page, _created = SitePage.objects.update_or_create(
        slug=slug, defaults={**data, "updated_by": actor}
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.STAFF_EDIT,
        target=page,
        data={"page": slug},
        request=request,
    )
    return page


@transaction.atomic
def site_settings_save(*, actor, data: dict, request: HttpRequest | None = None) -> SiteSettings:
    row, _created = SiteSettings.objects.get_or_create(singleton=True)
    before = {k: getattr(row, k) for k in data}
    for key, value in data.items():
        setattr(row, key, value)
    row.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.SETTINGS_CHANGED,
        target=row,
        data={"before": before, "after": data},
        request=request,
    )
    return row
