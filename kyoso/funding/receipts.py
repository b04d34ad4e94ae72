"""Donation receipts (寄附金受領証明書) as PDF, rendered by WeasyPrint (decision 0019) from a
template with Japanese fonts (Debian's fonts-noto-cjk)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from kyoso.core.money import format_yen_ja
from kyoso.core.wareki import format_wareki, to_local_date
from kyoso.funding.models import Designation, Donation, Receipt

STYLESHEET = Path(__file__).with_name("data") / "receipt.css"


def _dates(value: Any) -> tuple[str, str]:
    d = to_local_date(value)
    return format_wareki(d, weekday=False), f"{d.year}年{d.month}月{d.day}日"


def receipt_context(donation: Donation, receipt: Receipt) -> dict[str, Any]:
    received_wareki, received_western = _dates(donation.captured_at or receipt.issued_at)
    issued_wareki, issued_western = _dates(receipt.issued_at)
    printed_wareki, printed_western = _dates(timezone.now())
    if donation.designation == Designation.THEME:
        purpose = f"{donation.fund.name}（{donation.theme}）"
    elif donation.designation == Designation.PROJECT and donation.project is not None:
        purpose = f"{donation.fund.name}（{donation.project.title}）"
    else:
        purpose = donation.fund.name
    return {
        "donation": donation,
        "receipt": receipt,
        "fund": donation.fund,
        "issuer": donation.fund.organization,
        "amount": format_yen_ja(donation.received),
        "purpose": purpose,
        "received_wareki": received_wareki,
        "received_western": received_western,
        "issued_wareki": issued_wareki,
        "issued_western": issued_western,
        "printed_wareki": printed_wareki,
        "printed_western": printed_western,
        "refunded": format_yen_ja(donation.refunded) if donation.refunded else "",
    }


def receipt_pdf(donation: Donation, receipt: Receipt) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("funding/receipt.html", receipt_context(donation, receipt))
    return bytes(HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))]))


def receipt_filename(receipt: Receipt) -> str:
    return f"receipt-{receipt.fund_id}-{receipt.label}.pdf"
