"""Load and faults (issue 20): a scripted crowd against ``kyoso serve`` on PostgreSQL, and
three faults in the middle of it.

The data: the demo region (``kyoso demo``'s loader) plus ``--extra-issues`` generated issues
(benchmarks/populate.py), one event with ``--seats`` seats and one reward tier of ``--rewards``
pieces on the demo's open campaign, and ``--people`` verified accounts. The server: ``kyoso
serve`` (gunicorn, ``--http-workers`` × ``--http-threads``) on a loopback port, with the task
backend in the database and ``kyoso worker`` beside it (heartbeat, scheduler), mail written to
files.

The crowd: ``--clients`` threads, each with an anonymous ``requests`` session and the signed-in
sessions of its share of the people (signed in through the real login form), picking one action
at a time by weight: the home, the issue list, an issue page, the events list, a search
(anonymous); a comment, a new issue, a registration for the event, a pledge for the limited
reward (signed in, each through its real form: GET the page, POST with the form's CSRF token).
Every request is timed and kept with its kind, status and time. Each person and each client's
anonymous session has its own address, sent as ``X-Forwarded-For`` as the reverse proxy on
loopback would (kyoso.core.http.client_ip), so the per-address limits see people, not one host.

The faults, after ``--seconds`` of steady load, each in its own window of ``--window``
seconds: (1) ``kill -9`` of one gunicorn worker (the master starts another); (2) ``kill -9`` of
the background worker while it runs a probe task (benchmarks/load_probe.py), then a new worker;
(3) a PostgreSQL restart (``--pg-restart``, default ``pg_ctlcluster 15 main restart``; the
server is shared: the outage is a few seconds). ``--no-faults`` leaves them out.

Afterwards: the event has no more confirmed registrations than seats, the tier sold no more
than its pieces and its counter agrees, every pledge has one payment and ``check_ledger``
passes, every task queued (mail and probes) has run — the killed worker's probe after being
requeued (kyoso/scheduler/tasks.py) — and every 5xx page the crowd saw was Kyoso's own static
500/503 page (no "Traceback", no Django debug page).

    python -m benchmarks.run --load                       # throw-away kyoso_bench_load
    python -m benchmarks.load --database-url postgres://postgres@127.0.0.1/kyoso_bench_load \
        --json out.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from benchmarks.stats import percentile

PASSWORD = "load-test-パスワード-7319"
#: What a 5xx page may not contain: a stack trace, Django's debug page, an exception's name.
LEAKS = ("Traceback", "technical_500", "Django Version", "OperationalError", "InterfaceError")
#: Kyoso's own error pages (kyoso/templates/errors/500.html and 503.html).
CLEAN_PAGES = ("エラーが発生しました。", "ただいま一時的にご利用いただけません。")
ANONYMOUS = {"home": 14, "issue_list": 14, "issue_page": 14, "events": 10, "search": 10}
SIGNED_IN = {"comment": 12, "issue_new": 2, "register": 6, "pledge": 6}
#: New issues in the whole run: a person may post 10 an hour (kyoso.issues.services.posting),
#: and a crowd that opened issues as often as it comments would not be a town's.
ISSUE_BUDGET = 20


# --- Forms -------------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    #: Every value a checkbox, radio or select offers, by name (non-empty ones).
    choices: dict[str, list[str]] = field(default_factory=dict)


class _Forms(HTMLParser):
    """The forms of a page with their fields' current values (hidden inputs, checked boxes and
    radios, selected options, textareas): what a browser would submit untouched."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        if not self.forms:
            return
        fields = self.forms[-1].fields
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if a.get("value"):
                    self.forms[-1].choices.setdefault(name, []).append(a["value"])
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file", "image"):
                fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if value:
                self.forms[-1].choices.setdefault(self._select, []).append(value)
            if self._first_option is None:
                self._first_option = value
                fields.setdefault(self._select, value)
            if "selected" in a:
                fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data


def form_of(page: str, action_pattern: str, page_path: str = "") -> Form | None:
    """The first form whose action (the page's own path when it has none) matches."""
    parser = _Forms()
    parser.feed(page)
    for form in parser.forms:
        form.action = html.unescape(form.action) or page_path
        if form.method == "post" and re.search(action_pattern, form.action):
            return form
    return None


# --- The crowd ---------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    at: float  # seconds since the load began
    seconds: float
    status: int  # 0: no answer (connection refused or reset)
    outcome: str = ""
    #: For a request without an answer: the client's error, to tell a fault from a race.
    error: str = ""


@dataclass
class Shared:
    base: str
    issue_ids: list[int]
    event_id: int
    campaign_id: int
    tier_id: int
    started: float = 0.0
    stop_at: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    bad_pages: list[str] = field(default_factory=list)
    issues_posted: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _login(base: str, email: str, address: str) -> Any:

    session = _session(address)
    page = session.get(f"{base}/accounts/login/", timeout=30)
    form = form_of(page.text, r"/accounts/login/", "/accounts/login/")
    if form is None:
        raise SystemExit("The login page has no login form.")
    data = {**form.fields, "email": email, "password": PASSWORD}
    answer = session.post(
        f"{base}/accounts/login/",
        data=data,
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise SystemExit(f"Signing in {email} answered {answer.status_code}.")
    return session


def _session(address: str) -> Any:
    """A ``requests`` session whose requests say what a reverse proxy on loopback would:
    ``X-Forwarded-For: <address>`` (``kyoso serve`` trusts 127.0.0.1), so that each person
    has their own address, as behind a real proxy, and the per-address limits count people,
    not the one machine the crowd runs on."""
    import requests

    session = requests.Session()
    session.headers["X-Forwarded-For"] = address
    return session


class Client:
    def __init__(self, shared: Shared, number: int, sessions: list[Any]) -> None:
        self.shared = shared
        self.number = number
        self.anonymous = _session(f"192.0.2.{number + 1}")
        self.sessions = sessions
        self.random = random.Random(number)
        self.kinds = list(ANONYMOUS) + list(SIGNED_IN)
        self.weights = list(ANONYMOUS.values()) + list(SIGNED_IN.values())

    def run(self) -> None:
        while time.monotonic() < self.shared.stop_at:
            kind = self.random.choices(self.kinds, self.weights)[0]
            getattr(self, kind)()

    # One request, timed and kept; returns the answer (None when there was none).
    def _request(self, kind: str, session: Any, method: str, path: str, **kwargs: Any) -> Any:
        import requests

        began = time.monotonic()
        try:
            answer = session.request(
                method, self.shared.base + path, timeout=60, allow_redirects=False, **kwargs
            )
            status = answer.status_code
        except requests.RequestException as error:
            answer, status = None, 0
            outcome = type(error).__name__
            detail = str(error)[:240]
        else:
            outcome = detail = ""
            if status >= 500:
                self._check_error_page(kind, path, answer)
        ended = time.monotonic()
        with self.shared.lock:
            self.shared.samples.append(
                Sample(kind, began - self.shared.started, ended - began, status, outcome, detail)
            )
        return answer

    def _check_error_page(self, kind: str, path: str, answer: Any) -> None:
        page = answer.text
        clean = any(marker in page for marker in CLEAN_PAGES) or (
            path.startswith("/api/") and '"error"' in page
        )
        leaks = [leak for leak in LEAKS if leak in page]
        if leaks or not clean:
            with self.shared.lock:
                self.shared.bad_pages.append(
                    f"{kind} {path} {answer.status_code}: {leaks or 'not a Kyoso error page'} "
                    f"{page[:200]!r}"
                )

    def _get(self, kind: str, path: str, session: Any = None) -> Any:
        return self._request(kind, session or self.anonymous, "GET", path)

    def _post_form(
        self,
        kind: str,
        session: Any,
        page_path: str,
        action: str,
        values: dict[str, str],
        choose: tuple[str, ...] = (),
    ) -> Any:
        """GET the page (timed as ``<kind>_page``), then POST its form with ``values``."""
        page = self._get(f"{kind}_form", page_path, session)
        if page is None or page.status_code != 200:
            return None
        form = form_of(page.text, action, page_path)
        if form is None:
            with self.shared.lock:
                self.shared.samples.append(
                    # -1: the page offers no such form to this person (already registered,
                    # comments closed): nothing to submit, not an error.
                    Sample(kind, time.monotonic() - self.shared.started, 0.0, -1, "no form")
                )
            return None
        return self._request(
            kind,
            session,
            "POST",
            form.action,
            # ``choose``: fields given the first value they offer (a theme, a municipality).
            data={
                **form.fields,
                **{n: form.choices[n][0] for n in choose if form.choices.get(n)},
                **values,
            },
            headers={"Referer": self.shared.base + page_path},
        )

    def _issue(self) -> int:
        return self.random.choice(self.shared.issue_ids)

    def home(self) -> None:
        self._get("home", "/")

    def issue_list(self) -> None:
        page = self.random.choice(["", "?page=2", "?sort=new", "?page=3"])
        self._get("issue_list", f"/issues/{page}")

    def issue_page(self) -> None:
        self._get("issue_page", f"/issues/{self._issue()}/")

    def events(self) -> None:
        self._get("events", "/events/")

    def search(self) -> None:
        word = self.random.choice(["空き家", "子育て", "交通", "防災", "農業", "観光", "高齢者"])
        self._get("search", f"/search/?q={word}")

    def comment(self) -> None:
        issue = self._issue()
        body = f"負荷試験のコメントです（{self.number}-{self.random.randrange(10**6)}）。"
        self._post_form(
            "comment",
            self.random.choice(self.sessions),
            f"/issues/{issue}/",
            rf"/issues/{issue}/comments/$",
            {"body": body},
        )

    def issue_new(self) -> None:
        with self.shared.lock:
            if self.shared.issues_posted >= ISSUE_BUDGET:
                return
            self.shared.issues_posted += 1
        n = self.random.randrange(10**6)
        self._post_form(
            "issue_new",
            self.random.choice(self.sessions),
            "/issues/new/",
            r"/issues/new/$",
            {
                "title": f"負荷試験で投稿した課題 {self.number}-{n}",
                "body": "バス停のベンチが壊れていて、高齢の方が座れません。負荷試験の投稿です。",
            },
            choose=("themes", "municipality"),
        )

    def register(self) -> None:
        event = self.shared.event_id
        self._post_form(
            "register",
            self.random.choice(self.sessions),
            f"/events/{event}/",
            rf"/events/{event}/register/$",
            {},
        )

    def pledge(self) -> None:
        campaign = self.shared.campaign_id
        self._post_form(
            "pledge",
            self.random.choice(self.sessions),
            f"/campaigns/{campaign}/",
            rf"/campaigns/{campaign}/pledge/$",
            {
                "amount": "5000",
                "tier": str(self.shared.tier_id),
                "method": "bank_transfer",
                "payer_name": "フカ シケン",
                "payer_kana": "フカ シケン",
            },
        )


# --- Data --------------------------------------------------------------------------------------


def build(extra_issues: int, people: int, seats: int, rewards: int) -> dict[str, Any]:
    from django.utils import timezone

    from benchmarks.corpus import Corpus
    from benchmarks.populate import BulkIndexer, Timings, grow_to
    from kyoso.accounts.models import User
    from kyoso.campaigns import services as campaigns
    from kyoso.campaigns.models import Campaign
    from kyoso.demo.services import demo_load
    from kyoso.events.models import Event
    from kyoso.issues.models import Issue

    started = time.perf_counter()
    if extra_issues:
        grow_to(extra_issues, Corpus(), indexer=BulkIndexer(), timings=Timings(), progress=print)
    demo = demo_load()
    now = timezone.now()
    crowd = []
    for i in range(people):
        person = User.objects.create_user(
            email=f"load{i}@example.jp", password=PASSWORD, display_name=f"負荷{i}"
        )
        person.email_verified_at = now
        person.save(update_fields=["email_verified_at"])
        crowd.append(person)
    starts = now + dt.timedelta(days=30)
    event = Event.objects.create(
        title="負荷試験：定員のある説明会",
        kind="regular",
        created_by=crowd[0],
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        mode="venue",
        capacity_venue=seats,
    )
    campaign = Campaign.objects.filter(state="open").order_by("pk").first()
    if campaign is None:
        raise SystemExit("The demo has no open campaign to pledge to.")
    tier = campaigns.tier_add(
        actor=campaign.created_by,
        campaign=campaign,
        data={"title": "負荷試験の限定リターン", "min_amount": 5_000, "quantity": rewards},
    )
    issue_ids = list(
        Issue.objects.filter(hidden_at__isnull=True, awaiting_review=False)
        .order_by("-pk")
        .values_list("pk", flat=True)[:500]
    )
    return {
        "demo_logins": len(demo.logins),
        "issues": Issue.objects.count(),
        "people": [p.email for p in crowd],
        "event_id": event.pk,
        "campaign_id": campaign.pk,
        "tier_id": tier.pk,
        "issue_ids": issue_ids,
        "build_s": round(time.perf_counter() - started, 1),
    }


# --- Processes ---------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after the last ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def _start_worker(log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "kyoso", "worker", "--interval", "0.2"]
    command += ["--no-startup-delay", "--no-reload"]
    with open(log, "ab") as out:
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy()
        )


def _wait_postgres(url: str, timeout: float = 120) -> float:
    import psycopg

    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            with psycopg.connect(url, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
            return time.monotonic() - began
        except psycopg.Error:
            time.sleep(0.2)
    raise SystemExit(f"PostgreSQL did not come back within {timeout} s")


@dataclass
class Fault:
    name: str
    start: float
    end: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)


def kill_app_worker(master: int, shared: Shared) -> Fault:
    fault = Fault("kill -9 a gunicorn worker", time.monotonic() - shared.started)
    before = _children(master)
    victim = before[0]
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = _children(master)
        if victim not in now and len(now) == len(before):
            break
        time.sleep(0.1)
    fault.detail = {
        "killed_pid": victim,
        "workers_before": before,
        "workers_after": _children(master),
        "respawned_after_s": round(time.monotonic() - shared.started - fault.start, 1),
    }
    return fault


def kill_task_worker(worker: subprocess.Popen, log: Path, shared: Shared) -> tuple[Fault, Any]:
    """Queue probes, kill -9 the worker while one runs, start a new worker."""
    from django_tasks_db.models import DBTaskResult

    from benchmarks.load_probe import probe

    fault = Fault("kill -9 the task worker mid-task", time.monotonic() - shared.started)
    probes = [probe.enqueue(number=n, seconds=3.0) for n in range(4)]
    ids = [p.id for p in probes]
    deadline = time.monotonic() + 60
    running = None
    while time.monotonic() < deadline:
        running = DBTaskResult.objects.filter(pk__in=ids, status="RUNNING").first()
        if running is not None:
            break
        time.sleep(0.05)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    held = DBTaskResult.objects.filter(pk__in=ids, status="RUNNING").count()
    time.sleep(2)
    replacement = _start_worker(log)
    fault.detail = {
        "probes": len(ids),
        "probe_running_when_killed": running is not None,
        "held_by_the_dead_worker": held,
        "new_worker_after_s": 2,
    }
    fault.detail["probe_ids"] = [str(i) for i in ids]
    return fault, replacement


def restart_postgres(command: str, url: str, shared: Shared) -> Fault:
    fault = Fault("PostgreSQL restart", time.monotonic() - shared.started)
    began = time.monotonic()
    done = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=600)
    fault.detail = {
        "command": command,
        "returncode": done.returncode,
        "stderr": done.stderr.strip()[-300:],
        "command_s": round(time.monotonic() - began, 1),
    }
    if done.returncode != 0:
        # pg_ctl gives up waiting after 60 s ("server does not shut down") while a slow
        # shutdown checkpoint finishes, and then never starts the server: start it here
        # rather than leave a shared server down (tried until the old one has stopped).
        start = command.replace(" restart", " start")
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            started = subprocess.run(shlex.split(start), capture_output=True, timeout=600)
            if started.returncode == 0:
                break
            time.sleep(2)
        fault.detail["then"] = f"{start}: {started.returncode}"
    _wait_postgres(url)
    fault.detail["accepting_again_after_s"] = round(time.monotonic() - began, 1)
    return fault


# --- Figures -----------------------------------------------------------------------------------


def _unanswered(s: Sample) -> dict[str, Any]:
    return {"kind": s.kind, "at_s": round(s.at, 2), "took_s": round(s.seconds, 3), "error": s.error}


def _figures(samples: list[Sample], seconds: float) -> dict[str, Any]:
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        by_kind[s.kind].append(s)
    kinds = {}
    for kind, rows in sorted(by_kind.items()):
        answered = sorted(r.seconds * 1000 for r in rows if r.status > 0)
        kinds[kind] = {
            "requests": len(rows),
            "p50_ms": round(percentile(answered, 0.50), 1) if answered else None,
            "p95_ms": round(percentile(answered, 0.95), 1) if answered else None,
            "p99_ms": round(percentile(answered, 0.99), 1) if answered else None,
            "statuses": dict(sorted(Counter(str(r.status) for r in rows).items())),
        }
    statuses = Counter(str(s.status) for s in samples)
    sent = [s for s in samples if s.status != -1]  # -1: no form offered, nothing sent
    return {
        "seconds": round(seconds, 1),
        "requests": len(sent),
        "requests_per_second": round(len(sent) / seconds, 1) if seconds else None,
        "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(1 for s in samples if s.status >= 500),
        "no_answer": sum(1 for s in samples if s.status == 0),
        "no_answer_requests": [_unanswered(s) for s in samples if s.status == 0][:20],
        "kinds": kinds,
    }


def verify(made: dict[str, Any], probe_ids: list[str], seats: int, rewards: int) -> dict:
    from django.db.models import Count

    from kyoso.campaigns.models import Pledge, Tier
    from kyoso.events.models import Event, Registration
    from kyoso.ledger.checks import check_ledger

    event = Event.objects.get(pk=made["event_id"])
    registrations = Registration.objects.filter(event=event)
    confirmed = registrations.filter(status="confirmed").count()
    per_person = registrations.exclude(status="cancelled").values("user_id")
    doubles = per_person.annotate(n=Count("id")).filter(n__gt=1).count()
    tier = Tier.objects.get(pk=made["tier_id"])
    pledges = Pledge.objects.filter(tier=tier).exclude(status__in=["cancelled", "refunded"])
    payments = list(pledges.values_list("payment_id", flat=True))
    problems = check_ledger()
    return {
        "seats": seats,
        "confirmed": confirmed,
        "waitlisted": registrations.filter(status="waitlisted").count(),
        "seat_counter": event.confirmed_venue,
        "people_registered_twice": doubles,
        "rewards": rewards,
        "pledges_for_the_tier": pledges.count(),
        "tier_remaining": tier.remaining,
        "pledges_without_one_payment": sum(1 for p in payments if p is None)
        + (len(payments) - len(set(payments))),
        "ledger_problems": [str(p) for p in problems],
        "ok": confirmed <= seats
        and event.confirmed_venue == confirmed
        and doubles == 0
        and pledges.count() <= rewards
        and tier.remaining == rewards - pledges.count()
        and len(set(payments)) == len(payments)
        and not problems,
    }


def wait_tasks(probe_ids: list[str], data_dir: Path, timeout: float) -> dict[str, Any]:
    """Wait until no task is READY or RUNNING (the killed worker's probe is requeued once its
    heartbeat is a minute old and the scheduler's next pass runs)."""
    from django_tasks_db.models import DBTaskResult

    began = time.monotonic()
    while time.monotonic() - began < timeout:
        pending = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
        if not pending:
            break
        time.sleep(1)
    statuses = Counter(DBTaskResult.objects.values_list("status", flat=True))
    probes = DBTaskResult.objects.filter(pk__in=probe_ids)
    log = data_dir / "probes.log"
    runs = Counter(log.read_text().split()) if log.exists() else Counter()
    return {
        "waited_s": round(time.monotonic() - began, 1),
        "tasks": dict(sorted(statuses.items())),
        "probes_successful": probes.filter(status="SUCCESSFUL").count(),
        "probes_requeued": sum(1 for p in probes if len(p.worker_ids) > 1),
        "probe_runs_finished": dict(sorted(runs.items())),
        "mail_tasks_successful": DBTaskResult.objects.filter(
            task_path__endswith="send_email", status="SUCCESSFUL"
        ).count(),
        "ok": not statuses.get("READY") and not statuses.get("RUNNING"),
    }


# --- Main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seconds", type=float, default=60, help="steady load before faults")
    parser.add_argument("--window", type=float, default=15, help="seconds kept per fault")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--people", type=int, default=64, help="at most 254")
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--rewards", type=int, default=8)
    parser.add_argument("--extra-issues", type=int, default=1_000)
    parser.add_argument("--http-workers", type=int, default=2)
    parser.add_argument("--http-threads", type=int, default=4)
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--no-pg-restart", action="store_true", help="the other two faults only")
    parser.add_argument("--pg-restart", default="pg_ctlcluster 15 main restart")
    parser.add_argument("--task-timeout", type=float, default=240)
    parser.add_argument("--json", required=True)
    args = parser.parse_args(argv)

    import atexit
    import shutil
    import tempfile

    data_dir = Path(tempfile.mkdtemp(prefix="kyoso-bench-load-"))
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    os.environ["KYOSO_TASK_BACKEND"] = "database"
    os.environ["EMAIL_URL"] = "dummymail://"  # sent by the worker, kept nowhere
    os.environ["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    from benchmarks.issues import _setup

    vendor = _setup(args.database_url, str(data_dir))
    if vendor != "postgresql" and not args.no_faults:
        raise SystemExit("The faults need PostgreSQL (--no-faults for a plain load on SQLite).")
    print("building …", file=sys.stderr, flush=True)
    made = build(args.extra_issues, args.people, args.seats, args.rewards)
    from django.db import connection

    database_url = os.environ["DATABASE_URL"]
    from benchmarks.http_contention import serve

    worker_log = data_dir / "worker.log"
    worker = _start_worker(worker_log)
    served = serve(args.http_workers, args.http_threads)
    server, port = served.process, served.port
    base = f"http://127.0.0.1:{port}"
    shared = Shared(
        base=base,
        issue_ids=made["issue_ids"],
        event_id=made["event_id"],
        campaign_id=made["campaign_id"],
        tier_id=made["tier_id"],
    )
    faults: list[Fault] = []
    probe_ids: list[str] = []
    load_before = os.getloadavg()
    try:
        sessions = [
            _login(base, email, f"198.51.100.{n + 1}") for n, email in enumerate(made["people"])
        ]
        clients = [
            Client(shared, i, sessions[i :: args.clients] or sessions[:1])
            for i in range(args.clients)
        ]
        for c in clients:  # warm: templates, connections (not counted)
            c.home()
            c.issue_list()
        shared.samples.clear()
        total = args.seconds + (0 if args.no_faults else 3 * args.window)
        shared.started = time.monotonic()
        shared.stop_at = shared.started + total
        threads = [threading.Thread(target=c.run, name=f"client-{c.number}") for c in clients]
        for t in threads:
            t.start()
        if not args.no_faults:
            connection.close()
            time.sleep(args.seconds)
            faults.append(kill_app_worker(server.pid, shared))
            faults[-1].end = args.seconds + args.window
            time.sleep(max(0.0, shared.started + faults[-1].end - time.monotonic()))
            fault, worker = kill_task_worker(worker, worker_log, shared)
            probe_ids = fault.detail["probe_ids"]
            fault.end = args.seconds + 2 * args.window
            faults.append(fault)
            connection.close()
            time.sleep(max(0.0, shared.started + fault.end - time.monotonic()))
            if not args.no_pg_restart:
                fault = restart_postgres(args.pg_restart, database_url, shared)
                fault.end = max(
                    args.seconds + 3 * args.window,
                    fault.start + fault.detail["accepting_again_after_s"] + 5,
                )
                faults.append(fault)
                shared.stop_at = max(shared.stop_at, shared.started + fault.end)
        for t in threads:
            t.join()
        elapsed = time.monotonic() - shared.started
        load_after = os.getloadavg()
        connection.close()
        tasks = wait_tasks(probe_ids, data_dir, args.task_timeout)
    finally:
        server.terminate()
        worker.terminate()
        for process in (server, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    def in_window(s: Sample) -> Fault | None:
        """The fault whose window the request overlaps (one started just before counts)."""
        return next((f for f in faults if s.at < f.end and s.at + s.seconds >= f.start), None)

    steady = [s for s in shared.samples if in_window(s) is None]
    steady_seconds = elapsed - sum(f.end - f.start for f in faults)
    windows = []
    for f in faults:
        rows = [s for s in shared.samples if in_window(s) is f]
        windows.append(
            {
                "fault": f.name,
                "from_s": round(f.start, 1),
                "to_s": round(f.end, 1),
                **f.detail,
                "statuses": dict(sorted(Counter(str(s.status) for s in rows).items())),
                "no_answer_kinds": dict(Counter(s.outcome for s in rows if s.status == 0)),
            }
        )
    checks = verify(made, probe_ids, args.seats, args.rewards)
    from django.db import connection as conn

    result = {
        "database": vendor,
        "server_version": conn.cursor().connection.info.server_version,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "server": f"kyoso serve (gunicorn), {args.http_workers} workers × "
        f"{args.http_threads} threads, loopback",
        "clients": args.clients,
        "people": args.people,
        "data": {k: v for k, v in made.items() if k not in ("people", "issue_ids")},
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "steady": _figures(steady, steady_seconds),
        "whole_run": _figures(shared.samples, elapsed),
        "faults": windows,
        "error_pages_not_clean": shared.bad_pages[:20],
        "error_pages_not_clean_count": len(shared.bad_pages),
        "consistency": checks,
        "tasks": tasks,
    }
    text = json.dumps(result, ensure_ascii=False, indent=1, default=str)
    Path(args.json).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
