"""The styleguide (/styleguide/) at phone and desktop width: every component shows, axe finds
nothing, nothing scrolls sideways, and keyboard focus is visible.

Screenshots go to test-artifacts/screenshots/; with ``KYOSO_DOCS_SCREENSHOTS=1`` they are also
copied to docs/screenshots/ (styleguide-360, styleguide-1280)."""

from __future__ import annotations

import os
import shutil

import pytest
from django.urls import reverse

from kyoso.browser_tests.conftest import (
    REPO_ROOT,
    assert_no_horizontal_scroll,
    check_axe,
    screenshot,
)
from kyoso.core.styleguide import SECTIONS

DOCS_SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"


def _keep(path, name: str) -> None:
    if not os.environ.get("KYOSO_DOCS_SCREENSHOTS"):
        return
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS_SCREENSHOTS / f"{name}.png")


@pytest.mark.parametrize("width", [360, 1280])
def test_the_styleguide_reads_well_at_every_width(mobile_page, page, width):
    tab = mobile_page if width == 360 else page
    tab.goto(reverse("core:styleguide"))
    main = tab.locator("main")
    for section_id, title in SECTIONS:
        assert main.locator(f"#{section_id}").is_visible(), section_id
        assert main.get_by_role("heading", name=str(title), exact=True).count() >= 1, title
    assert main.get_by_role("alert").inner_text().startswith("入力内容にエラーがあります")
    assert_no_horizontal_scroll(tab)
    check_axe(tab, context=f"styleguide ({width} px)")
    _keep(screenshot(tab, f"styleguide-{width}"), f"styleguide-{width}")


def test_the_wide_table_scrolls_inside_its_wrapper_not_the_page(mobile_page):
    mobile_page.goto(reverse("core:styleguide") + "#tables")
    wrapper = mobile_page.locator("#tables .table-wrap")
    sizes = wrapper.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1], "the events table is wider than a phone: it scrolls inside"
    assert_no_horizontal_scroll(mobile_page)


def test_keyboard_focus_is_visible(page):
    page.goto(reverse("core:styleguide"))
    page.keyboard.press("Tab")  # the skip link
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    button = page.locator("#buttons .button--secondary")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard: :focus-visible applies
    outline = button.evaluate(
        "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]"
    )
    assert outline == ["solid", "3px"]
