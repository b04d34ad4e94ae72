"""The public pages in a browser: they render, pass axe, fit a 360 px phone, switch language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.browser_tests.conftest import (
    assert_in_viewport,
    assert_no_horizontal_scroll,
    check_axe,
    screenshot,
)

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    ("home", reverse("core:home")),
    ("signup", reverse("accounts:signup")),
    ("login", reverse("accounts:login")),
    ("password-reset", reverse("accounts:password_reset")),
    ("privacy", reverse("sitepages:detail", args=["privacy"])),
    ("terms", reverse("sitepages:detail", args=["terms"])),
    ("search", reverse("core:search") + "?q=テスト"),
]
IDS = [name for name, _url in PUBLIC_PAGES]


def _open(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, f"{url} answered {response.status}"
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").first.is_visible()


@pytest.mark.parametrize(("name", "url"), PUBLIC_PAGES, ids=IDS)
def test_public_page_on_desktop(page, name, url):
    _open(page, url)
    # The stylesheet and htmx were served (a missing static file would leave the page unstyled).
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).borderBottomStyle") == (
        "solid"
    )
    check_axe(page, context=f"{name} (desktop)")
    screenshot(page, f"public-{name}-desktop")


@pytest.mark.parametrize(("name", "url"), PUBLIC_PAGES, ids=IDS)
def test_public_page_at_360px(mobile_page, name, url):
    _open(mobile_page, url)
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context=f"{name} (360 px)")
    screenshot(mobile_page, f"public-{name}-360")


def test_header_links_visible_on_desktop(page):
    """On a wide screen the navigation sits in the header, without a メニュー button."""
    _open(page, reverse("core:home"))
    header = page.locator("header.site-header")
    assert not header.locator(".site-menu > summary").is_visible()
    for name in ("ログイン", "新規登録"):
        link = header.get_by_role("link", name=name)
        assert link.is_visible(), f"the header link {name} is hidden on desktop"
        assert_in_viewport(link)


def test_mobile_menu_opens_inside_the_screen(mobile_page):
    """At 360 px the navigation folds into メニュー; opened, every link is on screen."""
    _open(mobile_page, reverse("core:home"))
    header = mobile_page.locator("header.site-header")
    assert not header.get_by_role("link", name="ログイン").is_visible()
    header.locator(".site-menu > summary").click()
    nav = header.get_by_role("navigation", name="メインメニュー")
    for name in ("ログイン", "新規登録"):
        link = nav.get_by_role("link", name=name)
        assert link.is_visible()
        assert_in_viewport(link)
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="home with the menu open (360 px)")
    screenshot(mobile_page, "public-home-menu-open-360")


def test_language_switch_to_english(page):
    _open(page, reverse("accounts:login"))
    footer = page.locator("footer.site-footer")
    footer.get_by_label("言語 / Language").select_option("en")
    with page.expect_navigation():
        footer.get_by_role("button").click()
    assert page.url.endswith(reverse("accounts:login"))
    assert page.locator("html").get_attribute("lang") == "en"
    # The choice sticks for the next page in this browser.
    page.goto(reverse("core:home"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("footer.site-footer select").input_value() == "en"
    check_axe(page, context="home in English")
    screenshot(page, "public-home-english-desktop")
