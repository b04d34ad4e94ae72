"""Draft privacy policy and terms of use, created only where the staff have not written any.

The texts live next to this module as plain text (the page template renders them with
``linebreaks``): ``<slug>.ja.txt`` and ``<slug>.en.txt``. They are written for Kyoso, for an
intermediary support organization operating under Japan's APPI; they are drafts the staff
are expected to adapt.
"""

from __future__ import annotations

from pathlib import Path

from kyoso.sitepages.models import SitePage

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def _text(name: str) -> str:
    return (PAGES_DIR / name).read_text(encoding="utf-8").strip()


def site_pages() -> list[dict]:
    """One dict of ``SitePage`` fields per page, keyed by ``slug``."""
    return [
        {
            "slug": SitePage.Slug.PRIVACY,
            "title_ja": "プライバシーポリシー",
            "title_en": "Privacy policy",
            "body_ja": _text("privacy.ja.txt"),
            "body_en": _text("privacy.en.txt"),
        },
        {
            "slug": SitePage.Slug.TERMS,
            "title_ja": "利用規約",
            "title_en": "Terms of use",
            "body_ja": _text("terms.ja.txt"),
            "body_en": _text("terms.en.txt"),
        },
    ]
