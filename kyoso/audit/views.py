"""The audit log page and its CSV export (secretariat only)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kyoso.audit import messages
from kyoso.audit.export import csv_lines
from kyoso.audit.forms import AuditFilterForm
from kyoso.audit.selectors import audit_events
from kyoso.audit.services import audit_log_export
from kyoso.core.policy import rule_required
from kyoso.core.wareki import TOKYO

PAGE_SIZE = 50
FILTER_FIELDS = ("action", "actor_email", "since", "until", "target_type")


def _filter_query(request: HttpRequest) -> str:
    """The filter part of the query string, as typed (for pagination and export links)."""
    return urlencode([(name, request.GET[name]) for name in FILTER_FIELDS if request.GET.get(name)])


@rule_required("audit.view_auditevent")
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(audit_events(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    if form.errors:
        flash.warning(request, messages.FILTERS_NOT_APPLIED)
    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page": page,
            "filtered": bool(filters),
            "filter_query": _filter_query(request),
        },
    )


@rule_required("audit.view_auditevent")
def export(request: HttpRequest) -> HttpResponseBase:
    form = AuditFilterForm(request.GET)
    filters = form.filters()
    if form.errors:
        # Never hand over more than was asked for: a misread filter stops the export.
        flash.error(request, messages.EXPORT_REFUSED)
        query = _filter_query(request)
        return redirect(reverse("audit:list") + (f"?{query}" if query else ""))
    audit_log_export(actor=request.user, filters=filters, request=request)
    stamp = timezone.localtime(timezone.now(), TOKYO).strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        csv_lines(audit_events(**filters).iterator(chunk_size=2000)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="kyoso-audit-log-{stamp}.csv"'
    return response
