"""Page latency on the demo region (Django test client, in process).

Run by ``benchmarks.run`` in a child process: ``python -m benchmarks.pages --json PATH``. It
builds a throw-away SQLite database (or uses DATABASE_URL when set), loads the demo and times
a few pages anonymous and signed in.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
from pathlib import Path

from benchmarks.stats import summarize


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
    import time

    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return summarize(samples)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args(argv)
    vendor = _setup()
    rows = page_latency(args.rounds)
    result = {
        "database": vendor,
        "rounds": args.rounds,
        "pages": [{"label": label, **figures} for label, figures in rows],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
