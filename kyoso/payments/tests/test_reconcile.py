"""Importing statements: reconciliation by reference and amount, partial and over-payments,
unknown references, the kana hint, the staff's resolutions, and importing twice."""

from __future__ import annotations

from datetime import date

import pytest

from kyoso.ledger.selectors import balance
from kyoso.payments import messages
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import LineStatus, Refund, StatementImport, StatementLine, Status
from kyoso.payments.reconcile import (
    kana_suggestions,
    line_assign,
    line_ignore,
    line_refund,
    statement_upload,
)
from kyoso.payments.services import payment_refund, refund_mark_paid
from kyoso.payments.tests.helpers import assert_ledger_sound, gift_balance, start
from kyoso.payments.tests.zengin import Movement, zengin_file

pytestmark = pytest.mark.django_db


def code(payment) -> str:
    """As a payer types it in 振込依頼人名: no hyphens, then the name."""
    return payment.reference.replace("-", "")


def upload(content: bytes, actor=None, name="meisai.txt"):
    statement = statement_upload(actor=actor, filename=name, content=content)
    statement.refresh_from_db()  # the immediate task backend has processed it on commit
    return statement


def lines():
    return {line.line_number: line for line in StatementLine.objects.all()}


def test_a_statement_captures_the_payments_it_names(gift, sato, django_capture_on_commit_callbacks):
    exact = start(amount=10_000)
    short = start(amount=20_000, purpose_id=2)
    over = start(amount=5_000, purpose_id=3)
    moves = [
        Movement(10_000, f"{code(exact)} ｽｽﾞｷ ｲﾁﾛｳ", inquiry=1),
        Movement(15_000, f"{code(short)} ﾀﾅｶ", inquiry=2),
        Movement(6_000, f"{exact.reference.lower()}", inquiry=3, description="ﾆｼﾞﾕｳ"),
        Movement(7_000, f"{code(over)}", inquiry=4),
        Movement(4_000, "KY-XXXX-XXXX ﾔﾏﾀﾞ", inquiry=5),
        Movement(2_000, "ｻﾄｳ ﾊﾅｺ", inquiry=6),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        statement = statement_upload(actor=sato, filename="1201.txt", content=zengin_file(moves))
    statement.refresh_from_db()
    assert (statement.status, statement.total_lines, statement.processed_lines) == ("done", 6, 6)
    assert statement.new_lines == 6 and statement.percent == 100
    found = lines()
    assert found[2].status == LineStatus.MATCHED and found[2].payment_id == exact.pk
    assert found[3].status == LineStatus.PARTIAL and found[3].payment_id == short.pk
    assert found[4].status == LineStatus.OVER  # the same payment paid twice
    assert found[5].status == LineStatus.OVER and found[5].payment_id == over.pk
    assert found[6].status == LineStatus.UNMATCHED  # no such reference (not even the alphabet)
    assert found[7].status == LineStatus.UNMATCHED and found[7].note
    exact.refresh_from_db()
    assert exact.status == Status.CAPTURED and gift_balance(1) == 10_000
    assert balance("payments.cash.bank") == 10_000
    assert_ledger_sound()


def test_importing_the_same_statement_twice_changes_nothing(
    gift, django_capture_on_commit_callbacks
):
    payment = start(amount=10_000)
    content = zengin_file([Movement(10_000, code(payment))])
    with django_capture_on_commit_callbacks(execute=True):
        statement_upload(actor=None, filename="a.txt", content=content)
    with pytest.raises(PaymentError) as refused:
        statement_upload(actor=None, filename="a-again.txt", content=content)
    assert refused.value.code == "statement_already_imported"
    assert StatementImport.objects.count() == 1
    # The same transfer in a later, overlapping statement: skipped by its hash.
    later = zengin_file([Movement(10_000, code(payment)), Movement(1_000, "ｽｽﾞｷ", inquiry=2)])
    with django_capture_on_commit_callbacks(execute=True):
        second = statement_upload(actor=None, filename="b.txt", content=later)
    second.refresh_from_db()
    assert (second.total_lines, second.new_lines) == (2, 1)
    assert StatementLine.objects.count() == 2
    assert balance("payments.cash.bank") == 10_000 and gift_balance() == 10_000
    assert_ledger_sound()


def test_a_bad_file_writes_nothing(gift):
    with pytest.raises(PaymentError) as refused:
        statement_upload(actor=None, filename="x.pdf", content=b"%PDF-1.4 nothing")
    assert refused.value.message == messages.STATEMENT_FORMAT_UNKNOWN
    assert StatementImport.objects.count() == 0 and StatementLine.objects.count() == 0


def _import(moves, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statement_upload(actor=None, filename="s.txt", content=zengin_file(moves))
    return lines()


def test_staff_assign_a_partial_payment(gift, sato, django_capture_on_commit_callbacks):
    payment = start(amount=20_000, payer_kana="タナカ ジロウ")
    found = _import([Movement(15_000, f"{code(payment)} ﾀﾅｶ")], django_capture_on_commit_callbacks)
    line = found[2]
    assert kana_suggestions(line) == [payment]
    assigned = line_assign(
        actor=sato, line_id=line.pk, payment_id=payment.pk, reason="不足分は免除"
    )
    assert assigned.status == LineStatus.ASSIGNED and assigned.resolved_by == sato
    payment.refresh_from_db()
    assert payment.status == Status.CAPTURED and payment.captured_amount == 15_000
    assert gift_balance() == 15_000
    with pytest.raises(PaymentError) as refused:
        line_assign(actor=sato, line_id=line.pk, payment_id=payment.pk)
    assert refused.value.message == messages.LINE_NOT_OPEN
    assert_ledger_sound()


def test_an_over_payment_is_assigned_then_the_excess_refunded(
    gift, sato, django_capture_on_commit_callbacks
):
    payment = start(amount=5_000)
    found = _import([Movement(7_000, code(payment))], django_capture_on_commit_callbacks)
    line_assign(actor=sato, line_id=found[2].pk, payment_id=payment.pk)
    refund = payment_refund(actor=sato, payment_id=payment.pk, amount=2_000, reason="過入金の返金")
    refund_mark_paid(actor=sato, refund_id=refund.pk)
    assert gift_balance() == 5_000 and balance("payments.cash.bank") == 5_000
    assert_ledger_sound()


def test_the_kana_name_suggests_the_payment_when_the_code_is_missing(
    gift, django_capture_on_commit_callbacks
):
    suzuki = start(amount=10_000, payer_kana="スズキ イチロウ")
    start(amount=10_000, payer_kana="タナカ ハナコ")
    found = _import([Movement(10_000, "ｽｽﾞｷ ｲﾁﾛｳ")], django_capture_on_commit_callbacks)
    assert found[2].status == LineStatus.UNMATCHED
    assert kana_suggestions(found[2]) == [suzuki]


def test_unmatched_money_is_refunded_or_ignored(gift, sato, django_capture_on_commit_callbacks):
    found = _import(
        [Movement(4_000, "ﾔﾏﾀﾞ", inquiry=1), Movement(12, "ﾘｿｸ", inquiry=2)],
        django_capture_on_commit_callbacks,
    )
    refund = line_refund(actor=sato, line_id=found[2].pk, reason="心当たりのない入金")
    assert refund.status == "owed" and refund.payment is None
    assert balance("payments.cash.bank") == 4_000 and balance("payments.refunds.owed") == 4_000
    refund_mark_paid(actor=sato, refund_id=refund.pk)
    assert balance("payments.cash.bank") == 0 and balance("payments.refunds.owed") == 0
    ignored = line_ignore(actor=sato, line_id=found[3].pk, reason="預金利息")
    assert ignored.status == LineStatus.IGNORED and ignored.note == "預金利息"
    with pytest.raises(PaymentError) as refused:
        line_ignore(actor=sato, line_id=found[3].pk, reason="again")
    assert refused.value.code == "line_not_open"
    with pytest.raises(PaymentError) as refused:
        line_refund(actor=sato, line_id=found[2].pk, reason="again")
    assert refused.value.code == "line_not_open"
    assert Refund.objects.count() == 1
    with pytest.raises(PaymentError) as refused:
        line_ignore(actor=sato, line_id=found[2].pk, reason="  ")
    assert refused.value.message == messages.REASON_REQUIRED
    assert_ledger_sound()


def test_assigning_to_a_payment_that_is_not_pending_is_refused(
    gift, sato, django_capture_on_commit_callbacks
):
    paid = start(amount=1_000)
    found = _import(
        [Movement(1_000, code(paid), inquiry=1), Movement(900, "ﾔﾏﾀﾞ", inquiry=2)],
        django_capture_on_commit_callbacks,
    )
    with pytest.raises(PaymentError) as refused:
        line_assign(actor=sato, line_id=found[3].pk, payment_id=paid.pk)
    assert refused.value.message == messages.LINE_PAYMENT_NOT_PENDING
    assert StatementLine.objects.get(pk=found[3].pk).status == LineStatus.UNMATCHED
    assert_ledger_sound()


def test_csv_statements_reconcile_too(gift, django_capture_on_commit_callbacks):
    payment = start(amount=3_000)
    csv = f"日付,入金金額,振込依頼人名\n2026/12/03,3000,{payment.reference} ｽｽﾞｷ\n".encode("cp932")
    with django_capture_on_commit_callbacks(execute=True):
        statement = statement_upload(actor=None, filename="s.csv", content=csv)
    assert statement.format == "csv"
    payment.refresh_from_db()
    assert payment.status == Status.CAPTURED
    assert StatementLine.objects.get().booked_on == date(2026, 12, 3)


def test_a_crash_mid_import_is_shown_and_running_again_resumes(gift, monkeypatch):
    from kyoso.payments import reconcile

    payments = [start(amount=1_000 + i) for i in range(5)]
    moves = [Movement(p.amount, code(p), inquiry=i) for i, p in enumerate(payments, start=1)]
    monkeypatch.setattr(reconcile, "CHUNK", 2)
    real = reconcile._import_line
    calls = {"n": 0}

    def flaky(statement, line):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(statement, line)

    monkeypatch.setattr(reconcile, "_import_line", flaky)
    statement = statement_upload(actor=None, filename="s.txt", content=zengin_file(moves))
    reconcile.statement_process(statement.pk)
    statement.refresh_from_db()
    assert statement.status == "failed" and statement.error == "disk full"
    assert statement.processed_lines == 2  # the first chunk committed, whole
    assert StatementImport.objects.filter(pk=statement.pk, status="failed").exists()
    assert reconcile.statement_process(statement.pk) == 3  # resumed
    statement.refresh_from_db()
    assert (statement.status, statement.processed_lines, statement.new_lines) == ("done", 5, 5)
    assert StatementLine.objects.filter(status=LineStatus.MATCHED).count() == 5
    assert gift_balance() == sum(p.amount for p in payments)
    assert_ledger_sound()
