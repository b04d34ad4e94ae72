"""Browser-test fixtures and helpers: Playwright for Python driving Debian's chromium.

- The browser is Debian's ``chromium`` (``make system-packages`` installs it). Playwright's own
  browser downloads are never used: do not run ``playwright install``.
- Each test gets a fresh browser context (cookies, storage) on pytest-django's ``live_server``,
  which runs in this process: ``django.core.mail.outbox`` (locmem backend) is shared with it.
- Every request to a host other than the live server is blocked and fails the test.
- ``check_axe`` runs the vendored axe-core (kyoso/static/vendor/axe-core/axe.min.js) on a page;
  ``screenshot`` writes a full-page PNG under ``test-artifacts/screenshots/`` to look at.
- Every page a test loads is checked without the test asking (:class:`PageChecks`): axe-core
  reports no violation and the page does not scroll sideways at 360 px. The check runs when
  the test next uses the page after a load (and at the end of the test), on the page as the
  test sees it, once per kind of page in the session (the path with its numbers taken out, and
  whether a form shows errors), so a journey that opens ten issues pays for one.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = PACKAGE_DIR.parent
AXE_JS = PACKAGE_DIR / "static" / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
MOBILE_VIEWPORT = {"width": 360, "height": 740}
LOCALE = "ja-JP"
TIMEZONE = "Asia/Tokyo"
# Playwright waits this long (ms) for an element or a navigation before failing.
DEFAULT_TIMEOUT_MS = 10_000
MISSING_CHROMIUM = (
    "Debian's chromium is not installed (no `chromium` on PATH), so the browser tests cannot "
    "run. Install it with `make system-packages` (as root: "
    "`apt-get install -y chromium fonts-noto-cjk`). Do not run `playwright install`."
)


# --- Browser ------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser() -> Iterator:
    """One headless chromium for all the browser tests.

    Package-scoped (this package holds every browser test, so it is started once) rather than
    session-scoped: Playwright's sync API keeps an asyncio loop running in the main thread
    while it is started, and tests that pytest-django orders after these must not run under it.
    For the same reason Django's async-unsafe guard is lifted only while the browser runs: the
    ORM calls that tests and fixture teardown (database flush) make from the main thread would
    otherwise raise ``SynchronousOnlyOperation``.
    """
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(MISSING_CHROMIUM, pytrace=False)

    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# --- Live server and network guard --------------------------------------------------------


@pytest.fixture
def live_url(live_server, django_db_serialized_rollback) -> str:
    """The live server's base URL (``http://localhost:PORT``), without a trailing slash.

    ``live_server`` makes the test transactional: tables are flushed after each test, which
    would also drop the rows that migrations load (prefectures and municipalities).
    ``django_db_serialized_rollback`` restores them before each test.
    """
    return live_server.url.rstrip("/")


#: Other loopback servers a test runs on purpose (``host:port``), such as the fake LINE
#: Login server of test_line_login.py; add with :func:`allow_loopback_server`.
LOOPBACK_SERVERS: set[str] = set()


@contextmanager
def allow_loopback_server(netloc: str) -> Iterator[None]:
    """Let pages reach a server the test itself runs on 127.0.0.1 (never another host)."""
    if not netloc.startswith("127.0.0.1:"):
        raise ValueError(f"{netloc} is not on loopback")
    LOOPBACK_SERVERS.add(netloc)
    try:
        yield
    finally:
        LOOPBACK_SERVERS.discard(netloc)


#: Outside hosts a test answers itself with ``page.route`` (``stub_outside_host``): never sent,
#: so not counted as outside requests. Only for a page that must name a third-party host
#: (Stripe.js on the card page); the context still aborts everything else outside.
STUBBED_HOSTS: set[str] = set()


@contextmanager
def stub_outside_host(page, netloc: str, *, body: str = "", content_type: str = "text/plain"):
    """Answer every request ``page`` makes to ``https://<netloc>/`` with ``body`` (nothing
    leaves the machine: page routes are tried before the context's abort)."""
    pattern = f"https://{netloc}/**"
    page.route(
        pattern, lambda route: route.fulfill(status=200, body=body, content_type=content_type)
    )
    STUBBED_HOSTS.add(netloc)
    try:
        yield
    finally:
        STUBBED_HOSTS.discard(netloc)


class OutsideRequests(list):
    """Requests (``METHOD url``) the page tried to send to a host other than the live server."""


def _is_outside(url: str, live_netloc: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return False  # data:, blob:, about: — nothing leaves the machine
    return parts.netloc != live_netloc and parts.netloc not in LOOPBACK_SERVERS


def _open_context(browser, live_url: str, viewport: dict, *, mobile: bool):
    live_netloc = urlsplit(live_url).netloc
    outside = OutsideRequests()
    context = browser.new_context(
        base_url=live_url,
        locale=LOCALE,
        timezone_id=TIMEZONE,
        viewport=viewport,
        is_mobile=mobile,
        has_touch=mobile,
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)

    def record(request) -> None:
        if urlsplit(request.url).netloc in STUBBED_HOSTS:
            return  # answered by the test's own page.route (stub_outside_host)
        if _is_outside(request.url, live_netloc):
            outside.append(f"{request.method} {request.url}")

    context.on("request", record)
    # Outside requests are recorded above and never sent.
    context.route(lambda url: _is_outside(url, live_netloc), lambda route: route.abort())
    return context, outside


#: Kinds of page already checked in this session (see PageChecks.kind).
CHECKED_PAGES: set[tuple[str, bool]] = set()
#: Pages checked and seconds spent, for the run-time report (``-s`` prints it at the end).
PAGE_CHECK_STATS = {"pages": 0, "seconds": 0.0}


class PageChecks:
    """Check every page a test loads: axe-core, no sideways scrolling at 360 px, and no
    Content-Security-Policy violation (any the browser reports on the console fails the test).

    Playwright's sync API cannot evaluate scripts inside its event handlers, so the ``load``
    event only marks the page as due; the check runs before the test's next call on the page
    (``page.goto``, ``page.locator``, ``page.get_by_role`` …) and when the test ends, on the
    page exactly as the test left it (signed in, a form with its errors, htmx swaps done).
    """

    #: Page methods that do not look at the page: no check before them.
    QUIET = frozenset(
        {
            "on",
            "once",
            "remove_listener",
            "close",
            "is_closed",
            "context",
            "viewport_size",
            "set_viewport_size",
            "url",
            "evaluate",
            "add_script_tag",
            "screenshot",
            "video",
            "wait_for_event",
            "expect_event",
            "expect_download",
            "expect_popup",
            "route",
            "unroute",
            "set_default_timeout",
            "set_default_navigation_timeout",
            "main_frame",
        }
    )

    def __init__(self, page, *, mobile: bool) -> None:
        self.page = page
        self.mobile = mobile
        self.due = False
        self.running = False
        self.csp_violations: list[str] = []
        page.on("load", self._loaded)
        page.on("console", self._console)
        for name in dir(type(page)):
            if name.startswith("_") or name in self.QUIET:
                continue
            if callable(getattr(type(page), name, None)) and not isinstance(
                getattr(type(page), name), property
            ):
                setattr(page, name, self._before(getattr(page, name)))

    def _loaded(self, _page) -> None:
        self.due = True

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text}")

    def _before(self, method):
        def call(*args, **kwargs):
            self.run()
            return method(*args, **kwargs)

        return call

    def kind(self) -> tuple[str, bool]:
        path = urlsplit(self.page.url).path
        has_errors = bool(
            self.page.evaluate(
                "() => !!document.querySelector('.errorlist, [aria-invalid=\"true\"]')"
            )
        )
        return (re.sub(r"\d+", "N", path), has_errors)

    def run(self) -> None:
        if not self.due or self.running or self.page.is_closed():
            return
        self.due = False
        if not self.page.url.startswith("http"):
            return
        self.running = True
        started = time.perf_counter()
        try:
            try:
                self.page.wait_for_load_state("load")
                if self.page.evaluate("() => document.contentType") != "text/html":
                    return
                kind = self.kind()
            except PlaywrightError:  # navigated away meanwhile: the next page gets checked
                return
            if kind in CHECKED_PAGES:
                return
            CHECKED_PAGES.add(kind)
            check_axe(self.page)
            if self.mobile:
                assert_no_horizontal_scroll(self.page)
            else:
                size = self.page.viewport_size
                self.page.set_viewport_size(MOBILE_VIEWPORT)
                try:
                    assert_no_horizontal_scroll(self.page)
                finally:
                    self.page.set_viewport_size(size)
            PAGE_CHECK_STATS["pages"] += 1
        finally:
            PAGE_CHECK_STATS["seconds"] += time.perf_counter() - started
            self.running = False


def pytest_terminal_summary(terminalreporter) -> None:
    if PAGE_CHECK_STATS["pages"]:
        terminalreporter.write_line(
            f"page checks (axe + 360 px): {PAGE_CHECK_STATS['pages']} kinds of page, "
            f"{PAGE_CHECK_STATS['seconds']:.1f} s"
        )


def _page_for(browser, live_url: str, viewport: dict, *, mobile: bool) -> Iterator:
    context, outside = _open_context(browser, live_url, viewport, mobile=mobile)
    page = context.new_page()
    checks = PageChecks(page, mobile=mobile)
    yield page
    checks.run()
    context.close()
    if checks.csp_violations:
        pytest.fail(
            "The pages broke their Content-Security-Policy (docs/security.md):\n  "
            + "\n  ".join(checks.csp_violations),
            pytrace=False,
        )
    if outside:
        pytest.fail(
            "The pages requested hosts other than the live server (Kyoso pages must load "
            "nothing from outside):\n  " + "\n  ".join(outside),
            pytrace=False,
        )


@pytest.fixture
def page(browser, live_url) -> Iterator:
    """A desktop page (1280×900, ja-JP) in a fresh context; ``page.goto("/path/")`` works."""
    yield from _page_for(browser, live_url, DESKTOP_VIEWPORT, mobile=False)


@pytest.fixture
def mobile_page(browser, live_url) -> Iterator:
    """A phone-sized page (360×740, touch, ja-JP) in a fresh context."""
    yield from _page_for(browser, live_url, MOBILE_VIEWPORT, mobile=True)


# --- Helpers ------------------------------------------------------------------------------


def check_axe(page, *, context: str | None = None) -> None:
    """Run axe-core on the page as it is now; fail listing every violation.

    ``context`` names the page in the failure message (defaults to its URL).
    """
    if page.evaluate("typeof window.axe") == "undefined":
        # Evaluated through the DevTools protocol, which the page's CSP does not govern (an
        # added <script> tag would be refused: it carries no nonce).
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }"""
    )
    if not results:
        return
    lines = [f"axe-core found {len(results)} violation(s) on {context or page.url}:"]
    for violation in results:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = re.sub(r"\s+", " ", node["summary"] or "").strip()
            lines.append(f"    {node['target']}  — {summary}")
    pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG as test-artifacts/screenshots/<name>.png and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_no_horizontal_scroll(page) -> None:
    """Fail if the page is wider than the viewport, naming the elements that stick out."""
    width = page.viewport_size["width"]
    metrics = page.evaluate(
        """(width) => {
            const doc = document.documentElement;
            const wide = [];
            for (const el of document.body.querySelectorAll("*")) {
                const right = el.getBoundingClientRect().right;
                if (right > width + 1) {
                    const id = el.id ? "#" + el.id : "";
                    const cls = el.classList.length ? "." + [...el.classList].join(".") : "";
                    const name = el.tagName.toLowerCase() + id + cls;
                    wide.push(`${name} (right edge ${Math.round(right)}px)`);
                }
            }
            return {
                scrollWidth: doc.scrollWidth,
                innerWidth: window.innerWidth,
                wide: wide.slice(0, 10),
            };
        }""",
        width,
    )
    if metrics["scrollWidth"] > min(metrics["innerWidth"], width):
        pytest.fail(
            f"{page.url} scrolls sideways at {width}px: scrollWidth {metrics['scrollWidth']} > "
            f"innerWidth {metrics['innerWidth']}. Elements past the right edge:\n  "
            + "\n  ".join(metrics["wide"]),
            pytrace=False,
        )


def field(page, label: str):
    """The form control whose label is exactly ``label`` (Django may append a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*[:：]?$"))


def htmx_settled(page) -> None:
    """Wait until htmx has finished swapping and settling.

    htmx processes swapped-in content (its ``hx-*`` attributes, ``autofocus``) in the settle
    step, 20 ms after the new HTML appears. Typing in that gap races htmx: its autofocus can
    take the focus between Playwright's focus and its keystrokes, and the text lands in
    another field.
    """
    busy = ".htmx-request, .htmx-swapping, .htmx-settling"
    page.wait_for_function(f"() => window.htmx && !document.querySelector('{busy}')")


def flash_text(page) -> str:
    """The text of the flash messages shown at the top of the page."""
    return page.locator("ul.messages").inner_text()


def login(page, email: str, password: str) -> None:
    """Sign in through the login form the page is on, or the login page if it is elsewhere."""
    from django.urls import reverse

    if urlsplit(page.url).path != reverse("accounts:login"):
        page.goto(reverse("accounts:login"))
    field(page, "メールアドレス").fill(email)
    field(page, "パスワード").fill(password)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="ログイン").click()
    assert urlsplit(page.url).path != reverse("accounts:login"), "sign-in failed"


def assert_in_viewport(locator) -> None:
    """Fail if the element is not entirely inside the viewport horizontally (cut off)."""
    box = locator.bounding_box()
    width = locator.page.viewport_size["width"]
    assert box is not None and box["width"] > 0, f"{locator} is not rendered"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (
        f"{locator} spans x={box['x']:.0f}…{box['x'] + box['width']:.0f}px, "
        f"outside the {width}px viewport"
    )
