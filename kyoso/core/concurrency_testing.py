"""Real concurrency in tests: worker threads, each on its own database connection.

On PostgreSQL the threads connect to the test database. On SQLite the test database is a shared
in-memory database, whose table locks make concurrent writers fail at once instead of
waiting; so for these tests the committed database is copied into a file (SQLite's backup API)
and every thread opens its own connection to that file, with the same settings as production
(WAL, busy timeout, IMMEDIATE transactions), except that a writer waits up to
:data:`BUSY_TIMEOUT` seconds for the write lock instead of production's 5: these tests prove
that queued writers end right, not how long they wait. The copy is switched to WAL before any
thread connects (see :func:`thread_databases`).

Use them from tests marked ``@pytest.mark.django_db(transaction=True)``::

    with thread_databases(tmp_path) as open_connection:
        results = in_parallel(open_connection, [job_a, job_b])
        state = read(open_connection, lambda: Model.objects.count())
"""

from __future__ import annotations

import copy
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection, connections
from django.db.utils import load_backend

#: Seconds a test writer waits for SQLite's write lock (production: 5).
BUSY_TIMEOUT = 60
#: The file the committed SQLite test database is copied to, in the test's ``tmp_path``.
COPY_NAME = "concurrency.sqlite3"


@contextmanager
def thread_databases(
    tmp_path: Path, *, busy_timeout: int = BUSY_TIMEOUT
) -> Iterator[Callable[[], None]]:
    """Yield a function each worker thread calls first to open its own connection.

    ``busy_timeout`` (seconds, SQLite only) replaces the production wait for the write lock
    (the behaviour is the same; only a writer waits longer before giving up)."""
    if connection.vendor != "sqlite":

        def use_default() -> None:
            return None

        yield use_default
        return
    copy_path = tmp_path / COPY_NAME
    connection.ensure_connection()
    target = sqlite3.connect(copy_path)
    connection.connection.backup(target)
    # Switch the copy to WAL once, here: each thread's connection asks for WAL too (production
    # settings), and a switch needs the database to itself — two threads connecting at once
    # could both try it and one be refused at once ("database is locked"), whatever the wait.
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    file_settings = copy.deepcopy(connections.settings["default"])
    file_settings["NAME"] = str(copy_path)
    options = file_settings.setdefault("OPTIONS", {})
    options["timeout"] = busy_timeout
    options["init_command"] = re.sub(
        r"busy_timeout=\d+",
        f"busy_timeout={busy_timeout * 1000}",
        options.get("init_command", ""),
    )
    backend = load_backend(file_settings["ENGINE"])

    def use_file() -> None:
        connections["default"] = backend.DatabaseWrapper(copy.deepcopy(file_settings), "default")

    yield use_file


def database_url(tmp_path: Path) -> str:
    """Where another process (an app server) finds what the threads of
    :func:`thread_databases` see: the test database on PostgreSQL, the copy on SQLite (with
    production's busy timeout: an app server's own settings)."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / COPY_NAME}"
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def in_parallel(open_connection: Callable[[], None], jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run ``jobs`` at the same moment, one thread and one connection each."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException] = []

    def work(index: int, job: Callable[[], Any]) -> None:
        open_connection()
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=work, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return results


def read(open_connection: Callable[[], None], query: Callable[[], Any]) -> Any:
    """Run ``query`` on a thread connection (the copy, on SQLite)."""
    return in_parallel(open_connection, [query])[0]
