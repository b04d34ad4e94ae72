"""Pages of the fund app: the list, a fund's public page with its transparency figures, chart
and CSV, donating, a donation's page and receipt, opening a fund and a grant round, applying,
an application's page (grant agreement, tranches, reports) and one's own donations."""

from __future__ import annotations

from html import escape
from typing import Any
from uuid import uuid4

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from kyoso.core import spreadsheet
from kyoso.core.fiscal import fiscal_year_label
from kyoso.core.policy import check, login_required, public, rule_required
from kyoso.funding import forms, selectors
from kyoso.funding.models import Application, Donation, Fund, GrantRound, Tranche
from kyoso.funding.services import (
    FundingError,
    application_submit,
    donation_start,
    fund_create,
    grant_agree,
    report_submit,
    round_create,
    tranche_pay,
)

CHART_WIDTH = 560
CHART_ROW = 22


def _fund(request: HttpRequest, pk: int, **kwargs: Any) -> Fund:
    fund = selectors.fund_get(pk)
    if fund is None:
        raise Http404
    return fund


def _round(request: HttpRequest, pk: int, **kwargs: Any) -> GrantRound:
    found = selectors.round_get(pk)
    if found is None:
        raise Http404
    return found


def _application(request: HttpRequest, pk: int, **kwargs: Any) -> Application:
    found = selectors.application_get(pk)
    if found is None or not check("funding.view_application", request.user, found):
        raise Http404
    return found


def _donation(request: HttpRequest, pk: int, **kwargs: Any) -> Donation:
    found = selectors.donation_get(pk)
    if found is None or not check("funding.view_receipt", request.user, found):
        raise Http404
    return found


def _tranche(request: HttpRequest, pk: int, **kwargs: Any) -> Tranche:
    found = selectors.tranche_get(pk)
    if found is None:
        raise Http404
    return found


def _refused(form: Any, error: FundingError) -> None:
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, str(error.message))


# --- Funds -----------------------------------------------------------------------------------


@public
def fund_list(request: HttpRequest) -> HttpResponse:
    return render(request, "funding/list.html", {"funds": list(selectors.fund_list()[:100])})


def chart_rows(figures: selectors.Transparency) -> dict[str, Any]:
    """An SVG bar chart (raised, granted, disbursed per 年度) drawn on the server: widths in the
    chart's own units, no style attributes."""
    largest = max([1] + [max(y.raised, y.granted, y.disbursed) for y in figures.years])
    groups = []
    top = 0
    for year in figures.years:
        bars = []
        for n, (label, value) in enumerate(
            (("寄附", year.raised), ("助成決定", year.granted), ("支払い", year.disbursed))
        ):
            bars.append(
                {
                    "label": label,
                    "value": value,
                    "y": top + n * CHART_ROW,
                    "text_y": top + n * CHART_ROW + 15,
                    "width": max(1, round(value * (CHART_WIDTH - 260) / largest)) if value else 0,
                    "fill": ("#1f6f8b", "#c0632b", "#4e7d3a")[n],
                }
            )
        groups.append({"label": fiscal_year_label(year.fiscal_year), "top": top + 15, "bars": bars})
        top += 3 * CHART_ROW + 14
    return {"groups": groups, "height": max(top, CHART_ROW), "width": CHART_WIDTH}


def chart_body(chart: dict[str, Any]) -> SafeString:
    """The chart's labels and bars as SVG, escaped here (see :func:`flow_rows`)."""
    from kyoso.core.money import format_yen_ja

    parts = []
    for group in chart["groups"]:
        parts.append(
            f'<text x="0" y="{int(group["top"])}" font-size="13">{escape(group["label"])}</text>'
        )
        for bar in group["bars"]:
            y, text_y, width = int(bar["y"]), int(bar["text_y"]), int(bar["width"])
            parts.append(
                f'<text x="90" y="{text_y}" font-size="12">{escape(bar["label"])}</text>'
                f'<rect x="160" y="{y}" width="{width}" height="18" fill="{escape(bar["fill"])}">'
                f'</rect><text x="{width + 166}" y="{text_y}" font-size="12">'
                f"{escape(format_yen_ja(int(bar['value'])))}</text>"
            )
    return mark_safe("\n".join(parts))  # noqa: S308 (every value escaped or an int)


def flow_rows(figures: selectors.Transparency) -> SafeString:
    """The per-project table's rows, built here as escaped HTML: a fund that granted hundreds
    of projects made the template engine's per-cell work (variable lookups, escaping, a filter
    per 年度) most of the page's CPU time; each 年度's label is made once."""
    from django.urls import reverse

    from kyoso.core.money import format_yen_ja

    base = escape(reverse("projects:detail", args=[0]).removesuffix("0/"))
    years = {y: escape(fiscal_year_label(y)) for y in {f.fiscal_year for f in figures.flows}}
    return mark_safe(  # noqa: S308 (every value escaped or an int)
        "".join(
            f'<tr><th scope="row"><a href="{base}{int(f.project_id)}/">{escape(f.title)}</a></th>'
            f'<td>{years[f.fiscal_year]}</td><td class="num">{format_yen_ja(int(f.granted))}</td>'
            f'<td class="num">{format_yen_ja(int(f.disbursed))}</td></tr>'
            for f in figures.flows
        )
    )


@public
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fund = _fund(request, pk)
    figures = selectors.transparency(fund)
    chart = chart_rows(figures)
    return render(
        request,
        "funding/detail.html",
        {
            "fund": fund,
            "figures": figures,
            "flows": flow_rows(figures),
            "chart": chart,
            "chart_body": chart_body(chart),
            "donations": selectors.public_donations(fund),
            "rounds": selectors.rounds_of(fund),
            "may_manage": check("funding.manage_fund", request.user, fund),
        },
    )


CSV_HEADER = ["区分", "年度", "プロジェクト", "寄附", "助成決定", "支払い"]


@public
def fund_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The transparency figures as CSV (UTF-8 with BOM): per 年度, then per project."""
    fund = _fund(request, pk)
    figures = selectors.transparency(fund)
    rows: list[list[object]] = [list(CSV_HEADER)]
    for y in figures.years:
        rows.append(["年度", y.fiscal_year, "", y.raised, y.granted, y.disbursed])
    for f in figures.flows:
        rows.append(["プロジェクト", f.fiscal_year, f.title, "", f.granted, f.disbursed])
    rows.append(["合計", "", "", figures.raised, figures.granted, figures.disbursed])
    response = HttpResponse(
        "".join(spreadsheet.csv_lines(rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="fund-{fund.pk}.csv"'
    return response


@login_required
def fund_new(request: HttpRequest) -> HttpResponse:
    from kyoso.funding.rules import manages_organization
    from kyoso.orgs.selectors import memberships_of_user

    organizations = [
        m.organization
        for m in memberships_of_user(request.user)
        if manages_organization(request.user, m.organization)
    ]
    form = forms.FundForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        organization = next(
            o for o in organizations if str(o.pk) == form.cleaned_data["organization"]
        )
        if not check("funding.add_fund", request.user, organization):
            raise PermissionDenied
        try:
            fund = fund_create(
                actor=request.user,
                organization=organization,
                name=form.cleaned_data["name"],
                purpose=form.cleaned_data["purpose"],
                rules=form.cleaned_data["rules"],
                themes=form.cleaned_data["themes"],
            )
        except FundingError as error:
            _refused(form, error)
        else:
            return redirect("funding:detail", fund.pk)
    return render(request, "funding/form.html", {"form": form, "heading": "基金をつくる"})


# --- Donations -------------------------------------------------------------------------------


@rule_required("funding.donate_fund", get_object=_fund)
def donate(request: HttpRequest, pk: int, obj: Fund) -> HttpResponse:
    from kyoso.funding import payments_link
    from kyoso.funding.rules import manages_organization
    from kyoso.orgs.selectors import memberships_of_user

    organizations = [
        m.organization
        for m in memberships_of_user(request.user)
        if manages_organization(request.user, m.organization)
    ]
    projects = selectors.granted_projects(obj)
    form = forms.DonationForm(
        request.POST or None,
        themes=obj.themes,
        projects=projects,
        organizations=organizations,
        card=payments_link.card_available(),
        initial={"receipt_name": getattr(request.user, "display_name", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = next(
            (o for o in organizations if str(o.pk) == data["as_organization"]), None
        )
        project = next((p for p in projects if str(p.pk) == data["project"]), None)
        try:
            donation, payment = donation_start(
                actor=request.user,
                fund=obj,
                amount=data["amount"],
                method=data["method"],
                receipt_name=data["receipt_name"],
                payer_kana=data["payer_kana"],
                receipt_address=data["receipt_address"],
                public_name=data["public_name"],
                message=data["message"],
                designation=data["designation"],
                theme=data["theme"],
                project=project,
                organization=organization,
                idempotency_key=request.POST.get("key") or uuid4().hex,
            )
        except FundingError as error:
            _refused(form, error)
        else:
            if donation.method == "card" and payment is not None and payment.status == "pending":
                # The card holder confirms the payment on Stripe's form next.
                return redirect(payments_link.card_url(payment.pk))
            return redirect("funding:donation", donation.pk)
    return render(request, "funding/donate.html", {"fund": obj, "form": form, "key": uuid4().hex})


@rule_required("funding.view_receipt", get_object=_donation)
def donation_detail(request: HttpRequest, pk: int, obj: Donation) -> HttpResponse:
    from kyoso.funding import payments_link

    payment = payments_link.get(obj.payment_id) if obj.payment_id else None
    return render(
        request,
        "funding/donation.html",
        {
            "donation": obj,
            "payment": payment,
            "bank": payments_link.bank_instructions(),
            "card_url": payments_link.card_url(payment.pk)
            if payment is not None and payment.method == "card" and payment.status == "pending"
            else "",
        },
    )


@rule_required("funding.view_receipt", get_object=_donation)
def receipt_download(request: HttpRequest, pk: int, obj: Donation) -> HttpResponse:
    from kyoso.funding.receipts import receipt_filename, receipt_pdf

    receipt = selectors.receipt_of(obj)
    if receipt is None:
        raise Http404
    response = HttpResponse(receipt_pdf(obj, receipt), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{receipt_filename(receipt)}"'
    return response


@login_required
def my_donations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "funding/mine.html",
        {"donations": list(selectors.donations_of_user(request.user)[:200])},
    )


# --- Rounds and applications -----------------------------------------------------------------


def _users_by_email(emails: list[str]) -> tuple[list[Any], list[str]]:
    found = selectors.users_by_emails(emails)
    return found, [e for e in emails if e.lower() not in {u.email.lower() for u in found}]


@rule_required("funding.manage_fund", get_object=_fund)
def round_new(request: HttpRequest, pk: int, obj: Fund) -> HttpResponse:
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reviewers, unknown = _users_by_email(data["reviewers"] + data["deciders"])
        deciders = {e.lower() for e in data["deciders"]}
        if unknown:
            form.add_error("reviewers", f"見つからないメールアドレス: {', '.join(unknown)}")
        else:
            try:
                grant_round = round_create(
                    actor=request.user,
                    fund=obj,
                    title=data["title"],
                    description=data["description"],
                    deadline=data["deadline"],
                    max_amount=data["max_amount"],
                    criteria=data["criteria"],
                    eligibility=data["eligibility"],
                    reviewers=[(u, u.email.lower() in deciders) for u in reviewers],
                )
            except FundingError as error:
                _refused(form, error)
            except PermissionDenied:
                form.add_error(None, "審査の公募は運営団体の管理者がつくります。")
            else:
                return redirect("funding:round", grant_round.pk)
    return render(
        request, "funding/form.html", {"form": form, "heading": "助成の公募をつくる", "fund": obj}
    )


@public
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round(request, pk)
    from kyoso.funding.services.grants import screening_round
    from kyoso.screening.selectors import criteria_of

    screening = screening_round(grant_round)
    may_manage = check("funding.manage_fund", request.user, grant_round.fund)
    return render(
        request,
        "funding/round.html",
        {
            "round": grant_round,
            "fund": grant_round.fund,
            "criteria": criteria_of(screening) if screening else [],
            "screening": screening,
            "applications": selectors.applications_of(grant_round) if may_manage else [],
            "may_manage": may_manage,
            "may_apply": check("funding.apply_round", request.user, grant_round),
        },
    )


@rule_required("funding.apply_round", get_object=_round)
def apply(request: HttpRequest, pk: int, obj: GrantRound) -> HttpResponse:
    projects = selectors.projects_led_by(request.user)
    form = forms.ApplicationForm(request.POST or None, projects=projects, questions=obj.eligibility)
    if request.method == "POST" and form.is_valid():
        project = next((p for p in projects if str(p.pk) == form.cleaned_data["project"]), None)
        try:
            application = application_submit(
                actor=request.user,
                grant_round=obj,
                project=project,
                plan=form.cleaned_data["plan"],
                budget=form.cleaned_data["budget"],
                eligibility_answers=form.answers(),
            )
        except FundingError as error:
            _refused(form, error)
        else:
            return redirect("funding:application", application.pk)
    return render(
        request, "funding/form.html", {"form": form, "heading": "公募に応募する", "round": obj}
    )


def _application_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    grant = selectors.grant_of(application)
    tranches = selectors.tranches_of(grant) if grant else []
    reports = selectors.reports_of(grant) if grant else []
    may_manage = check("funding.manage_fund", request.user, application.round.fund)
    may_report = grant is not None and check("funding.report_grant", request.user, grant)
    reported = {r.tranche_number for r in reports}
    due = [t.number for t in tranches if t.paid_at and t.number not in reported]
    paid = {t.number for t in tranches if t.paid_at}
    # The next tranche is payable once the one before was paid and reported on.
    payable = {
        t.number
        for t in tranches
        if not t.paid_at and (t.number == 1 or {t.number - 1} <= paid & reported)
    }
    return {
        "application": application,
        "round": application.round,
        "grant": grant,
        "tranches": tranches,
        "payable": payable,
        "reports": reports,
        "may_manage": may_manage,
        "grant_form": forms.GrantForm() if may_manage and grant is None else None,
        "report_form": forms.ReportForm(
            numbers=due, labels=[line["label"] for line in application.budget]
        )
        if may_report and due
        else None,
    }


@rule_required("funding.view_application", get_object=_application)
def application_detail(request: HttpRequest, pk: int, obj: Application) -> HttpResponse:
    return render(request, "funding/application.html", _application_context(request, obj))


def _application_for_manager(request: HttpRequest, pk: int, **kwargs: Any) -> Fund:
    application = _application(request, pk)
    request.funding_application = application  # type: ignore[attr-defined]
    return application.round.fund


@require_POST
@rule_required("funding.manage_fund", get_object=_application_for_manager)
def grant_new(request: HttpRequest, pk: int, obj: Fund) -> HttpResponse:
    application = request.funding_application  # type: ignore[attr-defined]
    form = forms.GrantForm(request.POST)
    if form.is_valid():
        try:
            grant_agree(
                actor=request.user,
                application=application,
                amount=form.cleaned_data["amount"],
                tranches=form.cleaned_data["tranches"],
                terms=form.cleaned_data["terms"],
            )
        except FundingError as error:
            _refused(form, error)
        else:
            flash.success(request, "助成を決定しました。")
            return redirect("funding:application", application.pk)
    context = _application_context(request, application)
    context["grant_form"] = form
    return render(request, "funding/application.html", context, status=400)


def _tranche_fund(request: HttpRequest, pk: int, **kwargs: Any) -> Fund:
    tranche = _tranche(request, pk)
    request.funding_tranche = tranche  # type: ignore[attr-defined]
    return tranche.grant.fund


@require_POST
@rule_required("funding.manage_fund", get_object=_tranche_fund)
def tranche_pay_view(request: HttpRequest, pk: int, obj: Fund) -> HttpResponse:
    tranche = request.funding_tranche  # type: ignore[attr-defined]
    try:
        tranche_pay(actor=request.user, tranche=tranche)
    except FundingError as error:
        flash.error(request, str(error.message))
    else:
        flash.success(request, f"第{tranche.number}回を支払いました。")
    return redirect("funding:application", tranche.grant.application_id)


@require_POST
@rule_required("funding.view_application", get_object=_application)
def report_new(request: HttpRequest, pk: int, obj: Application) -> HttpResponse:
    grant = selectors.grant_of(obj)
    if grant is None or not check("funding.report_grant", request.user, grant):
        raise PermissionDenied
    context = _application_context(request, obj)
    tranches = context["tranches"]
    form = forms.ReportForm(
        request.POST,
        numbers=[t.number for t in tranches],
        labels=[line["label"] for line in obj.budget],
    )
    if form.is_valid():
        try:
            report_submit(
                actor=request.user,
                grant=grant,
                tranche_number=form.cleaned_data["tranche_number"],
                progress=form.cleaned_data["progress"],
                spending=form.spending(),
            )
        except FundingError as error:
            _refused(form, error)
        else:
            flash.success(request, "報告を提出しました。")
            return redirect("funding:application", obj.pk)
    context["report_form"] = form
    return render(request, "funding/application.html", context, status=400)


app_name = "funding"
urlpatterns = [
    path("", fund_list, name="list"),
    path("new", fund_new, name="new"),
    path("mine", my_donations, name="mine"),
    path("<int:pk>/", fund_detail, name="detail"),
    path("<int:pk>/figures.csv", fund_csv, name="csv"),
    path("<int:pk>/donate", donate, name="donate"),
    path("<int:pk>/rounds/new", round_new, name="round_new"),
    path("donations/<int:pk>/", donation_detail, name="donation"),
    path("donations/<int:pk>/receipt.pdf", receipt_download, name="receipt"),
    path("rounds/<int:pk>/", round_detail, name="round"),
    path("rounds/<int:pk>/apply", apply, name="apply"),
    path("applications/<int:pk>/", application_detail, name="application"),
    path("applications/<int:pk>/grant", grant_new, name="grant"),
    path("applications/<int:pk>/report", report_new, name="report"),
    path("tranches/<int:pk>/pay", tranche_pay_view, name="tranche_pay"),
]
