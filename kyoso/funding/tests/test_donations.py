"""Donations through the payments app: started with a reference code, counted when the payment
is captured (and only once), refunds taken off the figures, bad input refused with nothing
written; the ledger balanced after every test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kyoso.funding import messages
from kyoso.funding.models import Designation, Donation, DonationStatus, Fund, FundYear
from kyoso.funding.selectors import transparency
from kyoso.funding.services import FundingError, donation_start, grant_agree
from kyoso.funding.tests.conftest import capture, donate, pending_donation
from kyoso.funding.tests.flow import apply, screen
from kyoso.ledger.checks import check_ledger


@pytest.fixture(autouse=True)
def ledger_still_balanced(db):
    yield
    assert check_ledger() == []


def payments_count() -> int:
    from kyoso.payments.selectors import payment_list

    return payment_list().count()


def test_a_bank_transfer_gets_a_reference_and_counts_once_captured(fund, citizen):
    donation, payment = donation_start(
        actor=citizen,
        fund=fund,
        amount=10_000,
        method="bank_transfer",
        receipt_name="鈴木 花子",
        payer_kana="スズキ ハナコ",
        designation=Designation.THEME,
        theme="子ども",
        public_name="すずき",
        message="がんばってください",
        idempotency_key="form-1",
    )
    assert payment.reference and payment.purpose == "funding.donation"
    assert payment.purpose_id == donation.pk and donation.payment_id == payment.pk
    assert donation.status == DonationStatus.PENDING
    assert Fund.objects.get(pk=fund.pk).raised == 0
    capture(donation)
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CAPTURED and donation.receipt.number == 1
    assert transparency(Fund.objects.get(pk=fund.pk)).available == 10_000
    # The same form sent twice starts one donation and one payment.
    again, same_payment = donation_start(
        actor=citizen,
        fund=fund,
        amount=10_000,
        method="bank_transfer",
        receipt_name="鈴木 花子",
        idempotency_key="form-1",
    )
    assert again.pk == donation.pk and same_payment.pk == payment.pk
    assert Donation.objects.count() == 1 and payments_count() == 1


def test_a_replayed_capture_counts_once(fund, citizen):
    from django.db import transaction

    from kyoso.payments.selectors import payment_by_id
    from kyoso.payments.services import record_capture

    donation = donate(fund, citizen, 5_000)
    with transaction.atomic():
        assert record_capture(actor=None, payment=payment_by_id(donation.payment_id)) is False
    assert Fund.objects.get(pk=fund.pk).raised == 5_000


def test_an_organizations_donation_counts_as_the_organizations(fund, company_admin, company):
    donate(fund, company_admin, 300_000, donor_organization=company)
    year = FundYear.objects.get(fund=fund)
    assert (year.raised_people, year.raised_organizations) == (0, 300_000)


def test_one_cannot_donate_in_the_name_of_an_organization_one_does_not_manage(
    fund, citizen, company
):
    with pytest.raises(FundingError) as refused:
        pending_donation(fund, citizen, 1_000, donor_organization=company)
    assert refused.value.message == messages.NOT_IN_ORGANIZATION


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": 0}, messages.AMOUNT_NOT_POSITIVE),
        ({"amount": -500}, messages.AMOUNT_NOT_POSITIVE),
        ({"amount": 1000.5}, messages.AMOUNT_NOT_INTEGER),
        ({"amount": Decimal("1000")}, messages.AMOUNT_NOT_INTEGER),
        ({"amount": "1000"}, messages.AMOUNT_NOT_INTEGER),
        ({"amount": 10**11}, messages.AMOUNT_ABSURD),
        ({"method": "cash"}, messages.METHOD_INVALID),
        ({"receipt_name": "  "}, messages.RECEIPT_NAME_REQUIRED),
        ({"designation": Designation.THEME, "theme": "観光"}, messages.THEME_UNKNOWN),
        ({"designation": Designation.PROJECT}, messages.PROJECT_REQUIRED),
    ],
)
def test_bad_donations_write_nothing(fund, citizen, overrides, message):
    kwargs = {
        "actor": citizen,
        "fund": fund,
        "amount": 1_000,
        "method": "bank_transfer",
        "receipt_name": "鈴木",
        "idempotency_key": "bad-1",
    }
    with pytest.raises(FundingError) as refused:
        donation_start(**{**kwargs, **overrides})
    assert refused.value.message == message
    assert Donation.objects.count() == 0 and payments_count() == 0


def test_a_refusal_of_the_payments_app_leaves_no_donation(fund, citizen):
    with pytest.raises(FundingError) as refused:
        donation_start(
            actor=citizen,
            fund=fund,
            amount=1_000,
            method="bank_transfer",
            receipt_name="鈴木",
            payer_kana="すずき<script>",
            idempotency_key="bad-kana",
        )
    assert refused.value.code == "payer_kana_invalid" and refused.value.field == "payer_kana"
    assert Donation.objects.count() == 0 and payments_count() == 0


def test_a_refund_comes_off_the_figures(fund, citizen, manager):
    from kyoso.payments.services import payment_refund

    donation = donate(fund, citizen, 10_000)
    payment_refund(actor=manager, payment_id=donation.payment_id, amount=4_000, reason="一部返金")
    donation.refresh_from_db()
    assert (donation.refunded, donation.net, donation.status) == (4_000, 6_000, "captured")
    fund.refresh_from_db()
    assert fund.raised == 6_000 and transparency(fund).available == 6_000
    payment_refund(actor=manager, payment_id=donation.payment_id, reason="残りも返金")
    donation.refresh_from_db()
    assert donation.status == DonationStatus.REFUNDED
    assert Fund.objects.get(pk=fund.pk).raised == 0


def test_money_already_granted_cannot_be_refunded(
    fund, citizen, manager, lead, project, grant_round, reviewers
):
    from kyoso.payments.errors import PaymentError
    from kyoso.payments.services import payment_refund

    donation = donate(fund, citizen, 300_000)
    application = apply(grant_round, lead, project)
    screen(application, reviewers)
    grant_agree(
        actor=manager, application=application, amount=300_000, tranches=[300_000], terms="条件"
    )
    with pytest.raises(PaymentError):
        payment_refund(actor=manager, payment_id=donation.payment_id, reason="返金希望")
    assert Fund.objects.get(pk=fund.pk).raised == 300_000
    assert Donation.objects.get(pk=donation.pk).refunded == 0


def test_a_cancelled_payment_cancels_the_donation(fund, citizen, manager):
    from kyoso.payments.services import payment_cancel

    donation = pending_donation(fund, citizen, 2_000)
    payment_cancel(actor=manager, payment_id=donation.payment_id, reason="振込がなかった")
    assert Donation.objects.get(pk=donation.pk).status == DonationStatus.CANCELLED
