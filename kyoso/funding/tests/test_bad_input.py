"""Bad input gets a clear message and writes nothing; the ledger stays balanced (checked at
the end of each test)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kyoso.funding import messages
from kyoso.funding.models import Application, ApplicationStatus, Grant, GrantRound, Report
from kyoso.funding.selectors import transparency
from kyoso.funding.services import (
    FundingError,
    application_submit,
    grant_agree,
    report_submit,
    round_create,
    tranche_pay,
)
from kyoso.funding.services.common import clean_amount
from kyoso.funding.tests.conftest import BUDGET, CRITERIA, donate
from kyoso.funding.tests.flow import apply, screen
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.models import Transaction


@pytest.fixture(autouse=True)
def ledger_still_balanced(db):
    yield
    assert check_ledger() == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, messages.AMOUNT_NOT_POSITIVE),
        (-1, messages.AMOUNT_NOT_POSITIVE),
        (1.5, messages.AMOUNT_NOT_INTEGER),
        (Decimal("100"), messages.AMOUNT_NOT_INTEGER),
        ("1000", messages.AMOUNT_NOT_INTEGER),
        (True, messages.AMOUNT_NOT_INTEGER),
        (None, messages.AMOUNT_NOT_INTEGER),
        (10**10 + 1, messages.AMOUNT_ABSURD),
        (10**30, messages.AMOUNT_ABSURD),
    ],
)
def test_amounts_that_are_not_whole_positive_sane_yen(value, message):
    with pytest.raises(FundingError) as refused:
        clean_amount(value)
    assert refused.value.message == message


@pytest.fixture
def selected(fund, citizen, lead, project, grant_round, reviewers):
    donate(fund, citizen, 250_000)
    application = apply(grant_round, lead, project)
    screen(application, reviewers)
    return application


@pytest.mark.parametrize("amount", [0, -300_000, 299_999.5, "300000", 10**13])
def test_a_grant_with_a_bad_amount_writes_nothing(manager, selected, amount):
    before = Transaction.objects.count()
    with pytest.raises(FundingError):
        grant_agree(actor=manager, application=selected, amount=amount, tranches=[1], terms="条件")
    assert Grant.objects.count() == 0 and Transaction.objects.count() == before


def test_a_grant_above_the_available_balance(fund, manager, selected):
    before = Transaction.objects.count()
    with pytest.raises(FundingError) as refused:
        grant_agree(
            actor=manager, application=selected, amount=300_000, tranches=[300_000], terms="条件"
        )
    assert refused.value.code == "above_available"
    assert refused.value.message == messages.GRANT_ABOVE_AVAILABLE % {
        "amount": "300,000円",
        "available": "250,000円",
    }
    # Nothing half-written: no grant, no tranche, the application still selected, no posting.
    assert Grant.objects.count() == 0 and Transaction.objects.count() == before
    assert Application.objects.get(pk=selected.pk).status == ApplicationStatus.SELECTED
    figures = transparency(fund)
    assert (figures.granted, figures.available, figures.committed) == (0, 250_000, 0)


def test_a_grant_counts_earlier_commitments(fund, manager, citizen, lead, grant_round, reviewers):
    from kyoso.projects.tests.factories import project_led_by

    donate(fund, citizen, 400_000)
    first = apply(grant_round, lead, project_led_by(lead, title="一つ目"))
    second = apply(grant_round, lead, project_led_by(lead, title="二つ目"))
    screen(first, reviewers)
    screen(second, reviewers)
    grant_agree(actor=manager, application=first, amount=300_000, tranches=[300_000], terms="条件")
    with pytest.raises(FundingError) as refused:
        grant_agree(
            actor=manager, application=second, amount=200_000, tranches=[200_000], terms="条件"
        )
    assert refused.value.message == messages.GRANT_ABOVE_AVAILABLE % {
        "amount": "200,000円",
        "available": "100,000円",
    }


def test_grant_refusals(fund, manager, citizen, selected):
    donate(fund, citizen, 1_000_000)
    cases = [
        ({"amount": 400_000, "tranches": [400_000]}, "above_request"),
        ({"amount": 300_000, "tranches": [100_000, 100_000]}, "tranches_invalid"),
        ({"amount": 300_000, "tranches": [300_000, 0]}, "amount_not_positive"),
        ({"amount": 300_000, "tranches": []}, "tranches_invalid"),
    ]
    for kwargs, code in cases:
        with pytest.raises(FundingError) as refused:
            grant_agree(actor=manager, application=selected, terms="条件", **kwargs)
        assert refused.value.code == code
    with pytest.raises(FundingError) as refused:
        grant_agree(
            actor=manager, application=selected, amount=300_000, tranches=[300_000], terms=" "
        )
    assert refused.value.message == messages.TERMS_REQUIRED
    assert Grant.objects.count() == 0


def test_an_application_not_selected_cannot_be_granted(
    fund, manager, citizen, lead, project, grant_round
):
    donate(fund, citizen, 1_000_000)
    application = apply(grant_round, lead, project)
    with pytest.raises(FundingError) as refused:
        grant_agree(
            actor=manager, application=application, amount=1_000, tranches=[1_000], terms="条件"
        )
    assert refused.value.message == messages.NOT_SELECTED_YET


def test_reports_missing_and_tranches_out_of_order(fund, manager, lead, selected, citizen):
    donate(fund, citizen, 100_000)
    grant = grant_agree(
        actor=manager,
        application=selected,
        amount=300_000,
        tranches=[100_000, 100_000, 100_000],
        terms="条件",
    )
    first, second, _third = grant.tranches.order_by("number")
    with pytest.raises(FundingError) as refused:
        tranche_pay(actor=manager, tranche=second)
    assert refused.value.message == messages.TRANCHE_OUT_OF_ORDER
    with pytest.raises(FundingError) as refused:
        report_submit(actor=lead, grant=grant, tranche_number=1, progress="進捗", spending={})
    assert refused.value.message == messages.REPORT_NOT_DUE
    tranche_pay(actor=manager, tranche=first)
    with pytest.raises(FundingError) as refused:
        tranche_pay(actor=manager, tranche=first)
    assert refused.value.message == messages.TRANCHE_ALREADY_PAID
    with pytest.raises(FundingError) as refused:
        tranche_pay(actor=manager, tranche=second)
    assert refused.value.code == "report_missing"
    for spending, label in [
        ({"食材費": -1}, "食材費"),
        ({"食材費": 1.5}, "食材費"),
        ({"交通費": 1_000}, "交通費"),
    ]:
        with pytest.raises(FundingError) as refused:
            report_submit(
                actor=lead, grant=grant, tranche_number=1, progress="進捗", spending=spending
            )
        assert refused.value.message == messages.SPENDING_INVALID % {"label": label}
    with pytest.raises(FundingError) as refused:
        report_submit(actor=lead, grant=grant, tranche_number=1, progress="", spending={})
    assert refused.value.message == messages.PROGRESS_REQUIRED
    assert Report.objects.count() == 0
    assert grant.tranches.filter(paid_at__isnull=False).count() == 1


def test_application_refusals(manager, lead, outsider, project, grant_round):
    from django.core.exceptions import PermissionDenied

    def submit(**overrides):
        kwargs = {
            "actor": lead,
            "grant_round": grant_round,
            "project": project,
            "plan": "計画",
            "budget": BUDGET,
            "eligibility_answers": [True],
        }
        kwargs.update(overrides)
        with pytest.raises(FundingError) as refused:
            application_submit(**kwargs)
        return refused.value

    assert submit(eligibility_answers=[False]).message == messages.NOT_ELIGIBLE
    assert submit(eligibility_answers=[]).message == messages.NOT_ELIGIBLE
    assert submit(actor=outsider).message == messages.NOT_PROJECT_LEAD
    assert submit(plan="  ").message == messages.PLAN_REQUIRED
    assert submit(budget=[]).message == messages.BUDGET_REQUIRED
    assert submit(budget=[{"label": "食材費", "amount": 0}]).code == "amount_not_positive"
    assert submit(budget=[{"label": "", "amount": 10}]).message == messages.BUDGET_LINE_INVALID % {
        "line": 1
    }
    assert submit(budget=[{"label": "機材", "amount": 600_000}]).code == "above_round_max"
    assert submit(now=grant_round.deadline + timedelta(seconds=1)).message == messages.ROUND_CLOSED
    assert Application.objects.count() == 0
    apply_once = {"plan": "計画", "budget": BUDGET, "eligibility_answers": [True]}
    application_submit(actor=lead, grant_round=grant_round, project=project, **apply_once)
    assert submit().message == messages.ALREADY_APPLIED
    unverified = type(lead).objects.create(email="x@example.jp", display_name="未確認")
    with pytest.raises(PermissionDenied):
        application_submit(actor=unverified, grant_round=grant_round, project=project, **apply_once)


def test_round_refusals(fund, manager, outsider):
    from django.core.exceptions import PermissionDenied

    base = {
        "actor": manager,
        "fund": fund,
        "title": "公募",
        "description": "要項",
        "deadline": timezone.now() + timedelta(days=1),
        "max_amount": 100_000,
        "criteria": CRITERIA,
    }
    for overrides, message in [
        ({"title": ""}, messages.ROUND_TITLE_REQUIRED),
        ({"deadline": timezone.now() - timedelta(days=1)}, messages.DEADLINE_PAST),
        ({"criteria": []}, messages.CRITERIA_REQUIRED),
        ({"max_amount": 0}, messages.AMOUNT_NOT_POSITIVE),
    ]:
        with pytest.raises(FundingError) as refused:
            round_create(**{**base, **overrides})
        assert refused.value.message == message
    with pytest.raises(PermissionDenied):
        round_create(**{**base, "actor": outsider})
    assert GrantRound.objects.count() == 0
