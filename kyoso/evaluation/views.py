"""Pages of the annual evaluation report (mounted at ``/evaluation/``): the list of years, a
year's report as a page and a PDF, each table as CSV and Excel, and the secretariat's
highlights, publish and withdraw. Views parse, check the rule, call one selector or service
and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyoso.core.fiscal import fiscal_year_label
from kyoso.core.policy import check, public, rule_required
from kyoso.evaluation import content, messages, pdf, selectors, services
from kyoso.evaluation.charts import data_uri
from kyoso.evaluation.forms import HighlightsForm, WithdrawForm
from kyoso.evaluation.models import FIRST_FISCAL_YEAR
from kyoso.evaluation.tables import table_csv, tables_xlsx

app_name = "evaluation"

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: How many recent years the secretariat is offered on the list page.
RECENT_YEARS = 6


def _year(request: HttpRequest, fy: int, **kwargs: Any) -> selectors.YearReport:
    """The year's report; 404 for a year no report can be made for."""
    try:
        services.check_fiscal_year(fy)
    except services.EvaluationError as error:
        raise Http404(error.message) from error
    return selectors.year_report(fy)


@public
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    editor = check("evaluation.edit_report", request.user)
    years = selectors.report_years(include_drafts=editor)
    recent: list[int] = []
    if editor:
        written = {y.fiscal_year for y in years}
        last = services.last_fiscal_year()
        recent = [
            fy
            for fy in range(last, max(FIRST_FISCAL_YEAR, last - RECENT_YEARS + 1) - 1, -1)
            if fy not in written
        ]
    return render(
        request,
        "evaluation/list.html",
        {
            "years": [(y, fiscal_year_label(y.fiscal_year)) for y in years],
            "recent": [(fy, fiscal_year_label(fy)) for fy in recent],
            "editor": editor,
        },
    )


@require_GET
@rule_required("evaluation.view_report", get_object=_year)
def report_page(request: HttpRequest, fy: int, obj: selectors.YearReport) -> HttpResponse:
    report = content.build(obj)
    return render(
        request,
        "evaluation/report.html",
        {
            "report": report,
            "year": obj,
            "charts": {name: data_uri(svg) for name, svg in report.charts.items()},
            "editor": check("evaluation.edit_report", request.user),
            "withdraw_form": WithdrawForm(),
        },
    )


@require_GET
@rule_required("evaluation.view_report", get_object=_year)
def report_pdf(request: HttpRequest, fy: int, obj: selectors.YearReport) -> HttpResponse:
    data = pdf.render_pdf(content.build(obj))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evaluation-{fy}.pdf"'
    return response


@require_GET
@rule_required("evaluation.view_report", get_object=_year)
def report_xlsx(request: HttpRequest, fy: int, obj: selectors.YearReport) -> HttpResponse:
    report = content.build(obj)
    data = tables_xlsx(report.tables.values(), title=f"{report.label} 評価報告書")
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="evaluation-{fy}.xlsx"'
    return response


def _table(fy: int, key: str) -> content.Table:
    table = content.build_table(fy, key)
    if table is None:
        raise Http404(messages.TABLE_UNKNOWN % {"key": key})
    return table


@require_GET
@rule_required("evaluation.view_report", get_object=_year)
def table_csv_view(
    request: HttpRequest, fy: int, key: str, obj: selectors.YearReport
) -> HttpResponseBase:
    table = _table(fy, key)
    response = StreamingHttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluation-{fy}-{key}.csv"'
    return response


@require_GET
@rule_required("evaluation.view_report", get_object=_year)
def table_xlsx_view(
    request: HttpRequest, fy: int, key: str, obj: selectors.YearReport
) -> HttpResponse:
    table = _table(fy, key)
    response = HttpResponse(tables_xlsx([table]), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="evaluation-{fy}-{key}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@rule_required("evaluation.edit_report", get_object=_year)
def highlights_edit(request: HttpRequest, fy: int, obj: selectors.YearReport) -> HttpResponse:
    if request.method == "POST":
        form = HighlightsForm(request.POST)
        if form.is_valid():
            try:
                services.report_highlights_save(
                    actor=request.user, fiscal_year=fy, bodies=form.bodies(), request=request
                )
            except services.EvaluationError as error:
                form.add_error(None, error.message)
            else:
                flash.success(request, str(messages.HIGHLIGHTS_SAVED))
                return redirect("evaluation:report", fy=fy)
    else:
        form = HighlightsForm(initial=obj.highlights)
    return render(
        request,
        "evaluation/highlights.html",
        {"form": form, "year": obj, "label": fiscal_year_label(fy)},
        status=400 if form.errors else 200,
    )


@require_POST
@rule_required("evaluation.edit_report", get_object=_year)
def publish(request: HttpRequest, fy: int, obj: selectors.YearReport) -> HttpResponse:
    try:
        services.report_publish(actor=request.user, fiscal_year=fy, request=request)
    except services.EvaluationError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, str(messages.PUBLISHED % {"label": fiscal_year_label(fy)}))
    return redirect("evaluation:report", fy=fy)


@require_POST
@rule_required("evaluation.edit_report", get_object=_year)
def withdraw(request: HttpRequest, fy: int, obj: selectors.YearReport) -> HttpResponse:
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.report_withdraw(actor=request.user, fiscal_year=fy, reason=reason, request=request)
    except services.EvaluationError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, str(messages.WITHDRAWN % {"label": fiscal_year_label(fy)}))
    return redirect("evaluation:report", fy=fy)


urlpatterns = [
    path("", report_list, name="list"),
    path("<int:fy>/", report_page, name="report"),
    path("<int:fy>/report.pdf", report_pdf, name="pdf"),
    path("<int:fy>/report.xlsx", report_xlsx, name="xlsx"),
    path("<int:fy>/tables/<slug:key>.csv", table_csv_view, name="table_csv"),
    path("<int:fy>/tables/<slug:key>.xlsx", table_xlsx_view, name="table_xlsx"),
    path("<int:fy>/highlights/", highlights_edit, name="highlights"),
    path("<int:fy>/publish/", publish, name="publish"),
    path("<int:fy>/withdraw/", withdraw, name="withdraw"),
]
