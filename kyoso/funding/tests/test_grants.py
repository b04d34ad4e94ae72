"""From donations to a paid grant: donations count when captured, a round is screened by two
reviewers through kyoso.screening, the selected application is granted (money committed in the
ledger), tranches are paid in order and each later one only after the report on the previous."""

from __future__ import annotations

import pytest

from kyoso.funding import messages
from kyoso.funding.models import ApplicationStatus, DonationStatus, Fund, FundYear
from kyoso.funding.selectors import money_figures_by_fiscal_year, transparency
from kyoso.funding.services import (
    FundingError,
    grant_agree,
    report_submit,
    tranche_pay,
)
from kyoso.funding.tests.conftest import donate
from kyoso.funding.tests.flow import apply, screen
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.selectors import balances


def test_opening_a_fund_opens_its_ledger_accounts(fund):
    assert balances([fund.available_key, fund.committed_key]) == {
        fund.available_key: 0,
        fund.committed_key: 0,
    }
    from kyoso.ledger.selectors import accounts_of

    assert [(a.key, a.non_negative) for a in accounts_of("funding", fund.pk)] == [
        (fund.available_key, True),
        (fund.committed_key, True),
    ]


def test_a_donation_counts_when_captured_and_gets_a_receipt(fund, citizen, company, company_admin):
    first = donate(fund, citizen, 10_000, public_name="鈴木")
    second = donate(fund, company_admin, 500_000, donor_organization=company)
    assert first.status == DonationStatus.CAPTURED and first.received == 10_000
    assert (first.receipt.number, second.receipt.number) == (1, 2)
    fund.refresh_from_db()
    assert (fund.raised, fund.donation_count) == (510_000, 2)
    year = FundYear.objects.get(fund=fund)
    assert (year.raised_people, year.raised_organizations) == (10_000, 500_000)
    assert transparency(fund).available == 510_000
    assert check_ledger() == []


def test_a_capture_replayed_changes_nothing(fund, citizen):
    from kyoso.funding.services import donation_captured

    donation = donate(fund, citizen, 3_000)
    assert donation_captured(donation_id=donation.pk, amount=3_000) is False
    fund.refresh_from_db()
    assert fund.raised == 3_000


def test_the_whole_grant_flow(fund, manager, citizen, lead, project, grant_round, reviewers):
    donate(fund, citizen, 1_000_000)
    application = apply(grant_round, lead, project)
    assert application.requested == 300_000
    screen(application, reviewers)
    assert application.status == ApplicationStatus.SELECTED

    grant = grant_agree(
        actor=manager,
        application=application,
        amount=300_000,
        tranches=[200_000, 100_000],
        terms="年度末に報告書を提出すること。",
    )
    figures = transparency(Fund.objects.get(pk=fund.pk))
    assert (figures.available, figures.committed, figures.granted) == (700_000, 300_000, 300_000)

    first, second = grant.tranches.order_by("number")
    tranche_pay(actor=manager, tranche=first)
    with pytest.raises(FundingError) as refused:
        tranche_pay(actor=manager, tranche=second)
    assert refused.value.message == messages.REPORT_MISSING % {"number": 2, "previous": 1}

    report_submit(
        actor=lead,
        grant=grant,
        tranche_number=1,
        progress="4回開催し、のべ80人が参加しました。",
        spending={"食材費": 150_000, "会場費": 40_000},
    )
    tranche_pay(actor=manager, tranche=second)

    figures = transparency(Fund.objects.get(pk=fund.pk))
    assert (figures.raised, figures.granted, figures.disbursed) == (1_000_000, 300_000, 300_000)
    assert (figures.available, figures.committed, figures.balance) == (700_000, 0, 700_000)
    assert [(f.title, f.granted, f.disbursed) for f in figures.flows] == [
        ("空き家で子ども食堂", 300_000, 300_000)
    ]
    # The page's figures add up to the ledger: what the fund holds is raised − disbursed.
    assert figures.balance == figures.raised - figures.disbursed
    assert check_ledger() == []
    (fy,) = money_figures_by_fiscal_year()
    assert money_figures_by_fiscal_year()[fy]["granted"] == 300_000


def test_a_decision_not_to_select_reaches_the_application(lead, project, grant_round, reviewers):
    application = apply(grant_round, lead, project)
    screen(application, reviewers, outcome="not_selected", reason="対象地域の外です。")
    assert application.status == ApplicationStatus.NOT_SELECTED
    assert application.decision_reason == "対象地域の外です。"


def test_a_granted_application_keeps_its_grant(
    fund, manager, citizen, lead, project, grant_round, reviewers
):
    from kyoso.screening import selectors as screening
    from kyoso.screening.models import Decision, ScreeningItem
    from kyoso.screening.services import decision_record

    donate(fund, citizen, 500_000)
    application = apply(grant_round, lead, project)
    screen(application, reviewers)
    grant_agree(
        actor=manager, application=application, amount=300_000, tranches=[300_000], terms="条件"
    )
    item = ScreeningItem.objects.get(subject_id=application.pk)
    round_ = screening.round_get(item.round_id)
    before = Decision.objects.count()
    with pytest.raises(FundingError):
        decision_record(
            actor=reviewers[0],
            item=screening.item_get(round_, item.pk),
            outcome="not_selected",
            reason="やはり不採択",
        )
    assert Decision.objects.count() == before
    application.refresh_from_db()
    assert application.status == ApplicationStatus.GRANTED


def test_reviewers_who_belong_to_the_project_are_conflicted(lead, project, grant_round, reviewers):
    from kyoso.funding.services.grants import screening_round
    from kyoso.projects.tests.factories import add_member
    from kyoso.screening import selectors as screening

    add_member(project, reviewers[1])
    apply(grant_round, lead, project)
    round_ = screening_round(grant_round)
    assert len(screening.items_for_reviewer(round_, reviewers[0])) == 1
    assert screening.items_for_reviewer(round_, reviewers[1]) == []
