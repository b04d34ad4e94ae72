"""Check the ledger's invariants; exit non-zero if any fails (run nightly by the scheduler)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kyoso.ledger.checks import check_ledger, ledger_counts


class Command(BaseCommand):
    help = (
        "Prove every transaction sums to zero, every balance equals the sum of its entries and "
        "no non-negative account is below zero."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        counts = ledger_counts()
        problems = check_ledger()
        seconds = time.perf_counter() - started
        self.stdout.write(
            "{accounts} accounts, {transactions} transactions, {entries} entries".format(**counts)
        )
        for problem in problems:
            self.stdout.write(f"  {problem}")
        self.stdout.write(f"checked in {seconds:.2f} s")
        if problems:
            raise CommandError(f"{len(problems)} ledger problem(s) found.")
        self.stdout.write(self.style.SUCCESS("The ledger is sound."))
