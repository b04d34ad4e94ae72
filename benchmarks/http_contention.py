"""Many signed-in people sending the same form at once to a real app server (issues 17, 18).

Threads of one process, each with its own database connection, stop at PostgreSQL's
``max_connections`` (100 by default) before they prove anything; people do not reach a site
that way either. Here ``kyoso serve`` (gunicorn on a loopback port, a few workers × threads,
so a few database connections) takes every request, queuing what its threads cannot run yet:

- :func:`serve` starts it on this run's database (``DATABASE_URL`` of the environment given)
  and waits for ``/healthz``; :func:`stop` ends it;
- :func:`sessions` writes a signed-in session for each person where the server reads them
  (what signing in leaves behind, without a password hash per person);
- :func:`post_at_once` opens one HTTP connection per client, and at a barrier every client
  POSTs its form (with a CSRF cookie and the same token in the form) and the answer is sorted
  by ``classify``.

Used by benchmarks/hubs.py (one slot booked by 200 people), benchmarks/campaigns.py (the
last reward of a tier pledged for by 100 people) and the campaigns app's HTTP concurrency test.
"""

from __future__ import annotations

import http.client
import os
import secrets
import string
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
START_SECONDS = 120  # a Django process starting on a busy 2-core machine

#: ``classify(status, location_path, page_text) -> outcome``
Classify = Callable[[int, str, str], str]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text("utf-8", "replace")[-chars:]


def serve(
    workers: int,
    threads: int,
    *,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    cwd: Path | None = None,
) -> Server:
    """``kyoso serve`` on a free loopback port, answering ``/healthz``. ``env`` defaults to
    this process's environment (its ``DATABASE_URL`` and ``KYOSO_DATA_DIR``); the server's
    errors go to ``log`` (``$KYOSO_DATA_DIR/serve.log`` by default)."""
    environment = dict(os.environ if env is None else env)
    environment.setdefault("KYOSO_LOG_LEVEL", "WARNING")
    environment["PYTHONPATH"] = str(REPO)
    log = log or Path(environment["KYOSO_DATA_DIR"]) / "serve.log"
    port = free_port()
    command = ["serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--threads", str(threads)]
    with open(log, "wb") as written:
        process = subprocess.Popen(  # this Python, this package
            [sys.executable, "-m", "kyoso", *command],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=written,
            cwd=cwd,
        )
    server = Server(process, port, log)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kyoso serve on :{port} exited:\n{server.tail()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"kyoso serve on :{port} did not answer in {START_SECONDS} s")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=30)


def sessions(people: list[Any]) -> list[str]:
    """A signed-in session key for each person, written with this process's session engine
    (the server's: both read the same settings and ``SECRET_KEY``)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for person in people:
        store = store_class()
        store[SESSION_KEY] = str(person.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = person.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    return keys


@dataclass
class Answers:
    outcomes: list[str]
    seconds: list[float] = field(default_factory=list)
    elapsed: float = 0.0

    def counts(self) -> dict[str, int]:
        return {o: self.outcomes.count(o) for o in sorted(set(self.outcomes))}

    def slowest(self) -> float | None:
        done = [s for s in self.seconds if s]
        return max(done) if done else None


def post_at_once(
    port: int,
    path: str,
    forms: list[dict[str, str]],
    session_keys: list[str],
    classify: Classify,
) -> Answers:
    """Client ``i`` POSTs ``forms[i]`` to ``path`` as the holder of ``session_keys[i]``; all
    connections are open before the barrier lets the first request go."""
    from django.conf import settings

    clients = len(forms)
    alphabet = string.ascii_letters + string.digits
    barrier = threading.Barrier(clients)
    outcomes = [""] * clients
    seconds = [0.0] * clients

    def client(i: int) -> None:
        token = "".join(secrets.choice(alphabet) for _ in range(32))  # a CSRF secret
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **forms[i]})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_keys[i]}; "
            f"{settings.CSRF_COOKIE_NAME}={token}",
            "Host": f"127.0.0.1:{port}",
        }
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        try:
            conn.connect()  # every client's connection is open before anyone asks
            barrier.wait(timeout=120)
            started = time.monotonic()
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            page = response.read().decode("utf-8", "replace")
            seconds[i] = time.monotonic() - started
            location = urllib.parse.urlsplit(response.getheader("Location") or "").path
            outcomes[i] = classify(response.status, location, page)
        except Exception as error:  # counted and reported, not hidden
            outcomes[i] = type(error).__name__
        finally:
            conn.close()

    workers = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return Answers(outcomes, seconds, time.monotonic() - began)
