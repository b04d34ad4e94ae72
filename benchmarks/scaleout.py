"""Requests per second through one app process and through two (docs/scaling.md).

Starts ``kyoso serve`` processes (gunicorn, 1 worker × 4 threads each) on loopback against one
PostgreSQL database and one Redis, then drives each path for ``--seconds`` with
``--connections`` keep-alive HTTP/1.1 connections from threads of this process; with two app
processes the connections alternate between the two ports (the reverse proxy's round robin).
The client, the servers, PostgreSQL and Redis share the machine, so the figures are what the
machine gives, not what more hosts would give. Prints one JSON document.

    python -m benchmarks.scaleout --postgres-url postgres://postgres@127.0.0.1:5432/kyoso_bench
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from benchmarks import http_contention

REPO = Path(__file__).resolve().parent.parent


def _drive(ports: list[int], path: str, connections: int, seconds: float) -> dict:
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    stop_at = time.monotonic() + seconds

    def client(index: int) -> None:
        port = ports[index % len(ports)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while (start := time.monotonic()) < stop_at:
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[index] += 1
            except OSError:
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            latencies[index].append(time.monotonic() - start)
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    done = sorted(t for per in latencies for t in per)
    p95 = done[int(len(done) * 0.95) - 1] if done else 0.0
    return {
        "path": path,
        "requests": len(done),
        "errors": sum(errors),
        "requests_per_second": round(len(done) / elapsed, 1),
        "p50_ms": round(statistics.median(done) * 1000, 1) if done else None,
        "p95_ms": round(p95 * 1000, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres-url", required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--paths", default="/healthz,/issues/,/")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)

    workdir = tempfile.mkdtemp(prefix="kyoso-scaleout-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KYOSO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="kyoso.settings",
        PYTHONPATH=str(REPO),
        KYOSO_DATA_DIR=workdir,
        DATABASE_URL=args.postgres_url,
        REDIS_URL=args.redis_url,
        KYOSO_CACHE_KEY_PREFIX="bench-" + uuid.uuid4().hex,
        KYOSO_LOG_LEVEL="WARNING",
    )
    # The database may be new (benchmarks.run creates one for the run): bring it up to date.
    subprocess.run(
        [sys.executable, "-m", "kyoso", "manage", "migrate", "--no-input", "-v", "0"],
        env=env,
        cwd=workdir,
        check=True,
    )
    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    results = []
    servers: list[http_contention.Server] = []
    try:
        for count in (1, 2):
            while len(servers) < count:  # 1 worker × 4 threads each, on a free loopback port
                log = Path(workdir) / f"serve-{len(servers) + 1}.log"
                servers.append(http_contention.serve(1, 4, env=env, cwd=Path(workdir), log=log))
            ports = [server.port for server in servers]
            for path in paths:
                _drive(ports, path, args.connections, 1.0)  # warm: templates, connections
                figure = _drive(ports, path, args.connections, args.seconds)
                figure["app_processes"] = count
                results.append(figure)
                print(json.dumps(figure), file=sys.stderr, flush=True)
    finally:
        for server in servers:
            http_contention.stop(server)
    document = json.dumps(
        {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
            "load_average_after": [round(x, 1) for x in os.getloadavg()],
            "gunicorn": "1 worker × 4 threads per app process",
            "connections": args.connections,
            "seconds": args.seconds,
            "results": results,
        },
        ensure_ascii=False,
    )
    print(document)
    if args.json:
        args.json.write_text(document, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
