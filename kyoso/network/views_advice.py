"""Pages of advice requests and advisors: ask, one's requests (and, for an advisor, theirs),
the secretariat's queue and advisor list, one request with its history, moves, assignment and
the private record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.core.policy import check, login_required, rule_required
from kyoso.network import messages, selectors
from kyoso.network.forms import AdviceForm, AdvisorForm, AssignForm, MoveForm, RecordForm
from kyoso.network.models import AdviceRequest, AdviceStatus
from kyoso.network.services import advice as advice_services
from kyoso.network.services.common import NetworkError


@rule_required("network.add_advice_request")
def advice_create(request: HttpRequest) -> HttpResponse:
    advisors = selectors.active_advisors()
    form = AdviceForm(request.POST or None, advisors=advisors)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            advisor = selectors.advisor_by_pk(data["advisor"]) if data["advisor"] else None
            try:
                advice = advice_services.advice_request_create(
                    actor=request.user,
                    kind=data["kind"],
                    subject=data["subject"],
                    body=data["body"],
                    advisor=advisor,
                    request=request,
                )
            except NetworkError as error:
                form.add_error(
                    "advisor" if error.code.startswith("advisor") else None, error.message
                )
            else:
                flash.success(request, messages.ADVICE_SENT)
                return redirect("advice:detail", pk=advice.pk)
        status = 400
        if not form.non_field_errors():
            form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(request, "network/advice_new.html", {"form": form}, status=status)


@login_required
def advice_list(request: HttpRequest) -> HttpResponse:
    staff = check("network.view_advice_queue", request.user)
    return render(
        request,
        "network/advice_list.html",
        {
            "mine": list(selectors.advice_for(request.user)[:100]),
            "queue": list(selectors.advice_queue()[:100]) if staff else None,
        },
    )


def _advice(request: HttpRequest, pk: int, **kwargs: Any) -> AdviceRequest:
    advice = selectors.advice_detail(pk)
    if request.user.is_authenticated and not check(
        "network.view_advice_request", request.user, advice
    ):
        raise Http404
    return advice


def _context(request: HttpRequest, advice: AdviceRequest, **extra: Any) -> dict[str, Any]:
    user = request.user
    may_record = check("network.view_advice_record", user, advice)
    may_assign = (
        check("network.assign_advice_request", user, advice) and advice.status == AdviceStatus.NEW
    )
    record = getattr(advice, "record", None) if may_record else None
    return {
        "advice": advice,
        "moves": [(m, AdviceStatus(m).label) for m in advice_services.moves_for(user, advice)],
        "may_record": may_record,
        "record": record,
        "record_form": RecordForm(initial={"text": record.text if record else ""}),
        "assign_form": AssignForm(advisors=selectors.active_advisors(advice.kind))
        if may_assign
        else None,
        **extra,
    }


@rule_required("network.view_advice_request", get_object=_advice)
def advice_detail(request: HttpRequest, pk: int, obj: AdviceRequest) -> HttpResponse:
    return render(request, "network/advice_detail.html", _context(request, obj))


@require_POST
@rule_required("network.move_advice_request", get_object=_advice)
def advice_move(request: HttpRequest, pk: int, obj: AdviceRequest) -> HttpResponse:
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            advice_services.advice_request_move(
                actor=request.user,
                advice=obj,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except NetworkError as error:
            flash.error(request, error.message)
        else:
            flash.success(request, messages.ADVICE_MOVED % {"status": obj.get_status_display()})
    return redirect("advice:detail", pk=obj.pk)


@require_POST
@rule_required("network.assign_advice_request", get_object=_advice)
def advice_assign(request: HttpRequest, pk: int, obj: AdviceRequest) -> HttpResponse:
    form = AssignForm(request.POST, advisors=selectors.active_advisors(obj.kind))
    if form.is_valid():
        advisor = selectors.advisor_by_pk(form.cleaned_data["advisor"])
        if advisor is None:
            raise Http404
        try:
            advice_services.advice_request_assign(
                actor=request.user, advice=obj, advisor=advisor, request=request
            )
        except NetworkError as error:
            flash.error(request, error.message)
        else:
            flash.success(request, messages.ADVICE_ASSIGNED)
    return redirect("advice:detail", pk=obj.pk)


@require_POST
@rule_required("network.view_advice_record", get_object=_advice)
def advice_record(request: HttpRequest, pk: int, obj: AdviceRequest) -> HttpResponse:
    form = RecordForm(request.POST)
    if form.is_valid():
        try:
            advice_services.advice_record_save(
                actor=request.user, advice=obj, text=form.cleaned_data["text"], request=request
            )
        except NetworkError as error:
            form.add_error("text", error.message)
        else:
            flash.success(request, messages.ADVICE_RECORD_SAVED)
            return redirect("advice:detail", pk=obj.pk)
    return render(
        request, "network/advice_detail.html", _context(request, obj, record_form=form), status=400
    )


@rule_required("network.manage_advisors")
def advisors(request: HttpRequest) -> HttpResponse:
    form = AdvisorForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            person = (
                get_user_model().objects.filter(email__iexact=data["email"], is_active=True).first()
            )
            if person is None:
                form.add_error("email", messages.ADVISOR_USER_UNKNOWN)
            else:
                try:
                    advice_services.advisor_save(
                        actor=request.user,
                        user=person,
                        expertise=data["expertise"],
                        kinds=data["kinds"],
                        monthly_limit=data["monthly_limit"],
                        active=data["active"],
                        request=request,
                    )
                except NetworkError as error:
                    form.add_error(None, error.message)
                else:
                    flash.success(request, messages.ADVISOR_SAVED)
                    return redirect("advice:advisors")
        status = 400
    return render(
        request,
        "network/advisors.html",
        {"form": form, "advisors": list(selectors.all_advisors())},
        status=status,
    )


app_name = "advice"

urlpatterns = [
    path("", advice_list, name="list"),
    path("new/", advice_create, name="new"),
    path("advisors/", advisors, name="advisors"),
    path("<int:pk>/", advice_detail, name="detail"),
    path("<int:pk>/status/", advice_move, name="move"),
    path("<int:pk>/assign/", advice_assign, name="assign"),
    path("<int:pk>/record/", advice_record, name="record"),
]
