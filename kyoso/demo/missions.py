"""Loading the demo's missions (data in ``kyoso/demo/data/missions.py``).

Idempotent like the rest of ``load-demo``: a mission is looked up by (organization, title);
only what is missing is created, and nothing that exists is changed. The missions are written
as their host would publish them (complete, so they score 100) and added to the search index.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from kyoso.demo.data.missions import MISSIONS

FIELDS = (
    "kind",
    "title",
    "background",
    "tasks",
    "deliverables",
    "hours_per_week",
    "work_style",
    "visits_per_month",
    "reward_kind",
    "reward_yen",
    "contact",
    "places",
    "latitude",
    "longitude",
)


def load_missions(run: Any) -> None:
    """The ``load_missions`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.missions.models import Mission, MissionQuestion, MissionSkill, MissionStatus
    from kyoso.orgs.models import Organization
    from kyoso.search.services import index_object

    today = run.now.date()
    for entry in MISSIONS:
        run.totals["missions"] += 1
        organization = Organization.objects.get(slug=entry["organization"])
        if Mission.objects.filter(organization=organization, title=entry["title"]).exists():
            continue
        host = run.users[entry["host"]]
        starts_on = today + timedelta(days=entry["starts_in"])
        mission = Mission(
            organization=organization,
            host=host,
            created_by=host,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=entry["lasts"]),
            deadline=today + timedelta(days=entry["deadline_in"]),
            municipality=run.municipality("06204"),
            status=MissionStatus.PUBLISHED,
            published_at=run.now,
            **{f: entry[f] for f in FIELDS},
        )
        mission.full_clean(
            exclude=["organization", "host", "created_by", "municipality", "project"]
        )
        mission.save()
        MissionSkill.objects.bulk_create(
            [MissionSkill(mission=mission, skill=s, required=True) for s in entry["skills"]]
            + [MissionSkill(mission=mission, skill=s, required=False) for s in entry["welcome"]]
        )
        MissionQuestion.objects.bulk_create(
            [
                MissionQuestion(mission=mission, position=i, text=text)
                for i, text in enumerate(entry["questions"], start=1)
            ]
        )
        run.created["missions"] += 1
        index_object(mission)
