"""Bank statements in, payments captured: upload (validated whole, nothing written on bad
input), background processing with progress, reconciliation by reference code and amount
(the payer's kana name as a hint), and the staff's resolutions of what did not match.

Idempotent twice over: the file's SHA-256 is unique (the same file is refused with the date
it was imported), and each line's hash is unique (a line already seen in an overlapping
statement is skipped); a capture posts under ``payments:payment:<id>:captured``.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import formats, timezone
from django_tasks import task

from kyoso.audit.services import audit_record
from kyoso.payments import accounts, audit, messages
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import (
    OPEN_LINE_STATUSES,
    ImportStatus,
    LineStatus,
    Method,
    Payment,
    Refund,
    RefundStatus,
    StatementImport,
    StatementLine,
    Status,
)
from kyoso.payments.references import find_reference, kana_key
from kyoso.payments.services import _ledger, _user, clean_reason, record_capture
from kyoso.payments.statements import ParsedLine, parse_statement

logger = logging.getLogger(__name__)

#: Lines processed per database transaction (and per progress update).
CHUNK = 200
FILENAME_MAX = 200


def statement_upload(*, actor: Any, filename: str, content: bytes) -> StatementImport:
    """Check the whole file, then queue it for processing. Bad input (wrong format or
    encoding, a damaged record, duplicated lines, a file already imported) raises
    :class:`PaymentError` and writes nothing."""
    parsed = parse_statement(content)
    digest = hashlib.sha256(content).hexdigest()
    with db_transaction.atomic():
        earlier = StatementImport.objects.filter(file_hash=digest).first()
        if earlier is None:
            try:
                with db_transaction.atomic():
                    statement = StatementImport.objects.create(
                        filename=(filename or "statement")[:FILENAME_MAX],
                        format=parsed.format,
                        file_hash=digest,
                        content=content,
                        status=ImportStatus.QUEUED,
                        total_lines=len(parsed.lines),
                        created_by=_user(actor),
                    )
            except IntegrityError:
                earlier = StatementImport.objects.filter(file_hash=digest).first()
            else:
                audit_record(
                    actor=actor,
                    action=audit.STATEMENT_IMPORTED,
                    target=statement,
                    data={"format": parsed.format, "lines": len(parsed.lines), "sha256": digest},
                )
                db_transaction.on_commit(lambda: process_statement.enqueue(statement.pk))
                return statement
    assert earlier is not None  # the unique hash was taken: the row exists
    when = formats.date_format(timezone.localtime(earlier.created_at), "DATETIME_FORMAT")
    raise PaymentError(
        messages.STATEMENT_ALREADY_IMPORTED % {"date": when}, "statement_already_imported"
    )


@task()
def process_statement(import_id: int) -> int:
    return statement_process(import_id)


def statement_process(import_id: int) -> int:
    """Import and reconcile the lines of a queued statement, ``CHUNK`` lines per database
    transaction, updating the progress. Safe to run again after a crash (a failed import
    is resumed): lines already imported are skipped by their hash. Returns the number of
    lines new in this run."""
    moved = StatementImport.objects.filter(
        pk=import_id,
        status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING, ImportStatus.FAILED],
    ).update(status=ImportStatus.RUNNING, error="")
    if not moved:
        return 0
    statement = StatementImport.objects.get(pk=import_id)
    new = 0
    try:
        parsed = parse_statement(bytes(statement.content))
        for start in range(0, len(parsed.lines), CHUNK):
            chunk = parsed.lines[start : start + CHUNK]
            with db_transaction.atomic():
                new += sum(1 for line in chunk if _import_line(statement, line))
                StatementImport.objects.filter(pk=import_id).update(
                    processed_lines=start + len(chunk),
                    # Counted, not added: a run resumed after a crash counts the lines the
                    # first run committed too.
                    new_lines=StatementLine.objects.filter(statement_id=import_id).count(),
                )
    except Exception as error:
        # The chunks already committed stay (each line is whole and idempotent); running the
        # task again resumes. The page shows the error.
        logger.exception("Statement import %s failed", import_id)
        StatementImport.objects.filter(pk=import_id).update(
            status=ImportStatus.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        return new
    StatementImport.objects.filter(pk=import_id).update(
        status=ImportStatus.DONE, finished_at=timezone.now()
    )
    return new


def _import_line(statement: StatementImport, parsed: ParsedLine) -> bool:
    reference = find_reference(parsed.payer_kana, parsed.description)
    try:
        with db_transaction.atomic():
            line = StatementLine.objects.create(
                statement=statement,
                line_number=parsed.line_number,
                line_hash=parsed.line_hash,
                booked_on=parsed.booked_on,
                amount=parsed.amount,
                payer_kana=parsed.payer_kana[:100],
                description=parsed.description[:200],
                bank_reference=parsed.bank_reference[:40],
                reference=reference,
                status=LineStatus.UNMATCHED,
            )
    except IntegrityError:
        return False  # seen in an earlier statement
    try:
        with db_transaction.atomic():
            _reconcile(line)
    except PaymentError as error:
        # e.g. the purpose's app no longer takes money for it: left for the staff to resolve.
        _set(line, LineStatus.UNMATCHED, note=str(error)[:500])
    return True


def _reconcile(line: StatementLine) -> None:
    payment = (
        Payment.objects.select_for_update()
        .filter(reference=line.reference, method=Method.BANK_TRANSFER)
        .first()
        if line.reference
        else None
    )
    if payment is None:
        note = "参照番号が見つかりません" if line.reference else "参照番号の記載がありません"
        _set(line, LineStatus.UNMATCHED, note=note)
        return
    if payment.status != Status.PENDING:
        _set(line, LineStatus.OVER, payment=payment, note="既に入金済みか取り消し済みの支払いです")
    elif line.amount == payment.amount:
        record_capture(
            actor=None, payment=payment, amount=line.amount, reason=f"明細 {line.pk} と照合"
        )
        _set(line, LineStatus.MATCHED, payment=payment)
    elif line.amount < payment.amount:
        _set(line, LineStatus.PARTIAL, payment=payment, note="金額が不足しています")
    else:
        _set(line, LineStatus.OVER, payment=payment, note="金額が多すぎます")


def _set(
    line: StatementLine, status: str, *, payment: Payment | None = None, note: str = ""
) -> None:
    StatementLine.objects.filter(pk=line.pk).update(status=status, payment=payment, note=note)
    line.status, line.payment, line.note = status, payment, note


def kana_suggestions(line: StatementLine, *, limit: int = 5) -> list[Payment]:
    """Pending bank transfers this line may be: the payment its reference names (a partial
    payment) first, then those whose payer's kana matches the line's name (either contains
    the other: banks cut long names), the same amount before others."""
    name = "".join(ch for ch in kana_key(line.payer_kana) if not ch.isascii())
    candidates = list(
        Payment.objects.filter(method=Method.BANK_TRANSFER, status=Status.PENDING).order_by("-id")[
            :500
        ]
    )
    scored = []
    for payment in candidates:
        theirs = kana_key(payment.payer_kana)
        named = payment.pk == line.payment_id
        close = len(name) >= 2 and len(theirs) >= 2 and (theirs in name or name in theirs)
        if named or close:
            scored.append((not named, payment.amount != line.amount, -payment.pk, payment))
    return [row[-1] for row in sorted(scored, key=lambda row: row[:3])[:limit]]


# --- The staff's resolutions ------------------------------------------------------------------


def _claim_line(line_id: Any, **changes: Any) -> StatementLine:
    if isinstance(line_id, bool) or not isinstance(line_id, int):
        raise PaymentError(messages.LINE_NOT_OPEN, "line_not_open")
    line = StatementLine.objects.select_for_update().filter(pk=line_id).first()
    if line is None:
        raise PaymentError(messages.LINE_NOT_OPEN, "line_not_open")
    moved = StatementLine.objects.filter(pk=line.pk, status__in=OPEN_LINE_STATUSES).update(
        resolved_at=timezone.now(), **changes
    )
    if not moved:
        raise PaymentError(messages.LINE_NOT_OPEN, "line_not_open")
    return line


def line_assign(*, actor: Any, line_id: int, payment_id: int, reason: str = "") -> StatementLine:
    """The line is this pending bank transfer's money (a mistyped code, a partial or an
    over-payment the secretariat accepts): capture the payment for the line's amount (an
    excess can then be refunded with ``payment_refund``)."""
    with db_transaction.atomic():
        line = _claim_line(
            line_id,
            status=LineStatus.ASSIGNED,
            resolved_by=_user(actor),
            note=(reason or "")[:500],
        )
        payment = (
            Payment.objects.select_for_update()
            .filter(pk=payment_id, method=Method.BANK_TRANSFER, status=Status.PENDING)
            .first()
            if isinstance(payment_id, int) and not isinstance(payment_id, bool)
            else None
        )
        if payment is None:
            raise PaymentError(messages.LINE_PAYMENT_NOT_PENDING, "line_payment_not_pending")
        StatementLine.objects.filter(pk=line.pk).update(payment=payment)
        record_capture(
            actor=actor, payment=payment, amount=line.amount, reason=reason or f"明細 {line.pk}"
        )
        audit_record(
            actor=actor,
            action=audit.LINE_ASSIGNED,
            target=line,
            data={"payment": payment.pk, "amount": line.amount, "reason": reason},
        )
        line.refresh_from_db()
        return line


def line_refund(*, actor: Any, line_id: int, reason: str) -> Refund:
    """Money that belongs to no payment goes back to the payer: it came into the bank and is
    now owed back (``payments.cash.bank`` / ``payments.refunds.owed``) until staff mark the
    refund paid."""
    reason = clean_reason(reason)
    with db_transaction.atomic():
        line = _claim_line(
            line_id, status=LineStatus.REFUNDED, resolved_by=_user(actor), note=reason
        )
        refund = Refund.objects.create(
            statement_line=line,
            amount=line.amount,
            reason=reason,
            status=RefundStatus.OWED,
            created_by=_user(actor),
        )
        _ledger(
            actor=actor,
            kind="payment.unmatched_refund",
            entries=[
                (accounts.ensure(accounts.CASH_BANK), line.amount),
                (accounts.ensure(accounts.REFUNDS_OWED), -line.amount),
            ],
            memo=f"照合できない入金の返金 {line.booked_on} {line.payer_kana}"[:500],
            idempotency_key=f"payments:line:{line.pk}:refund",
        )
        audit_record(
            actor=actor,
            action=audit.LINE_REFUNDED,
            target=line,
            data={"amount": line.amount, "reason": reason, "refund": refund.pk},
        )
        return refund


def line_ignore(*, actor: Any, line_id: int, reason: str) -> StatementLine:
    """Not a payment (bank interest, a transfer between Kyoso's own accounts): nothing is
    posted; the reason is kept."""
    reason = clean_reason(reason)
    with db_transaction.atomic():
        line = _claim_line(
            line_id, status=LineStatus.IGNORED, resolved_by=_user(actor), note=reason
        )
        audit_record(actor=actor, action=audit.LINE_IGNORED, target=line, data={"reason": reason})
        line.refresh_from_db()
        return line
