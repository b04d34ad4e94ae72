"""Write a fiscal year's evaluation report as HTML and PDF (and every table as one Excel
workbook) into a folder: ``kyoso manage evaluation_report --fiscal-year 2021 --output out/``.

The figures are read as they are now; the report's state (draft or published) is printed on
the cover. Nothing is stored.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyoso.core.text import normalize_text
from kyoso.evaluation import content, messages, pdf, selectors, services
from kyoso.evaluation.tables import tables_xlsx


def fiscal_year_argument(text: str) -> int:
    cleaned = normalize_text(text)
    if not cleaned.isdigit():
        raise CommandError(str(messages.FY_NOT_A_YEAR % {"text": cleaned}))
    fy = int(cleaned)
    try:
        services.check_fiscal_year(fy)
    except services.EvaluationError as error:
        raise CommandError(error.message) from error
    return fy


class Command(BaseCommand):
    help = "Write a fiscal year's evaluation report (HTML, PDF, Excel) into a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fiscal-year", required=True, help="年度 as a western year, e.g. 2021"
        )
        parser.add_argument(
            "--output",
            default=".",
            help="Folder for evaluation-<year>.*",
        )
        parser.add_argument("--no-pdf", action="store_true", help="Write the HTML and Excel only")

    def handle(self, *args: Any, **options: Any) -> None:
        fy = fiscal_year_argument(options["fiscal_year"])
        folder = Path(options["output"])
        folder.mkdir(parents=True, exist_ok=True)
        report = content.build(selectors.year_report(fy))
        stem = f"evaluation-{fy}"
        written = []
        shutil.copyfile(pdf.STYLESHEET, folder / pdf.STYLESHEET.name)
        html_path = folder / f"{stem}.html"
        html_path.write_text(
            pdf.render_html(report, stylesheet_href=pdf.STYLESHEET.name), encoding="utf-8"
        )
        written.append(html_path)
        xlsx_path = folder / f"{stem}.xlsx"
        xlsx_path.write_bytes(tables_xlsx(report.tables.values(), title=f"{report.label}"))
        written.append(xlsx_path)
        if not options["no_pdf"]:
            pdf_path = folder / f"{stem}.pdf"
            pdf_path.write_bytes(pdf.render_pdf(report))
            written.append(pdf_path)
        p = report.participation
        self.stdout.write(
            f"{report.label}: {p.events} events, {p.attendance} attendances (のべ), "
            f"{p.unique_people} people"
        )
        for path in written:
            self.stdout.write(f"wrote {path}")
