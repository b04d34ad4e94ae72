"""Projects and missions at scale (issue 13): the project list, the mission list with two
filters and a project's page with 100 k projects, 300 k needs, 50 k missions and 500 k
applications.

Run by ``benchmarks.run --projects`` in a child process, one per database::

    python -m benchmarks.projects --database-url URL --projects 100000 --json out.json

The database must be empty (a throw-away one). It is migrated and filled in two steps with
plain ``INSERT``s (:class:`benchmarks.populate.FastInsert`; no per-row ORM saves, no search
indexing): first 1 % of everything (1 k projects), where every page is measured and its
queries counted, then the rest, where the same pages are measured again and the queries
counted again, to show they do not grow with the data:

- the project list (``/projects/``, the first page, newest first), and the list filtered to
  projects that need help, in one theme;
- the mission list (``/missions/``) with two filters (a kind and remote work);
- a project's page, cycling over 50 projects spread over the table.

Sizes scale together from ``--projects`` (default 100 k): three needs, half a mission and five
applications per project on average, as the issue's 100 k / 300 k / 50 k / 500 k.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.issues import _server_version, _setup, _share_priority_with_backend
from benchmarks.stats import time_calls

PEOPLE = 5_000
BATCH = 2_000
START = dt.datetime(2022, 4, 1, tzinfo=dt.UTC)
STEP = dt.timedelta(minutes=20)
NEEDS_PER_PROJECT = 3
#: Every other project has a mission; each mission has ten applications (5 per project).
MISSION_EVERY = 2
APPLICATIONS_PER_MISSION = 10

PLACE_WORDS = ["空き家", "商店街", "農園", "公民館", "学校", "港", "駅前", "温泉街"]
ACTIONS = ["再生", "見守り", "居場所づくり", "販路開拓", "担い手育成", "情報発信", "交流拠点"]


class Plan:
    """What project number ``n`` looks like: a pure function of ``n``, so the data set can be
    built in steps (the first 1 %, then the rest)."""

    def __init__(self) -> None:
        from kyoso.core.skills import Skill
        from kyoso.issues.vocab import Theme
        from kyoso.projects.models import NeedKind, Stage
        from kyoso.regions.models import Municipality

        self.places = list(Municipality.objects.order_by("pk").values_list("pk", "name"))
        self.themes = [t.value for t in Theme]
        self.stages = [s.value for s in Stage if s.value != "ended"]
        self.need_kinds = [k.value for k in NeedKind]
        self.skills = [s.value for s in Skill]

    def project(self, n: int, project_id: int) -> dict[str, Any]:
        _, place_name = self.places[(n * 31) % len(self.places)]
        created = START + STEP * n
        words = PLACE_WORDS[n % len(PLACE_WORDS)] + ACTIONS[(n // 8) % len(ACTIONS)]
        return {
            "id": project_id,
            "title": f"{place_name}の{words}プロジェクト {n + 1}",
            "goal": f"{place_name}で{words}を1年かけて試し、続けられる形にする",
            "body": "地域の人と一緒に小さく試し、結果を共有します。" * 5,
            "stage": self.stages[n % len(self.stages)],
            "origin": "scratch",
            "member_count": 1 + n % 4,
            "follower_count": 1 + n % 9,
            "open_need_count": self.open_needs(n),
            "created_at": created,
            "updated_at": created,
            "last_activity_at": created,
        }

    def place(self, n: int) -> int:
        return self.places[(n * 31) % len(self.places)][0]

    def theme(self, n: int) -> str:
        return self.themes[(n * 7) % len(self.themes)]

    def need(self, n: int, k: int, need_id: int, project_id: int, created: Any) -> dict:
        status = "open" if k < self.open_needs(n) else "filled"
        return {
            "id": need_id,
            "project_id": project_id,
            "kind": self.need_kinds[(n + k) % len(self.need_kinds)],
            "title": f"{ACTIONS[(n + k) % len(ACTIONS)]}を手伝える人",
            "description": "月に数時間、できる範囲で関わってくれる方を探しています。",
            "hours_per_month": 4 + (n + k) % 12,
            "work_style": ("remote", "onsite", "mixed")[(n + k) % 3],
            "status": status,
            "filled_at": created if status == "filled" else None,
            "created_at": created,
            "updated_at": created,
        }

    @staticmethod
    def open_needs(n: int) -> int:
        return (n % 4) and NEEDS_PER_PROJECT - (n % 3)

    def mission(self, n: int, mission_id: int, project_id: int, host: int, created: Any):
        from kyoso.missions.models import MissionKind

        kinds = [k.value for k in MissionKind]
        published = created + dt.timedelta(days=1)
        return {
            "id": mission_id,
            "project_id": project_id,
            "kind": kinds[(n // MISSION_EVERY) % len(kinds)],
            "title": f"{ACTIONS[n % len(ACTIONS)]}を一緒に進める仲間を募集 {n + 1}",
            "background": "地域の人と一緒に小さく試しています。" * 3,
            "tasks": "現地の聞き取り\n資料づくり\n月1回の報告会",
            "deliverables": "聞き取りのまとめ",
            "hours_per_week": 2 + n % 10,
            "work_style": ("remote", "onsite", "mixed")[(n // MISSION_EVERY // 5) % 3],
            "visits_per_month": 1,
            "reward_kind": "unpaid",
            "host_id": host,
            "contact": "事務局まで",
            "places": 3,
            "accepted_count": 1,
            "deadline": (created + dt.timedelta(days=3650)).date(),
            "status": "published",
            "municipality_id": self.place(n),
            "created_by_id": host,
            "published_at": published,
            "created_at": created,
            "updated_at": published,
        }


def ensure_pool() -> list[int]:
    """The generated people (verified email, unusable password); their ids."""
    from kyoso.accounts.models import User

    domain = "@projects.bench.kyoso.invalid"
    if not User.objects.filter(email__endswith=domain).exists():
        now = dt.datetime.now(dt.UTC)
        User.objects.bulk_create(
            (
                User(
                    email=f"person{n:05d}{domain}",
                    display_name=f"参加者{n}",
                    email_verified_at=now,
                    password="!",
                )
                for n in range(PEOPLE)
            ),
            batch_size=1000,
        )
    return list(
        User.objects.filter(email__endswith=domain).order_by("id").values_list("id", flat=True)
    )


def build(plan: Plan, numbers: range, people: list[int]) -> dict[str, int]:
    """Insert projects ``numbers`` with their tags, places, lead, needs, missions and
    applications; how many rows of each were added."""
    from django.db import transaction

    from benchmarks.populate import FastInsert
    from kyoso.missions.models import Application, Mission, MissionSkill
    from kyoso.projects.models import Membership, Need, NeedSkill, Project, ProjectTag

    tables = {
        "projects": FastInsert(Project),
        "tags": FastInsert(ProjectTag),
        "places": FastInsert(Project.municipalities.through),
        "members": FastInsert(Membership),
        "needs": FastInsert(Need),
        "need_skills": FastInsert(NeedSkill),
        "missions": FastInsert(Mission),
        "mission_skills": FastInsert(MissionSkill),
        "applications": FastInsert(Application),
    }
    ids = {name: table.next_id() for name, table in tables.items()}
    added = dict.fromkeys(tables, 0)

    def take(name: str) -> int:
        ids[name] += 1
        return ids[name] - 1

    for first in range(numbers.start, numbers.stop, BATCH):
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
        for n in range(first, min(first + BATCH, numbers.stop)):
            project_id = take("projects")
            row = plan.project(n, project_id)
            created = row["created_at"]
            lead = people[n % PEOPLE]
            rows["projects"].append(row)
            rows["tags"].append(
                {
                    "id": take("tags"),
                    "project_id": project_id,
                    "kind": "theme",
                    "value": plan.theme(n),
                }
            )
            rows["places"].append(
                {"id": take("places"), "project_id": project_id, "municipality_id": plan.place(n)}
            )
            for k in range(row["member_count"]):
                rows["members"].append(
                    {
                        "id": take("members"),
                        "project_id": project_id,
                        "user_id": people[(n + k * 977) % PEOPLE],
                        "role": "lead" if k == 0 else "member",
                        "status": "active",
                        "created_at": created,
                        "joined_at": created,
                    }
                )
            for k in range(NEEDS_PER_PROJECT):
                need_id = take("needs")
                rows["needs"].append(plan.need(n, k, need_id, project_id, created))
                rows["need_skills"].append(
                    {
                        "id": take("need_skills"),
                        "need_id": need_id,
                        "skill": plan.skills[(n + k) % len(plan.skills)],
                    }
                )
            if n % MISSION_EVERY:
                continue
            mission_id = take("missions")
            rows["missions"].append(plan.mission(n, mission_id, project_id, lead, created))
            rows["mission_skills"].append(
                {
                    "id": take("mission_skills"),
                    "mission_id": mission_id,
                    "skill": plan.skills[n % len(plan.skills)],
                    "required": True,
                }
            )
            for k in range(APPLICATIONS_PER_MISSION):
                at = created + dt.timedelta(days=2, hours=k)
                rows["applications"].append(
                    {
                        "id": take("applications"),
                        "mission_id": mission_id,
                        "applicant_id": people[(n + 1 + k * 499) % PEOPLE],
                        "motivation": "この地域に関わりたいと思い応募しました。",
                        "status": "accepted" if k == 0 else ("applied", "declined")[k % 2],
                        "created_at": at,
                        "updated_at": at,
                    }
                )
        with transaction.atomic():
            for name, table in tables.items():
                table.insert(rows[name])
                added[name] += len(rows[name])
    return added


def finish_build() -> None:
    from benchmarks.populate import analyze, reset_sequences
    from kyoso.missions.models import Application, Mission, MissionSkill
    from kyoso.projects.models import Membership, Need, NeedSkill, Project, ProjectTag

    reset_sequences(
        [
            Project,
            ProjectTag,
            Project.municipalities.through,
            Membership,
            Need,
            NeedSkill,
            Mission,
            MissionSkill,
            Application,
        ]
    )
    analyze()


# --- Measuring the pages ---------------------------------------------------------------------


def _urls(plan: Plan) -> dict[str, Any]:
    from django.urls import reverse

    from kyoso.projects.models import Project

    projects = reverse("projects:list")
    missions = reverse("missions:list")
    ids = list(Project.objects.order_by("id").values_list("id", flat=True))
    step = max(1, len(ids) // 50)
    return {
        "project_list": projects,
        "project_list_filtered": f"{projects}?{PROJECT_FILTERS.format(theme=plan.theme(1))}",
        "mission_list_filtered": f"{missions}?{MISSION_FILTERS}",
        "project_pages": [reverse("projects:detail", args=[pk]) for pk in ids[::step][:50]],
    }


#: The project list filtered to projects that need help in one theme.
PROJECT_FILTERS = "needs_help=on&theme={theme}"
#: The mission list with two filters: one kind, remote work.
MISSION_FILTERS = "kind=side_job&work_style=remote"
PAGES = ["project_list", "project_list_filtered", "mission_list_filtered", "project_page"]


def _clients(person_id: int) -> dict[str, Any]:
    from django.test import Client

    from kyoso.accounts.models import User

    signed_in = Client()
    signed_in.force_login(User.objects.get(pk=person_id))
    return {"anonymous": Client(), "signed_in": signed_in}


def _targets(urls: dict[str, Any]) -> dict[str, str]:
    return {
        "project_list": urls["project_list"],
        "project_list_filtered": urls["project_list_filtered"],
        "mission_list_filtered": urls["mission_list_filtered"],
        "project_page": urls["project_pages"][1],
    }


def count_queries(plan: Plan, person_id: int) -> dict[str, dict[str, int]]:
    """SQL queries per request for each page, anonymous and signed in."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = _urls(plan)
    counts: dict[str, dict[str, int]] = {}
    for who, client in _clients(person_id).items():
        figures: dict[str, int] = {}
        for name, url in _targets(urls).items():
            client.get(url)  # warm caches (session, site settings) as a visitor would have
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            figures[name] = len(captured.captured_queries)
        counts[who] = figures
    return counts


def measure(plan: Plan, person_id: int, rounds: int) -> dict[str, Any]:
    _share_priority_with_backend()
    urls = _urls(plan)
    results: dict[str, Any] = {
        "urls": _targets(urls),
        "load_before": os.getloadavg()[0],
        "nice": os.getpriority(os.PRIO_PROCESS, 0),
    }
    for who, client in _clients(person_id).items():

        def get(url: str, client: Any = client) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        cycle = iter(range(10**9))

        def page(cycle: Any = cycle, pages: list[str] = urls["project_pages"]) -> None:
            get(pages[next(cycle) % len(pages)])

        results[who] = {
            name: time_calls(lambda url=url: get(url), rounds=rounds, budget_s=30)
            for name, url in _targets(urls).items()
            if name != "project_page"
        }
        results[who]["project_page"] = time_calls(page, rounds=rounds, budget_s=30)
    results["load_after"] = os.getloadavg()[0]
    return results


def counts() -> dict[str, int]:
    from kyoso.missions.models import Application, Mission
    from kyoso.projects.models import Need, Project

    return {
        "projects": Project.objects.count(),
        "needs": Need.objects.count(),
        "missions": Mission.objects.count(),
        "applications": Application.objects.count(),
    }


# --- Main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--data-dir", help="keep the SQLite data set in this directory")
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url, args.data_dir)

    from django.db import connection

    output: dict[str, Any] = {
        "database": vendor,
        "server_version": _server_version(connection),
        "python": platform.python_version(),
        "projects": args.projects,
    }

    def save() -> None:
        output["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        args.json.write_text(json.dumps(output, ensure_ascii=False, indent=1), encoding="utf-8")

    started = time.perf_counter()
    people = ensure_pool()
    plan = Plan()
    person = people[0]
    small = max(1, args.projects // 100)
    print(f"[{vendor}] building the first {small:,} projects", flush=True)
    build(plan, range(small), people)
    finish_build()
    output["small"] = {
        "sizes": counts(),
        "queries": count_queries(plan, person),
        "pages": measure(plan, person, args.rounds),
    }
    save()
    print(f"[{vendor}] building up to {args.projects:,} projects", flush=True)
    build_started = time.perf_counter()
    build(plan, range(small, args.projects), people)
    finish_build()
    output["build_seconds"] = time.perf_counter() - started
    output["build_rest_seconds"] = time.perf_counter() - build_started
    output["sizes"] = counts()
    print(f"[{vendor}] measuring at {output['sizes']}", flush=True)
    output["queries"] = count_queries(plan, person)
    output["pages"] = measure(plan, person, args.rounds)
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
