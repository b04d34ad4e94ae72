"""The API's interactive documentation (Swagger UI, a vendor page outside the design system and
so outside PageChecks' axe check) works under the Content-Security-Policy: the operations are
listed and the browser reports no violation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.browser_tests.conftest import DESKTOP_VIEWPORT, _open_context

pytestmark = pytest.mark.browser


def test_api_docs_render_under_the_policy(browser, live_url):
    context, outside = _open_context(browser, live_url, DESKTOP_VIEWPORT, mobile=False)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    try:
        page.goto(reverse("api:openapi-view"))
        page.locator(".opblock").first.wait_for()
        assert page.locator(".opblock").count() > 10
        page.locator(".opblock-summary").first.click()  # an operation opens (React renders)
        page.locator(".opblock-body").first.wait_for()
    finally:
        context.close()
    assert violations == []
    assert outside == []
