"""The report as a PDF (WeasyPrint): A4, Noto Sans CJK JP (Debian's fonts-noto-cjk), a cover,
a table of contents whose page numbers come from CSS ``target-counter``, and page numbers in
the footer (``counter(page)``), from ``evaluation/print.html`` and
``kyoso/static/kyoso/evaluation-print.css``. The same HTML is what ``evaluation_report``
writes next to the PDF."""

from __future__ import annotations

import logging
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from kyoso.evaluation.charts import data_uri
from kyoso.evaluation.content import AnnualReport

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "kyoso" / "evaluation-print.css"


def render_html(report: AnnualReport, *, stylesheet_href: str = "") -> str:
    """The printable document; ``stylesheet_href`` links the print stylesheet (for the file the
    command writes), while the PDF gets it directly."""
    return render_to_string(
        "evaluation/print.html",
        {
            "report": report,
            "charts": {name: data_uri(svg) for name, svg in report.charts.items()},
            "stylesheet_href": stylesheet_href,
            "generated_at": timezone.now(),
        },
    )


def render_pdf(report: AnnualReport) -> bytes:
    from weasyprint import CSS, HTML

    # WeasyPrint tells its progress ("Step 5 - Creating layout", also for each SVG chart's
    # stylesheet) at INFO: not worth a log line. Its warnings still show.
    for name in ("weasyprint", "weasyprint.progress"):
        logging.getLogger(name).setLevel(logging.WARNING)

    html = HTML(string=render_html(report), base_url=str(STYLESHEET.parent))
    return bytes(html.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))]))
