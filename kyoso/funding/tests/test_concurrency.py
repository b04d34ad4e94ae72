"""Real concurrency (threads, one connection each, SQLite and PostgreSQL): parallel grant
agreements never commit more than the fund has available; parallel captures number their
receipts 1..N with no gap and no repeat."""

from __future__ import annotations

import pytest

from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.funding.models import Application, Donation, Fund, Grant, Receipt
from kyoso.funding.services import FundingError, grant_agree
from kyoso.funding.tests.conftest import capture, donate, pending_donation
from kyoso.funding.tests.flow import apply, screen
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.selectors import balances

THREADS = 6


@pytest.mark.django_db(transaction=True)
def test_parallel_grants_never_exceed_what_is_available(
    tmp_path, fund, manager, citizen, lead, grant_round, reviewers
):
    from kyoso.projects.tests.factories import project_led_by

    donate(fund, citizen, 500_000)
    ids = []
    for n in range(THREADS):
        application = apply(grant_round, lead, project_led_by(lead, title=f"事業{n}"))
        screen(application, reviewers)
        ids.append(application.pk)

    def agree(application_id):
        def run():
            from kyoso.accounts.models import User

            application = Application.objects.select_related("round__fund__organization").get(
                pk=application_id
            )
            try:
                return grant_agree(
                    actor=User.objects.get(pk=manager.pk),
                    application=application,
                    amount=300_000,
                    tranches=[300_000],
                    terms="条件",
                ).pk
            except FundingError as error:
                return error.code

        return run

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [agree(pk) for pk in ids])
        state = read(
            open_connection,
            lambda: (
                balances([fund.available_key, fund.committed_key]),
                Grant.objects.count(),
                Fund.objects.get(pk=fund.pk).granted,
                check_ledger(),
            ),
        )

    assert sorted(str(a) for a in answers if not isinstance(a, int)) == ["above_available"] * (
        THREADS - 1
    )
    assert state == (
        {fund.available_key: 200_000, fund.committed_key: 300_000},
        1,
        300_000,
        [],
    )


@pytest.mark.django_db(transaction=True)
def test_parallel_captures_number_receipts_without_gaps(tmp_path, fund, citizen):
    donations = [pending_donation(fund, citizen, 1_000 + n) for n in range(THREADS)]

    def job(donation):
        def run():
            capture(Donation.objects.get(pk=donation.pk))
            return Receipt.objects.get(donation_id=donation.pk).number

        return run

    with thread_databases(tmp_path) as open_connection:
        numbers = in_parallel(open_connection, [job(d) for d in donations])
        state = read(
            open_connection,
            lambda: (Fund.objects.get(pk=fund.pk).raised, check_ledger()),
        )

    assert sorted(numbers) == list(range(1, THREADS + 1))
    assert state == (sum(1_000 + n for n in range(THREADS)), [])
