"""Measure the ranker on the labelled set and write the table into docs/matching.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

START = "<!-- evaluation:start -->"
END = "<!-- evaluation:end -->"


class Command(BaseCommand):
    help = "nDCG@10 and recall@10 of the full ranker and the text-only baseline."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-write", action="store_true", help="print only")

    def handle(self, *args: Any, **options: Any) -> None:
        from kyoso.matching.evaluation.evaluate import FIGURES, run

        figures = run()
        table = "\n".join(
            [
                "| ranker | nDCG@10 | recall@10 |",
                "| --- | --- | --- |",
                f"| full (every feature, `features.WEIGHTS`) | {figures['full'].ndcg:.3f} | "
                f"{figures['full'].recall:.3f} |",
                f"| text only (Sudachi BM25, `features.TEXT_ONLY`) | "
                f"{figures['text_only'].ndcg:.3f} | {figures['text_only'].recall:.3f} |",
            ]
        )
        self.stdout.write(table)
        if options["no_write"]:
            return
        FIGURES.write_text(
            json.dumps({k: vars(v) for k, v in figures.items()}, indent=1) + "\n",
            encoding="utf-8",
        )
        doc = Path(settings.PACKAGE_DIR).parent / "docs" / "matching.md"
        text = doc.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
        doc.write_text(pattern.sub(f"{START}\n{table}\n{END}", text), encoding="utf-8")
