"""Pages of the campaigns app: the list, a campaign (progress, tiers, pledge form), drafting
and editing, tiers, opening and stopping, pledges, the transparency page and its CSV."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.campaigns import messages, selectors, services
from kyoso.campaigns.errors import CampaignError
from kyoso.campaigns.forms import CampaignForm, PledgeForm, StopForm, TierForm
from kyoso.campaigns.models import Campaign, Pledge, State
from kyoso.campaigns.payments_bridge import card_available, card_url
from kyoso.campaigns.rules import manages
from kyoso.core.policy import check, hidden_unless_visible, public, rule_required
from kyoso.core.spreadsheet import csv_lines

app_name = "campaigns"

PAGE_SIZE = 20


@public
def campaign_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.listed_campaigns(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaigns/list.html", {"page": page})


def _project(request: HttpRequest, **kwargs: Any) -> Any:
    from kyoso.projects.models import Project

    value = request.GET.get("project", "")
    if not (value.isascii() and value.isdigit() and len(value) < 19):
        raise Http404
    return get_object_or_404(Project, pk=int(value))


def _form_page(request, form, *, project, campaign=None) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and not form.non_field_errors():
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "campaigns/form.html",
        {"form": form, "project": project, "campaign": campaign},
        status=status,
    )


@rule_required("campaigns.add_campaign", get_object=_project)
def campaign_create(request: HttpRequest, obj: Any) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=request.user, project=obj, data=form.cleaned_data
            )
        except CampaignError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.CAMPAIGN_CREATED)
            return redirect("campaigns:detail", pk=campaign.pk)
    return _form_page(request, form, project=obj)


def _campaign(request: HttpRequest, pk: int, **kwargs: Any) -> Campaign:
    return selectors.campaign_by_pk(pk)


@rule_required("campaigns.change_campaign", get_object=_campaign)
def campaign_edit(request: HttpRequest, pk: int, obj: Campaign) -> HttpResponse:
    locked = obj.state != State.DRAFT
    initial = {f: getattr(obj, f) for f in ("title", "description", "goal", "mode", "deadline")}
    form = CampaignForm(request.POST or None, initial=initial, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(actor=request.user, campaign=obj, data=form.cleaned_data)
        except CampaignError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.CAMPAIGN_SAVED)
            return redirect("campaigns:detail", pk=obj.pk)
    return _form_page(request, form, project=obj.project, campaign=obj)


def _detail(request: HttpRequest, campaign: Campaign, **forms: Any) -> HttpResponse:
    """The campaign page. Its forms are built only for those who see them (the supporters'
    pledge form, the managers' tier form): most visitors are anonymous, and a form's fields
    are copied each time one is built."""
    tiers = selectors.tiers_of(campaign)
    may_manage = manages(request.user, campaign)
    may_pledge = campaign.state == State.OPEN and check(
        "campaigns.pledge_campaign", request.user, campaign
    )
    pledge_form = forms.get("pledge_form")
    if pledge_form is None and may_pledge:
        pledge_form = PledgeForm(
            tiers=tiers,
            card=card_available(),
            initial={
                "payer_name": getattr(request.user, "public_name", ""),
                "show_name": True,
                "method": "bank_transfer",
            },
        )
    tier_form = forms.get("tier_form")
    if tier_form is None and may_manage:
        tier_form = TierForm()
    context = {
        "campaign": campaign,
        "tiers": tiers,
        "supporters": selectors.shown_supporters(campaign),
        "figures": selectors.figures_of(campaign),
        "manages": may_manage,
        "may_pledge": may_pledge,
        "pledge_form": pledge_form,
        "tier_form": tier_form,
    }
    status = 400 if forms else 200
    return render(request, "campaigns/detail.html", context, status=status)


@rule_required("campaigns.view_campaign", get_object=_campaign)
def campaign_detail(request: HttpRequest, pk: int, obj: Campaign) -> HttpResponse:
    return _detail(request, obj)


@require_POST
@rule_required("campaigns.change_campaign", get_object=_campaign)
def tier_add(request: HttpRequest, pk: int, obj: Campaign) -> HttpResponse:
    form = TierForm(request.POST)
    if form.is_valid():
        try:
            services.tier_add(actor=request.user, campaign=obj, data=form.cleaned_data)
        except CampaignError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.TIER_ADDED)
            return redirect("campaigns:detail", pk=obj.pk)
    return _detail(request, obj, tier_form=form)


@require_POST
@rule_required("campaigns.open_campaign", get_object=_campaign)
def campaign_open(request: HttpRequest, pk: int, obj: Campaign) -> HttpResponse:
    try:
        services.campaign_open(actor=request.user, campaign=obj)
    except CampaignError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.CAMPAIGN_OPENED)
    return redirect("campaigns:detail", pk=obj.pk)


@rule_required("campaigns.stop_campaign", get_object=_campaign)
def campaign_stop(request: HttpRequest, pk: int, obj: Campaign) -> HttpResponse:
    form = StopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_stop(
                actor=request.user, campaign=obj, reason=form.cleaned_data["reason"]
            )
        except CampaignError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.CAMPAIGN_STOPPED)
            return redirect("campaigns:detail", pk=obj.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "campaigns/stop.html", {"campaign": obj, "form": form}, status=status)


@require_POST
@rule_required("campaigns.pledge_campaign", get_object=_campaign)
def pledge_create(request: HttpRequest, pk: int, obj: Campaign) -> HttpResponse:
    form = PledgeForm(request.POST, tiers=selectors.tiers_of(obj), card=card_available())
    if form.is_valid():
        data = form.cleaned_data
        try:
            pledge = services.pledge_create(
                actor=request.user,
                campaign=obj,
                amount=data["amount"],
                tier_id=data["tier"],
                show_name=data["show_name"],
                method=data["method"],
                payer_name=data["payer_name"],
                payer_kana=data["payer_kana"],
            )
        except CampaignError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.PLEDGED)
            if pledge.method == "card" and pledge.payment_id is not None:
                # The card holder confirms the payment on Stripe's form next.
                return redirect(card_url(pledge.payment_id))
            return redirect("campaigns:pledge", pk=pledge.pk)
    if not form.non_field_errors():
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return _detail(request, obj, pledge_form=form)


def _pledge(request: HttpRequest, pk: int, **kwargs: Any) -> Pledge:
    pledge = Pledge.objects.select_related("campaign", "tier").filter(pk=pk).first()
    if pledge is None:
        raise Http404
    # Someone else's pledge is "not found": a 403 would confirm it exists (docs/security.md).
    return hidden_unless_visible("campaigns.view_pledge", request.user, pledge)


@rule_required("campaigns.view_pledge", get_object=_pledge)
def pledge_detail(request: HttpRequest, pk: int, obj: Pledge) -> HttpResponse:
    from kyoso.campaigns.payments_bridge import payment_summary

    return render(
        request,
        "campaigns/pledge.html",
        {"pledge": obj, "payment": payment_summary(obj.payment_id, obj.amount)},
    )


@require_POST
@rule_required("campaigns.cancel_pledge", get_object=_pledge)
def pledge_cancel(request: HttpRequest, pk: int, obj: Pledge) -> HttpResponse:
    try:
        services.pledge_cancel(actor=request.user, pledge=obj)
    except CampaignError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.PLEDGE_CANCELLED)
    return redirect("campaigns:pledge", pk=obj.pk)


@rule_required("campaigns.view_pledges")
def my_pledges(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.pledges_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "campaigns/mine.html", {"page": page})


@rule_required("campaigns.view_campaign", get_object=_campaign)
def transparency(request: HttpRequest, pk: int, obj: Campaign) -> HttpResponse:
    return render(
        request,
        "campaigns/transparency.html",
        {"campaign": obj, "figures": selectors.figures_of(obj)},
    )


@rule_required("campaigns.view_campaign", get_object=_campaign)
def transparency_csv(request: HttpRequest, pk: int, obj: Campaign) -> StreamingHttpResponse:
    figures = selectors.figures_of(obj)
    head = [
        ["キャンペーン", obj.title],
        ["目標金額", obj.goal],
        ["入金累計", figures.raised],
        ["返金累計", figures.refunded],
        ["プロジェクトへ実行", figures.collected],
        ["預り金残高", figures.held],
        [],
        ["日時", "種類", "摘要", "入金(+)・出金(-)", "残高"],
    ]

    def rows():
        yield from head
        yield from selectors.escrow_rows(obj)

    response = StreamingHttpResponse(csv_lines(rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="campaign-{obj.pk}.csv"'
    return response


urlpatterns = [
    path("", campaign_list, name="list"),
    path("new/", campaign_create, name="create"),
    path("mine/", my_pledges, name="mine"),
    path("<int:pk>/", campaign_detail, name="detail"),
    path("<int:pk>/edit/", campaign_edit, name="edit"),
    path("<int:pk>/tiers/", tier_add, name="tier_add"),
    path("<int:pk>/open/", campaign_open, name="open"),
    path("<int:pk>/stop/", campaign_stop, name="stop"),
    path("<int:pk>/pledge/", pledge_create, name="pledge_create"),
    path("<int:pk>/transparency/", transparency, name="transparency"),
    path("<int:pk>/transparency.csv", transparency_csv, name="transparency_csv"),
    path("pledges/<int:pk>/", pledge_detail, name="pledge"),
    path("pledges/<int:pk>/cancel/", pledge_cancel, name="pledge_cancel"),
]
