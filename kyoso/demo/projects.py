"""Loading the demo's projects and their missions (data in ``kyoso/demo/data/projects.py``).

Idempotent like the rest of ``load-demo``: a project is looked up by its title, its parts by
their natural keys (a need or trial by title, a hearing by what was learned, a resource by
name, an update by its text); only what is missing is created, nothing that exists is changed.
Members join through ``kyoso.projects.services.membership.member_add`` and the applications
to the projects' missions go through the missions app's services (submitted, moved by the
host, accepted by the candidate), so the counters, the history and the project's members are
what the running application would have made. Dates are backdated from the day the demo is
loaded so the pages look lived in.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import F

from kyoso.demo.data.projects import PROJECT_MISSIONS, PROJECTS
from kyoso.demo.missions import FIELDS as MISSION_FIELDS

#: Who moves an application to each status (the host, or the candidate).
CANDIDATE_MOVES = {"accepted", "withdrawn"}


def load_projects(run: Any) -> None:
    """The ``load_projects`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.search.services import index_object

    for entry in PROJECTS:
        run.totals["projects"] += 1
        project, created = _project(run, entry)
        _members(run, project, entry)
        _needs(run, project, entry)
        _records(run, project, entry)
        _updates(run, project, entry)
        if created:
            index_object(project)
    for entry in PROJECT_MISSIONS:
        run.totals["project_missions"] += 1
        _mission(run, entry)


def _project(run: Any, entry: dict) -> tuple[Any, bool]:
    from kyoso.issues.models import Issue
    from kyoso.orgs.models import Organization
    from kyoso.projects.models import (
        STAGE_ORDER,
        Follow,
        Origin,
        Project,
        ProjectTag,
        StageChange,
    )

    project = Project.objects.filter(title=entry["title"]).first()
    if project is not None:
        return project, False
    lead = run.users[entry["lead"]]
    issue = Issue.objects.get(title=entry["issue"]) if entry["issue"] else None
    point = entry["point"]
    project = Project(
        title=entry["title"],
        goal=entry["goal"],
        body=entry["body"],
        stage=entry["stage"],
        origin=Origin.ISSUE if issue else Origin.SCRATCH,
        origin_issue=issue,
        organization=(
            Organization.objects.get(slug=entry["organization"]) if entry["organization"] else None
        ),
        latitude=Decimal(str(point[0])) if point else None,
        longitude=Decimal(str(point[1])) if point else None,
        created_by=lead,
        follower_count=1,
    )
    project.full_clean(exclude=["origin_issue", "origin_event", "origin_pitch", "organization"])
    project.save()
    started = run.now - timedelta(days=150)
    Project.objects.filter(pk=project.pk).update(created_at=started, last_activity_at=run.now)
    project.municipalities.set([run.municipality(code) for code in entry["municipalities"]])
    ProjectTag.objects.bulk_create(
        [ProjectTag(project=project, kind="theme", value=theme) for theme in entry["themes"]]
    )
    if issue is not None:
        from kyoso.demo.conversations import date_notifications, last_notification_id
        from kyoso.issues.services.taken_up import issue_taken_up
        from kyoso.projects.registry import project_url

        project.issues.add(issue)
        notified_before = last_notification_id()
        issue_taken_up(
            actor=lead, issue=issue, project_title=project.title, project_url=project_url(project)
        )
        date_notifications(after_id=notified_before, moment=started, now=run.now)
    Follow.objects.create(project=project, user=lead)
    # The history up to the current stage, one step a month.
    reached = STAGE_ORDER[: STAGE_ORDER.index(entry["stage"]) + 1]
    previous = ""
    for step, stage in enumerate(reached):
        change = StageChange.objects.create(
            project=project,
            from_stage=previous,
            to_stage=stage,
            actor=lead,
            reason="立ち上げ" if not previous else "メンバーで話し合い、次の段階に進めました。",
        )
        StageChange.objects.filter(pk=change.pk).update(at=started + timedelta(days=30 * step))
        previous = stage
    run.created["projects"] += 1
    return project, True


def _members(run: Any, project: Any, entry: dict) -> None:
    from kyoso.projects.models import MemberRole, Membership
    from kyoso.projects.services.membership import member_add

    wanted = [(entry["lead"], MemberRole.LEAD), *entry["members"]]
    for key, role in wanted:
        run.totals["project_members"] += 1
        user = run.users[key]
        if Membership.objects.filter(project=project, user=user).exists():
            continue
        member_add(actor=user, project=project, user=user, role=role, via="demo")
        run.created["project_members"] += 1


def _needs(run: Any, project: Any, entry: dict) -> None:
    from kyoso.projects.models import Need, NeedSkill, NeedStatus, Project

    for item in entry["needs"]:
        run.totals["project_needs"] += 1
        if Need.objects.filter(project=project, title=item["title"]).exists():
            continue
        need = Need.objects.create(
            project=project,
            kind=item["kind"],
            title=item["title"],
            description=item["description"],
            hours_per_month=item["hours_per_month"],
            work_style=item["work_style"],
            status=NeedStatus.OPEN,
            created_by=run.users[entry["lead"]],
        )
        NeedSkill.objects.bulk_create([NeedSkill(need=need, skill=s) for s in item["skills"]])
        Project.objects.filter(pk=project.pk).update(open_need_count=F("open_need_count") + 1)
        run.created["project_needs"] += 1


def _records(run: Any, project: Any, entry: dict) -> None:
    from kyoso.orgs.models import Organization
    from kyoso.projects.models import Hearing, Resource, Trial

    lead = run.users[entry["lead"]]
    today = run.now.date()
    for item in entry["trials"]:
        run.totals["project_trials"] += 1
        if Trial.objects.filter(project=project, title=item["title"]).exists():
            continue
        Trial.objects.create(
            project=project,
            title=item["title"],
            hypothesis=item["hypothesis"],
            starts_on=today - timedelta(days=item["days_ago_start"]),
            ends_on=today - timedelta(days=item["days_ago_end"]),
            measured=item["measured"],
            result=item["result"],
            learned=item["learned"],
            created_by=lead,
        )
        run.created["project_trials"] += 1
    for item in entry["hearings"]:
        run.totals["project_hearings"] += 1
        if Hearing.objects.filter(project=project, learned=item["learned"]).exists():
            continue
        Hearing.objects.create(
            project=project,
            heard_organization=(
                Organization.objects.get(slug=item["heard_org"]) if item["heard_org"] else None
            ),
            heard_text=item["heard_text"],
            held_on=today - timedelta(days=item["days_ago"]),
            learned=item["learned"],
            private_notes=item["private_notes"],
            created_by=lead,
        )
        run.created["project_hearings"] += 1
    for kind, name, slug in entry["resources"]:
        run.totals["project_resources"] += 1
        if Resource.objects.filter(project=project, name=name).exists():
            continue
        Resource.objects.create(
            project=project,
            kind=kind,
            name=name,
            organization=Organization.objects.get(slug=slug) if slug else None,
            created_by=lead,
        )
        run.created["project_resources"] += 1


def _updates(run: Any, project: Any, entry: dict) -> None:
    from kyoso.projects.models import Update

    for key, text, days_ago in entry["updates"]:
        run.totals["project_updates"] += 1
        if Update.objects.filter(project=project, body=text).exists():
            continue
        update = Update.objects.create(project=project, author=run.users[key], body=text)
        Update.objects.filter(pk=update.pk).update(created_at=run.now - timedelta(days=days_ago))
        run.created["project_updates"] += 1


def _mission(run: Any, entry: dict) -> None:
    from kyoso.missions.models import Mission, MissionQuestion, MissionSkill, MissionStatus
    from kyoso.projects.models import Project
    from kyoso.search.services import index_object

    project = Project.objects.get(title=entry["project"])
    mission = Mission.objects.filter(project=project, title=entry["title"]).first()
    if mission is None:
        host = run.users[entry["host"]]
        today = run.now.date()
        starts_on = today + timedelta(days=entry["starts_in"])
        draft = entry["draft"]
        mission = Mission(
            project=project,
            host=host,
            created_by=host,
            starts_on=None if draft else starts_on,
            ends_on=None if draft else starts_on + timedelta(days=entry["lasts"]),
            deadline=today + timedelta(days=entry["deadline_in"]),
            municipality=project.municipalities.first(),
            status=MissionStatus.DRAFT if draft else MissionStatus.PUBLISHED,
            published_at=None if draft else run.now - timedelta(days=5),
            **{f: entry.get(f) for f in MISSION_FIELDS if f in entry},
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
        run.created["project_missions"] += 1
        if not draft:
            index_object(mission)
    _applications(run, mission, entry)


def _applications(run: Any, mission: Any, entry: dict) -> None:
    from kyoso.missions.models import Application
    from kyoso.missions.services.applications import application_move, application_submit

    host = run.users[entry["host"]]
    questions = list(mission.questions.order_by("position"))
    for item in entry["applications"]:
        run.totals["mission_applications"] += 1
        person = run.users[item["person"]]
        if Application.objects.filter(mission=mission, applicant=person).exists():
            continue
        application = application_submit(
            actor=person,
            mission=mission,
            motivation=item["motivation"],
            answers={q.pk: text for q, text in zip(questions, item["answers"], strict=True)},
        )
        for status in item["steps"]:
            actor = person if status in CANDIDATE_MOVES else host
            application = application_move(actor=actor, application=application, to_status=status)
        run.created["mission_applications"] += 1
