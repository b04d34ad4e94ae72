"""The secretariat's dashboard of indicators, the public page, and the pages that edit an
indicator, its targets and its actuals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyoso.core.policy import public, rule_required
from kyoso.kpi import chart, messages, selectors, services
from kyoso.kpi.forms import ActualForm, IndicatorForm, TargetsForm
from kyoso.kpi.models import Actual, Indicator, SourceKind
from kyoso.kpi.validation import KpiError
from kyoso.kpi.views._common import communities, refuse


def _charted(rows: list[selectors.IndicatorRow]) -> list[dict[str, Any]]:
    return [
        {"row": row, "chart": mark_safe(chart.render_cached(row))}  # noqa: S308 - pygal escapes text
        for row in rows
    ]


@require_GET
@rule_required("kpi.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    rows = selectors.indicator_table()
    return render(request, "kpi/dashboard.html", {"items": _charted(rows)})


@require_GET
@public
def public_page(request: HttpRequest) -> HttpResponse:
    rows = selectors.indicator_table(public_only=True)
    return render(request, "kpi/public.html", {"items": _charted(rows)})


@require_POST
@rule_required("kpi.manage_indicator")
def refresh(request: HttpRequest) -> HttpResponse:
    services.surveys_close_due()
    count = services.indicators_refresh(actor=request.user)
    flash.success(request, messages.REFRESHED % {"count": count})
    return redirect("kpi:dashboard")


def _indicator(request: HttpRequest, pk: int, **kwargs: Any) -> Indicator:
    return get_object_or_404(Indicator, pk=pk)


@require_http_methods(["GET", "POST"])
@rule_required("kpi.manage_indicator")
def indicator_new(request: HttpRequest) -> HttpResponse:
    choices = communities()
    form = IndicatorForm(request.POST or None, communities=choices)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(
                actor=request.user, data=services.IndicatorData(**form.service_data())
            )
        except KpiError as error:
            refuse(form, error)
        else:
            flash.success(request, messages.INDICATOR_SAVED)
            return redirect("kpi:indicator", pk=indicator.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "kpi/indicator_form.html", {"form": form}, status=status)


def _initial(indicator: Indicator) -> dict[str, Any]:
    fields = [f for f in IndicatorForm.base_fields]
    initial = {name: getattr(indicator, name) for name in fields if name != "community"}
    initial["community"] = indicator.community_id
    return initial


@require_http_methods(["GET", "POST"])
@rule_required("kpi.manage_indicator", get_object=_indicator)
def indicator_edit(request: HttpRequest, pk: int, obj: Indicator) -> HttpResponse:
    form = IndicatorForm(request.POST or None, initial=_initial(obj), communities=communities())
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                actor=request.user,
                indicator=obj,
                data=services.IndicatorData(**form.service_data()),
            )
        except KpiError as error:
            refuse(form, error)
        else:
            flash.success(request, messages.INDICATOR_SAVED)
            return redirect("kpi:indicator", pk=obj.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "kpi/indicator_form.html", {"form": form, "indicator": obj}, status=status
    )


def _detail(
    request: HttpRequest,
    row: selectors.IndicatorRow,
    *,
    targets_form: TargetsForm | None = None,
    actual_form: ActualForm | None = None,
    status: int = 200,
) -> HttpResponse:
    indicator = row.indicator
    years = [y.fiscal_year for y in row.years]
    initial = {f"y{t.fiscal_year}": t.value for t in indicator.targets.all()}
    return render(
        request,
        "kpi/indicator.html",
        {
            "row": row,
            "indicator": indicator,
            "chart": mark_safe(chart.render_cached(row)),  # noqa: S308 - pygal escapes text
            "targets_form": targets_form or TargetsForm(initial=initial, years=years),
            "actual_form": (
                actual_form or ActualForm(years=years)
                if indicator.source_kind != SourceKind.COMPUTED
                else None
            ),
        },
        status=status,
    )


@require_GET
@rule_required("kpi.manage_indicator", get_object=_indicator)
def indicator_page(request: HttpRequest, pk: int, obj: Indicator) -> HttpResponse:
    return _detail(request, selectors.indicator_row_get(pk))


@require_POST
@rule_required("kpi.manage_indicator", get_object=_indicator)
def targets_save(request: HttpRequest, pk: int, obj: Indicator) -> HttpResponse:
    row = selectors.indicator_row_get(pk)
    form = TargetsForm(request.POST, years=[y.fiscal_year for y in row.years])
    if form.is_valid():
        try:
            services.targets_set(actor=request.user, indicator=obj, values=form.values())
        except KpiError as error:
            refuse(form, error)
        else:
            flash.success(request, messages.TARGETS_SAVED)
            return redirect("kpi:indicator", pk=pk)
    return _detail(request, row, targets_form=form, status=400)


@require_POST
@rule_required("kpi.manage_indicator", get_object=_indicator)
def actual_save(request: HttpRequest, pk: int, obj: Indicator) -> HttpResponse:
    row = selectors.indicator_row_get(pk)
    form = ActualForm(request.POST, request.FILES, years=[y.fiscal_year for y in row.years])
    if obj.source_kind == SourceKind.COMPUTED:
        flash.error(request, messages.ACTUAL_NOT_ENTERED)
        return redirect("kpi:indicator", pk=pk)
    if form.is_valid():
        try:
            services.actual_enter(
                actor=request.user,
                indicator=obj,
                fiscal_year=form.cleaned_data["fiscal_year"],
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"] or "",
                evidence=form.cleaned_data.get("evidence"),
            )
        except KpiError as error:
            refuse(form, error)
        else:
            flash.success(request, messages.ACTUAL_SAVED)
            return redirect("kpi:indicator", pk=pk)
    return _detail(request, row, actual_form=form, status=400)


@require_GET
@rule_required("kpi.manage_indicator", get_object=_indicator)
def evidence(request: HttpRequest, pk: int, year: int, obj: Indicator) -> FileResponse:
    actual = Actual.objects.filter(indicator=obj, fiscal_year=year).first()
    if actual is None or not actual.evidence:
        raise Http404
    return FileResponse(
        actual.evidence.open("rb"), as_attachment=True, filename=actual.evidence_name
    )


def indicator_url(indicator: Indicator) -> str:
    return reverse("kpi:indicator", kwargs={"pk": indicator.pk})


urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("public/", public_page, name="public"),
    path("refresh/", refresh, name="refresh"),
    path("indicators/new/", indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/", indicator_page, name="indicator"),
    path("indicators/<int:pk>/edit/", indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/", targets_save, name="targets"),
    path("indicators/<int:pk>/actuals/", actual_save, name="actual"),
    path("indicators/<int:pk>/evidence/<int:year>/", evidence, name="evidence"),
]
