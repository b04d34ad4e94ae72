"""Pages against the framework floor (issue 20): Kyoso's main pages served by a real app server
(``kyoso serve``: gunicorn, ``--workers`` × ``--threads``, started by
benchmarks/http_contention.py's ``serve``) next to a bare Django view on the same server
(``/_bench/floor``, routed only with ``KYOSO_BENCH_FLOOR``), in one run, so that the ratios to
the floor hold whatever else the machine is doing.

The data: the demo region (``load_demo``), an issue with ``--comments`` (1,000) comments, and
generated issues (benchmarks/populate.py) up to each of ``--sizes``; the same pages are
measured at each size. The load: ``--connections`` (8) keep-alive HTTP connections, spread over
``--clients`` (2) client processes of threads (wrk is not installed here; a Python client is
slower than wrk, so the floor's figure is partly the client's: the ratios of the fast pages
are flattered, those of the slow ones are not), each page for ``--seconds``. The floor is
measured first and last; its mean is the reference. Reported per page: requests/s, p50, p95,
errors (any status but 200), the ratio to the floor, and the peak RSS of each worker
(``VmHWM``), with the load average before and after.

Run on a throw-away database::

    python -m benchmarks.run --floor                # SQLite and PostgreSQL
    python -m benchmarks.floor --database-url sqlite:///{data_dir}/bench.sqlite3 --json out.json
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchmarks.issues import _setup
from benchmarks.stats import percentile

FLOOR = "floor"


def build_comments(count: int) -> int:
    """A public issue with ``count`` top-level comments by a few demo people, a minute apart;
    its id."""
    import datetime as dt

    from django.utils import timezone

    from kyoso.accounts.models import User
    from kyoso.issues.models import Comment, Issue

    people = list(User.objects.filter(is_active=True).order_by("id")[:20])
    issue = Issue.objects.create(
        title="千件のコメントがある課題",
        body="コメントが多い課題のページの速さを測ります。",
        author=people[0],
    )
    start = timezone.now() - dt.timedelta(days=30)
    Comment.objects.bulk_create(
        Comment(
            issue=issue,
            author=people[n % len(people)],
            body=f"コメント {n}：同じことで困っています。**地域**で話し合いましょう。",
            created_at=start + dt.timedelta(minutes=n),
        )
        for n in range(count)
    )
    Issue.objects.filter(pk=issue.pk).update(comment_count=count)
    return issue.pk


def grow(size: int) -> None:
    from benchmarks.corpus import Corpus
    from benchmarks.populate import BulkIndexer, Timings, grow_to

    indexer = BulkIndexer()
    try:
        grow_to(size, Corpus(), indexer=indexer, timings=Timings(), progress=print)
    finally:
        indexer.close()


def pages(big_issue: int) -> dict[str, tuple[str, bool]]:
    """Page name → (path, signed in as the secretariat)."""
    from django.urls import reverse

    from kyoso.campaigns.models import Campaign
    from kyoso.events.models import Event

    event = Event.objects.order_by("-id").values_list("pk", flat=True).first()
    campaign = Campaign.objects.order_by("-id").values_list("pk", flat=True).first()
    found: dict[str, tuple[str, bool]] = {
        FLOOR: ("/_bench/floor", False),
        "healthz": (reverse("core:healthz"), False),
        "home": (reverse("core:home"), False),
        "issue_list": (reverse("issues:list"), False),
        "issue_list_filtered": (reverse("issues:list") + "?q=&sort=new&stage=seed", False),
        "issue_1000_comments": (reverse("issues:detail", args=[big_issue]), False),
        "search": (reverse("core:search") + "?" + urlencode({"q": "空き家"}), False),
        "event_list": (reverse("events:list"), False),
        "kpi_dashboard": (reverse("kpi:dashboard"), True),
    }
    if event:
        found["event_page"] = (reverse("events:detail", args=[event]), False)
    if campaign:
        found["campaign_page"] = (reverse("campaigns:detail", args=[campaign]), False)
    return found


def secretariat_cookie() -> str:
    """A session cookie of someone who may read the KPI dashboard (what signing in leaves)."""
    from django.conf import settings

    from benchmarks.http_contention import sessions
    from kyoso.accounts.models import User
    from kyoso.core.policy import check

    for person in User.objects.filter(is_active=True).order_by("id"):
        if check("kpi.view_dashboard", person):
            return f"{settings.SESSION_COOKIE_NAME}={sessions([person])[0]}"
    return ""


def _client(port: int, path: str, headers: dict[str, str], until: float, out: Any) -> None:
    """One keep-alive connection asking for ``path`` until ``until``; (latencies, errors)."""
    samples: list[float] = []
    errors = 0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        samples.append((time.perf_counter() - started) * 1000)
    conn.close()
    out.append((samples, errors))


def _client_process(port: int, path: str, headers: dict, until: float, threads: int, queue) -> None:  # type: ignore[no-untyped-def]
    out: list = []
    workers = [
        threading.Thread(target=_client, args=(port, path, headers, until, out))
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put(out)


def drive(
    port: int, path: str, cookie: str, *, seconds: float, connections: int, clients: int
) -> dict:
    """``connections`` connections over ``clients`` processes for ``seconds``: requests/s,
    p50/p95 in ms, errors."""
    headers = {"Host": "127.0.0.1", "Accept-Language": "ja"}
    if cookie:
        headers["Cookie"] = cookie
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    until = time.monotonic() + seconds
    per = [connections // clients + (1 if i < connections % clients else 0) for i in range(clients)]
    started = time.monotonic()
    procs = [
        context.Process(target=_client_process, args=(port, path, headers, until, n, queue))
        for n in per
        if n
    ]
    for p in procs:
        p.start()
    results = [item for _ in procs for item in queue.get()]
    for p in procs:
        p.join()
    elapsed = time.monotonic() - started
    samples = sorted(s for lat, _ in results for s in lat)
    errors = sum(e for _, e in results)
    return {
        "requests": len(samples),
        "rps": round(len(samples) / elapsed, 1),
        "p50_ms": round(percentile(samples, 0.5), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "errors": errors,
    }


def worker_peak_rss_mb(master: int) -> list[float]:
    """The peak resident memory (VmHWM) of each process under the server's."""
    found: list[float] = []
    todo = [master]
    while todo:
        pid = todo.pop()
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            todo.append(child)
            try:
                status = Path(f"/proc/{child}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    found.append(round(int(line.split()[1]) / 1024, 1))
    return found


def measure(args: argparse.Namespace, big_issue: int) -> dict[str, Any]:
    from benchmarks.http_contention import serve

    os.environ["KYOSO_BENCH_FLOOR"] = "1"
    found = pages(big_issue)
    cookie = secretariat_cookie()
    served = serve(args.workers, args.threads)
    process, port = served.process, served.port
    figures: dict[str, Any] = {}
    load_before = os.getloadavg()
    try:
        for path, signed_in in found.values():  # warm every page (and its caches)
            drive(port, path, cookie if signed_in else "", seconds=1, connections=2, clients=1)
        order = [*found, FLOOR + "_again"]
        for name in order:
            path, signed_in = found[name.removesuffix("_again")]
            figures[name] = {
                "path": path,
                **drive(
                    port,
                    path,
                    cookie if signed_in else "",
                    seconds=args.seconds,
                    connections=args.connections,
                    clients=args.clients,
                ),
            }
            print(f"  {name}: {figures[name]}", flush=True)
        rss = worker_peak_rss_mb(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    load_after = os.getloadavg()
    again = figures.pop(FLOOR + "_again")
    floor_rps = (figures[FLOOR]["rps"] + again["rps"]) / 2
    figures[FLOOR]["rps_first"] = figures[FLOOR]["rps"]
    figures[FLOOR]["rps_last"] = again["rps"]
    figures[FLOOR]["rps"] = round(floor_rps, 1)
    for row in figures.values():
        row["ratio"] = round(row["rps"] / floor_rps, 3) if floor_rps else None
    return {
        "pages": figures,
        "worker_peak_rss_mb": rss,
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
    }


def regressions(before: dict | None, after: dict, *, tolerance: float = 0.2) -> list[str]:
    """Warnings for pages whose ratio to the floor fell, or whose p95 rose, by more than
    ``tolerance`` against the committed figures (ratios, not requests/s: the machine's load
    moves those of every page together)."""
    if not before:
        return []
    warnings = []
    for size, now in after.get("sizes", {}).items():
        then = before.get("sizes", {}).get(size)
        if not then:
            continue
        for page, row in now["pages"].items():
            old = then["pages"].get(page)
            if not old or page == FLOOR:
                continue
            where = f"{after['database']} {int(size):,} issues, {page}"
            ratio, was = row.get("ratio"), old.get("ratio")
            if was and ratio is not None and ratio < was * (1 - tolerance):
                warnings.append(
                    f"WARNING: regression: {where}: {ratio:.1%} of the floor, "
                    f"was {was:.1%} ({before.get('date', '?')})"
                )
            if old.get("p95_ms") and row.get("p95_ms"):
                floor_then = then["pages"][FLOOR].get("p95_ms") or 1
                floor_now = now["pages"][FLOOR].get("p95_ms") or 1
                # p95 relative to the floor's p95 of the same run, for the same reason
                if row["p95_ms"] / floor_now > old["p95_ms"] / floor_then * (1 + tolerance):
                    warnings.append(
                        f"WARNING: regression: {where}: p95 {row['p95_ms']:.0f} ms "
                        f"({row['p95_ms'] / floor_now:.1f}× the floor's), was "
                        f"{old['p95_ms']:.0f} ms ({old['p95_ms'] / floor_then:.1f}×)"
                    )
    return warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--sizes", default="1000,1000000", help="issue counts, e.g. 1000,100000")
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5.0, help="load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", required=True)
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url)
    from django.core.management import call_command

    print(f"[{vendor}] loading the demo region", flush=True)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    big_issue = build_comments(args.comments)
    result: dict[str, Any] = {
        "database": vendor,
        "server": f"kyoso serve (gunicorn), {args.workers} workers × {args.threads} threads",
        "load": f"{args.connections} keep-alive connections, {args.clients} client processes, "
        f"{args.seconds:g} s a page",
        "comments": args.comments,
        "sizes": {},
    }
    from kyoso.issues.models import Issue

    for size in (int(s) for s in args.sizes.split(",") if s):
        print(f"[{vendor}] growing to {size:,} issues", flush=True)
        grow(size)
        result["sizes"][str(size)] = {"issues": Issue.objects.count(), **measure(args, big_issue)}
        result["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        # after each size, so that a run stopped while growing keeps what it measured
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
