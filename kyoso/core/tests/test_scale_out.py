"""Scale-out: two app processes on one PostgreSQL database and one Redis share everything.

Two ``kyoso serve`` processes (gunicorn) on different loopback ports, started with production
settings' shape (REDIS_URL, the database task backend) against this test's database, show:
a sign-in made on one is valid on the other (sessions), sign-in failures are counted across
both (the login throttle in the cache), a cache entry dropped by one is gone for the other,
and a task queued by one is run by a separate worker process. Runs only on PostgreSQL with
Redis answering (SQLite is one host's file); `.ci/run`'s PostgreSQL pass has both.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from benchmarks import http_contention
from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, make_secretariat

REDIS_URL = os.environ.get("KYOSO_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
START_SECONDS = 120  # two Django processes starting on a busy 2-core machine
KYOSO = [sys.executable, "-m", "kyoso"]
REPO = Path(__file__).resolve().parents[3]


def _why_not() -> str | None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "needs DATABASE_URL on PostgreSQL: app processes on several hosts share one server"
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        return f"needs Redis at {REDIS_URL} (KYOSO_TEST_REDIS_URL): {error}"
    return None


_REASON = _why_not()
pytestmark = [
    pytest.mark.skipif(_REASON is not None, reason=_REASON or ""),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def shared_env(django_db_setup, tmp_path_factory) -> dict[str, str]:
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KYOSO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="kyoso.settings",
        PYTHONPATH=str(REPO),
        KYOSO_MODE="demo",
        KYOSO_DATA_DIR=str(tmp_path_factory.mktemp("scale-out-data")),
        SECRET_KEY="scale-out-test-" + uuid.uuid4().hex,
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}",
        REDIS_URL=REDIS_URL,
        KYOSO_CACHE_KEY_PREFIX="scaleout-test-" + uuid.uuid4().hex,  # nothing else's keys
        KYOSO_TASK_BACKEND="database",
        EMAIL_URL="consolemail://",
        KYOSO_LOG_LEVEL="WARNING",
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


@dataclass
class App:
    url: str
    server: http_contention.Server

    def tail(self) -> str:
        return self.server.tail()


@pytest.fixture(scope="module")
def apps(shared_env, tmp_path_factory) -> Iterator[tuple[App, App]]:
    """Started once for the module: each test's data is committed, and flushed after it."""
    tmp_path = tmp_path_factory.mktemp("scale-out-apps")
    started: list[App] = []
    try:
        for name in ("a", "b"):
            server = http_contention.serve(
                1, 2, env=shared_env, cwd=tmp_path, log=tmp_path / f"app-{name}.log"
            )
            started.append(App(f"http://127.0.0.1:{server.port}", server))
        yield started[0], started[1]
    finally:
        for app in started:
            http_contention.stop(app.server)


def _usable_by_servers(user) -> None:
    """The servers hash with PBKDF2 (the tests' MD5 hasher is not in their settings)."""
    user.password = PBKDF2PasswordHasher().encode(DEFAULT_PASSWORD, "scaleout", iterations=1000)
    user.save(update_fields=["password"])


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, page.text[:500]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _login(session: requests.Session, app: App, email: str, password: str) -> requests.Response:
    login = f"{app.url}/accounts/login/"
    token = _csrf(session, login)
    return session.post(
        login,
        data={"csrfmiddlewaretoken": token, "email": email, "password": password},
        headers={"Referer": login},
        allow_redirects=False,
        timeout=30,
    )


def test_a_sign_in_on_one_app_is_valid_on_the_other(apps, suzuki):
    a, b = apps
    _usable_by_servers(suzuki)
    browser = requests.Session()
    settings_page = f"{b.url}/accounts/settings/"
    assert browser.get(settings_page, allow_redirects=False, timeout=30).status_code == 302

    assert _login(browser, a, suzuki.email, DEFAULT_PASSWORD).status_code == 302

    page = browser.get(settings_page, allow_redirects=False, timeout=30)
    assert page.status_code == 200, b.tail()
    assert suzuki.display_name in page.text


def test_sign_in_failures_are_counted_across_both_apps(apps):
    a, b = apps
    person = UserFactory(email="throttled@example.jp")
    _usable_by_servers(person)
    browser = requests.Session()
    for app in (a, b, a, b, a):  # five failures, the limit, spread over both processes
        assert _login(browser, app, person.email, "wrong-password").status_code == 200

    assert _login(browser, b, person.email, DEFAULT_PASSWORD).status_code == 429
    assert _login(browser, a, person.email, DEFAULT_PASSWORD).status_code == 429


def test_a_cache_entry_dropped_by_one_app_is_gone_for_the_other(apps):
    """The login page's 「LINEでログイン」 is decided once and cached; the secretariat saving the
    channel on app B drops it, and app A offers LINE sign-in at its next request."""
    from kyoso.linelogin.models import LineChannel

    a, b = apps
    visitor = requests.Session()
    assert "LINEでログイン" not in visitor.get(f"{a.url}/accounts/login/", timeout=30).text

    # Turned on behind the cache's back: A keeps answering from the cache.
    LineChannel.objects.create(singleton=True, enabled=True, channel_id="1", channel_secret="s")
    assert "LINEでログイン" not in visitor.get(f"{a.url}/accounts/login/", timeout=30).text

    staff = make_secretariat(email="staff@example.jp")
    _usable_by_servers(staff)
    secretariat = requests.Session()
    assert _login(secretariat, b, staff.email, DEFAULT_PASSWORD).status_code == 302
    channel = f"{b.url}/accounts/line/channel/"
    saved = secretariat.post(
        channel,
        data={
            "csrfmiddlewaretoken": _csrf(secretariat, channel),
            "enabled": "on",
            "channel_id": "1234567890",
            "channel_secret": "",
        },
        headers={"Referer": channel},
        allow_redirects=False,
        timeout=30,
    )
    assert saved.status_code == 302, saved.text[:2000]

    assert "LINEでログイン" in visitor.get(f"{a.url}/accounts/login/", timeout=30).text


def test_a_task_queued_by_an_app_is_run_by_a_worker(apps, shared_env, tmp_path):
    from django_tasks_db.models import DBTaskResult

    a, _b = apps
    visitor = requests.Session()
    signup = f"{a.url}/accounts/signup/"
    response = visitor.post(
        signup,
        data={
            "csrfmiddlewaretoken": _csrf(visitor, signup),
            "email": "newcomer@example.jp",
            "password": "a-long-and-unusual-passphrase",
            "display_name": "新しい人",
            "agree_terms": "on",
        },
        headers={"Referer": signup},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:2000]
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"

    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [*KYOSO, "worker", "--no-scheduler", "--batch", "--interval", "0.2", "--no-startup-delay"],
        env=shared_env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        worker.wait(timeout=START_SECONDS)  # --batch: exits once the queue is empty
    finally:
        http_contention.stop(http_contention.Server(worker, 0, log))
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", log.read_text(errors="replace")[-3000:]
    assert "newcomer@example.jp" in log.read_text(errors="replace")  # the console mail
