"""The browser-test helpers catch what they are there to catch (a helper that never fails would
let every page pass)."""

from __future__ import annotations

import pytest

from kyoso.browser_tests.conftest import (
    CHECKED_PAGES,
    DESKTOP_VIEWPORT,
    _page_for,
    assert_in_viewport,
    assert_no_horizontal_scroll,
    check_axe,
)

pytestmark = pytest.mark.browser

PHONE_HEAD = (
    '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>試験</title></head>'
)
ONE_PIXEL_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="


def test_check_axe_fails_naming_rule_impact_and_element(page):
    page.set_content(
        f'{PHONE_HEAD}<body><main><h1>試験</h1><img id="logo" src="{ONE_PIXEL_GIF}">'
        "</main></body></html>"
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        check_axe(page, context="a page with an unlabelled image")
    report = str(failure.value)
    assert "a page with an unlabelled image" in report
    assert "- image-alt (critical)" in report
    assert "#logo" in report


def test_check_axe_passes_a_clean_page(page):
    page.set_content(
        f'{PHONE_HEAD}<body><main><h1>試験</h1><img src="{ONE_PIXEL_GIF}" alt="ロゴ">'
        "</main></body></html>"
    )
    check_axe(page)


def test_requests_to_other_hosts_are_blocked_and_fail_the_test(browser, live_url):
    pages = _page_for(browser, live_url, DESKTOP_VIEWPORT, mobile=False)
    page = next(pages)
    page.goto("/")  # the page's own CSS and JS come from the live server: not reported
    # Kyoso's pages refuse to connect elsewhere (connect-src 'self'); a blank page does not, so
    # the guard below the Content-Security-Policy is what this shows.
    page.goto("about:blank")
    outcome = page.evaluate(
        "() => fetch('http://cdn.example.invalid/lib.js').then(() => 'sent', () => 'blocked')"
    )
    assert outcome == "blocked"
    with pytest.raises(pytest.fail.Exception) as failure:
        next(pages)  # closing the context checks what was requested
    report = str(failure.value)
    assert "GET http://cdn.example.invalid/lib.js" in report
    assert live_url not in report


def test_sideways_overflow_is_reported_with_the_culprit(mobile_page):
    mobile_page.set_content(
        f'{PHONE_HEAD}<body style="margin:0"><main><h1>試験</h1>'
        '<table id="wide" style="width:600px"><tr><td>横に長い表</td></tr></table>'
        "</main></body></html>"
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_horizontal_scroll(mobile_page)
    assert "table#wide" in str(failure.value)


def test_element_cut_off_at_the_left_is_reported(mobile_page):
    mobile_page.set_content(
        f"{PHONE_HEAD}<body><main><h1>試験</h1>"
        '<a id="off" href="#" style="position:absolute;left:-80px">ログイン</a>'
        "</main></body></html>"
    )
    with pytest.raises(AssertionError, match="outside the 360px viewport"):
        assert_in_viewport(mobile_page.locator("#off"))


def _serve(page, path: str, body: str) -> None:
    page.route(f"**{path}", lambda route: route.fulfill(content_type="text/html", body=body))


def test_every_page_loaded_is_checked_without_asking(browser, live_url):
    pages = _page_for(browser, live_url, DESKTOP_VIEWPORT, mobile=False)
    page = next(pages)
    _serve(
        page,
        "/harness-unlabelled-image/",
        f'{PHONE_HEAD}<body><main><h1>試験</h1><img src="{ONE_PIXEL_GIF}"></main></body></html>',
    )
    page.goto("/harness-unlabelled-image/")
    with pytest.raises(pytest.fail.Exception) as failure:
        page.get_by_role("heading")  # the test's next use of the page runs the checks
    assert "image-alt" in str(failure.value)
    assert "/harness-unlabelled-image/" in str(failure.value)
    next(pages, None)


def test_a_desktop_page_is_also_checked_at_360px(browser, live_url):
    pages = _page_for(browser, live_url, DESKTOP_VIEWPORT, mobile=False)
    page = next(pages)
    wide = '<table id="wide" style="width:600px"><tr><td>横に長い表</td></tr></table>'
    _serve(
        page,
        "/harness-wide/",
        f'{PHONE_HEAD}<body style="margin:0"><main><h1>試験</h1>{wide}</main></body></html>',
    )
    page.goto("/harness-wide/")
    with pytest.raises(pytest.fail.Exception) as failure:
        page.title()
    assert "scrolls sideways at 360px" in str(failure.value) and "table#wide" in str(failure.value)
    assert page.viewport_size == DESKTOP_VIEWPORT  # put back for the rest of the test
    next(pages, None)


def test_a_kind_of_page_is_checked_once_per_session(browser, live_url):
    pages = _page_for(browser, live_url, DESKTOP_VIEWPORT, mobile=False)
    page = next(pages)
    clean = f"{PHONE_HEAD}<body><main><h1>試験</h1></main></body></html>"
    _serve(page, "/harness-item/**", clean)
    page.goto("/harness-item/1/")
    page.title()
    assert ("/harness-item/N/", False) in CHECKED_PAGES
    # Another item: the same kind, so a violation added now is not looked for again.
    _serve(
        page,
        "/harness-item/**",
        clean.replace("<h1>試験</h1>", f'<h1>試験</h1><img src="{ONE_PIXEL_GIF}">'),
    )
    page.goto("/harness-item/2/")
    page.title()
    next(pages, None)


def test_a_content_security_policy_violation_fails_the_test(browser, live_url):
    pages = _page_for(browser, live_url, DESKTOP_VIEWPORT, mobile=False)
    page = next(pages)
    page.goto("/")
    # What a template with a style attribute or an inline script would do: refused and logged.
    page.evaluate(
        """() => {
            const box = document.createElement("div");
            box.innerHTML = '<p style="color: red">x</p>';
            document.body.append(box);
            const script = document.createElement("script");
            script.textContent = "window.ran = true";
            document.body.append(script);
        }"""
    )
    assert page.evaluate("() => window.ran === undefined")
    page.wait_for_timeout(200)
    with pytest.raises(pytest.fail.Exception) as failure:
        next(pages)
    report = str(failure.value)
    assert "Content-Security-Policy" in report
    assert "inline style" in report
    assert "inline script" in report
