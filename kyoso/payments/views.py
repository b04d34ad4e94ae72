"""Staff pages of payments (secretariat and fund managers), the payer's card confirmation and
return pages, and the Stripe webhook."""

from __future__ import annotations

import logging

import stripe
from csp.decorators import csp_update
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from kyoso.core.policy import hidden_unless_visible, public, rule_required
from kyoso.payments import gateway, messages, purposes, reconcile, selectors, services
from kyoso.payments.errors import PaymentError
from kyoso.payments.forms import AssignForm, ReasonForm, RefundForm, StatementUploadForm
from kyoso.payments.models import ImportStatus, Method, Status
from kyoso.payments.webhooks import handle_event

logger = logging.getLogger(__name__)

RULE = "payments.manage_payments"
PAYER_RULE = "payments.pay_payment"

#: What the card confirmation page adds to the site's Content-Security-Policy, and only that
#: page (decision 0016): Stripe.js from js.stripe.com (Stripe requires loading it from there),
#: the Payment Element's and 3-D Secure's frames, and Stripe.js's calls to api.stripe.com.
STRIPE_CSP = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}
PAGE_SIZE = 50
QUERY_MAX = 100


def _payment_or_404(pk: int):
    payment = selectors.payment_detail(pk)
    if payment is None:
        raise Http404
    return payment


@require_GET
@rule_required(RULE)
def payment_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    method = request.GET.get("method", "")
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    page = Paginator(
        selectors.payment_list(status=status, method=method, query=query), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    titles: dict[tuple[str, int], str] = {}
    by_purpose: dict[str, list[int]] = {}
    for payment in page:
        by_purpose.setdefault(payment.purpose, []).append(payment.purpose_id)
    for purpose, ids in by_purpose.items():
        for pk, info in purposes.describe(purpose, ids).items():
            titles[(purpose, pk)] = info.title
    rows = [(payment, titles.get((payment.purpose, payment.purpose_id), "")) for payment in page]
    return render(
        request,
        "payments/payment_list.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "method": method,
            "query": query,
            "statuses": Status.choices,
            "methods": Method.choices,
            "open_lines": selectors.open_lines().count(),
            "owed": selectors.refunds_owed().count(),
        },
    )


@require_GET
@rule_required(RULE)
def payment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment_or_404(pk)
    info = purposes.describe(payment.purpose, [payment.purpose_id])[payment.purpose_id]
    return render(
        request,
        "payments/payment_detail.html",
        {
            "payment": payment,
            "info": info,
            "refund_form": RefundForm(auto_id="refund_%s"),
            "cancel_form": ReasonForm(auto_id="cancel_%s"),
            "can_refund": payment.status == Status.CAPTURED,
            "can_cancel": payment.status in (Status.PENDING, Status.AUTHORIZED),
            "can_capture": payment.status == Status.AUTHORIZED and payment.method == Method.CARD,
        },
    )


def _fail(request: HttpRequest, error: PaymentError) -> None:
    flash.error(request, str(error.message))


@require_POST
@rule_required(RULE)
def payment_refund(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment_or_404(pk)
    form = RefundForm(request.POST)
    if not form.is_valid():
        flash.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("payments:payment", pk=payment.pk)
    try:
        services.payment_refund(
            actor=request.user,
            payment_id=payment.pk,
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
        )
    except PaymentError as error:
        _fail(request, error)
    else:
        flash.success(request, str(messages.REFUNDED))
    return redirect("payments:payment", pk=payment.pk)


@require_POST
@rule_required(RULE)
def payment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment_or_404(pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise PaymentError(messages.REASON_REQUIRED, "reason_required")
        services.payment_cancel(
            actor=request.user, payment_id=payment.pk, reason=form.cleaned_data["reason"]
        )
    except PaymentError as error:
        _fail(request, error)
    else:
        flash.success(request, str(messages.CANCELLED))
    return redirect("payments:payment", pk=payment.pk)


@require_POST
@rule_required(RULE)
def payment_capture(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment_or_404(pk)
    try:
        services.payment_capture(actor=request.user, payment_id=payment.pk)
    except PaymentError as error:
        _fail(request, error)
    else:
        flash.success(request, str(messages.CAPTURED))
    return redirect("payments:payment", pk=payment.pk)


# --- Statements ------------------------------------------------------------------------------


@rule_required(RULE)
def statement_list(request: HttpRequest) -> HttpResponse:
    form = StatementUploadForm()
    if request.method == "POST":
        form = StatementUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                statement = reconcile.statement_upload(
                    actor=request.user, filename=upload.name, content=upload.read()
                )
            except PaymentError as error:
                form.add_error("file", str(error.message))
            else:
                return redirect("payments:statement", pk=statement.pk)
    elif request.method != "GET":
        return HttpResponse(status=405)
    page = Paginator(selectors.imports(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "payments/statement_list.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


@require_GET
@rule_required(RULE)
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = selectors.import_by_id(pk)
    if statement is None:
        raise Http404
    running = statement.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
    context = {"statement": statement, "running": running}
    if request.headers.get("HX-Request"):
        context["polled"] = True
        return render(request, "payments/_statement_progress.html", context)
    context["counts"] = selectors.line_counts(statement.pk) if not running else {}
    context["skipped"] = statement.total_lines - statement.new_lines
    return render(request, "payments/statement_detail.html", context)


# --- Lines to resolve -----------------------------------------------------------------------


@require_GET
@rule_required(RULE)
def line_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.open_lines(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "payments/line_list.html", {"page": page})


def _line_or_404(pk: int):
    line = selectors.line_by_id(pk)
    if line is None:
        raise Http404
    return line


@require_GET
@rule_required(RULE)
def line_detail(request: HttpRequest, pk: int) -> HttpResponse:
    line = _line_or_404(pk)
    return render(
        request,
        "payments/line_detail.html",
        {
            "line": line,
            "suggestions": reconcile.kana_suggestions(line),
            "assign_form": AssignForm(auto_id="assign_%s"),
            "reason_form": ReasonForm(auto_id="resolve_%s"),
            "is_open": line.status in ("unmatched", "partial", "over"),
        },
    )


@require_POST
@rule_required(RULE)
def line_resolve(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    line = _line_or_404(pk)
    try:
        if action == "assign":
            assign = AssignForm(request.POST)
            if not assign.is_valid():
                raise PaymentError(messages.ASSIGN_REFERENCE_REQUIRED, "reference_required")
            payment = selectors.payment_by_reference(assign.cleaned_data["reference"])
            if payment is None:
                raise PaymentError(messages.REFERENCE_UNKNOWN, "reference_unknown")
            reconcile.line_assign(
                actor=request.user,
                line_id=line.pk,
                payment_id=payment.pk,
                reason=assign.cleaned_data["note"],
            )
            done = messages.LINE_ASSIGNED
        else:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise PaymentError(messages.REASON_REQUIRED, "reason_required")
            resolve = reconcile.line_refund if action == "refund" else reconcile.line_ignore
            resolve(actor=request.user, line_id=line.pk, reason=form.cleaned_data["reason"])
            done = messages.LINE_REFUNDED if action == "refund" else messages.LINE_IGNORED
    except PaymentError as error:
        _fail(request, error)
        return redirect("payments:line", pk=line.pk)
    flash.success(request, str(done))
    return redirect("payments:lines")


# --- Refunds owed ---------------------------------------------------------------------------


@require_GET
@rule_required(RULE)
def refund_list(request: HttpRequest) -> HttpResponse:
    return render(request, "payments/refund_list.html", {"refunds": selectors.refunds_owed()})


@require_POST
@rule_required(RULE)
def refund_paid(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.refund_mark_paid(actor=request.user, refund_id=pk)
    except PaymentError as error:
        _fail(request, error)
    else:
        flash.success(request, str(messages.REFUND_MARKED_PAID))
    return redirect("payments:refunds")


# --- Stripe ---------------------------------------------------------------------------------


# --- The payer's card pages --------------------------------------------------------------------


def _payer_card_payment(request: HttpRequest, pk: int, **kwargs: object):
    """The card payment ``pk`` for its payer; 404 for anyone else signed in (a 403 would tell
    them it exists); anonymous visitors get the login page from the rule."""
    payment = selectors.payment_by_id(pk)
    if payment is None or payment.method != Method.CARD:
        raise Http404
    return hidden_unless_visible(PAYER_RULE, request.user, payment)


def _purpose_info(payment) -> purposes.PurposeInfo:
    return purposes.describe(payment.purpose, [payment.purpose_id])[payment.purpose_id]


@require_GET
@csp_update(STRIPE_CSP)
@rule_required(PAYER_RULE, get_object=_payer_card_payment)
def card_pay(request: HttpRequest, pk: int, obj) -> HttpResponse:
    """The card holder confirms the payment in Stripe's Payment Element (Stripe.js), which
    then sends the browser to :func:`card_return`. A payment that is no longer pending shows
    its state instead of the form."""
    ready = bool(
        obj.status == Status.PENDING and obj.stripe_client_secret and gateway.card_available()
    )
    return render(
        request,
        "payments/card_pay.html",
        {
            "payment": obj,
            "info": _purpose_info(obj),
            "ready": ready,
            "publishable_key": gateway.publishable_key() if ready else "",
            "return_url": request.build_absolute_uri(
                reverse("payments:card_return", args=[obj.pk])
            ),
        },
    )


@require_GET
@rule_required(PAYER_RULE, get_object=_payer_card_payment)
def card_return(request: HttpRequest, pk: int, obj) -> HttpResponse:
    """Where Stripe.js sends the card holder back. The query string Stripe adds
    (``payment_intent``, ``redirect_status``) is not trusted: the outcome is read from our
    payment, or from the PaymentIntent at Stripe while the webhook has not arrived. Nothing is
    written, so reloading changes nothing."""
    return render(
        request,
        "payments/card_return.html",
        {"payment": obj, "info": _purpose_info(obj), "outcome": selectors.card_outcome(obj)},
    )


@csrf_exempt
@require_POST
@public
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe's events, proved by their signature (``Stripe-Signature``): a bad signature or
    body → 400 and nothing written; an event for an unknown payment → logged, 200 (Stripe
    would otherwise retry it for days); a replay → 200, nothing changed."""
    if not gateway.webhook_configured():
        return HttpResponse(messages.WEBHOOK_BAD_SIGNATURE, status=400, content_type="text/plain")
    try:
        event = gateway.construct_event(request.body, request.headers.get("Stripe-Signature", ""))
    except stripe.SignatureVerificationError:
        logger.warning("Stripe webhook with a bad signature refused")
        return HttpResponse(messages.WEBHOOK_BAD_SIGNATURE, status=400, content_type="text/plain")
    except ValueError:
        return HttpResponse(messages.WEBHOOK_BAD_PAYLOAD, status=400, content_type="text/plain")
    try:
        outcome = handle_event(event)
    except stripe.StripeError:
        # Stripe's fee could not be read: nothing was written; Stripe retries the event.
        logger.exception("Stripe webhook: a call to Stripe failed, the event will be retried")
        return HttpResponse("retry", status=503, content_type="text/plain")
    return HttpResponse(outcome.result, status=200, content_type="text/plain")
