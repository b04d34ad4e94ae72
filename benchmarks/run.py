"""Run Kyoso's benchmarks and write the figures to docs/performance.md.

Usage: ``make bench`` (or ``python -m benchmarks.run``). Each benchmark builds its own
throw-away SQLite database (or uses DATABASE_URL when set), so it never touches real data.
Figures are wall-clock on this machine; tests never assert them.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "performance.md"


def _setup() -> str:
    data_dir = tempfile.mkdtemp(prefix="kyoso-bench-")
    os.environ["KYOSO_DATA_DIR"] = data_dir
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{data_dir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "kyoso.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return os.environ["DATABASE_URL"].split(":", 1)[0]


def _time_get(client, url: str, rounds: int) -> dict[str, float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return {
        "p50": statistics.median(samples),
        "p95": samples[int(len(samples) * 0.95) - 1],
        "max": samples[-1],
    }


def page_latency(rounds: int = 200) -> list[tuple[str, dict[str, float]]]:
    from django.test import Client

    from kyoso.accounts.models import User
    from kyoso.demo.services import demo_load

    demo_load()
    anonymous = Client()
    member = Client()
    member.force_login(User.objects.filter(email__endswith="@demo.kyoso.invalid").first())
    pages = [
        ("home (anonymous)", anonymous, "/"),
        ("organizations list (anonymous)", anonymous, "/orgs/"),
        ("search 酒田 (anonymous)", anonymous, "/search/?q=酒田"),
        ("profile settings (signed in)", member, "/accounts/settings/"),
        ("API /api/v1/organizations (session)", member, "/api/v1/organizations"),
    ]
    for _label, client, url in pages:  # warm up template and URL caches
        client.get(url)
    return [(label, _time_get(client, url, rounds)) for label, client, url in pages]


def main() -> int:
    vendor = _setup()
    rows = page_latency()
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "# Kyoso performance figures",
        "",
        "Written by `make bench` (benchmarks/run.py). Wall-clock figures from one machine;",
        "tests never assert them. Re-run after changes that touch hot paths.",
        "",
        f"- Date: {now}",
        f"- Machine: {machine}, {platform.platform()}",
        f"- Database: {vendor}",
        "",
        "## Page latency (Django test client, in-process, 200 requests each, demo data)",
        "",
        "| page | p50 ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, figures in rows:
        lines.append(
            f"| {label} | {figures['p50']:.1f} | {figures['p95']:.1f} | {figures['max']:.1f} |"
        )
    lines += ["", f"Peak resident memory of the benchmark process: {peak_rss_mb:.0f} MB", ""]
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
