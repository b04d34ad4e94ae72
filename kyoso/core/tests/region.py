"""A small region with something in every home and dashboard block, for the home's tests and
the browser journey. Rows are written directly (factories), as the demo would show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.communities.tests.factories import BoardPostFactory, CommunityFactory
from kyoso.communities.tests.factories import add_member as join_community
from kyoso.core.fiscal import fiscal_year
from kyoso.events.figures import fiscal_year_bounds
from kyoso.events.models import EventMode, RegistrationStatus
from kyoso.events.tests.factories import EventFactory, RegistrationFactory, in_days
from kyoso.issues.models import Empathy, Report, Stage
from kyoso.issues.tests.factories import IssueFactory, StageChangeFactory
from kyoso.missions.tests.factories import apply, make_project, published
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import JoinRequestFactory, MembershipFactory, OrganizationFactory
from kyoso.projects.models import Need, NeedKind
from kyoso.projects.models import Report as ProjectReport
from kyoso.projects.tests.factories import add_member as join_project

AOBA = "04101"  # 宮城県仙台市青葉区, a ward of 仙台市 (04100)
SENDAI = "04100"
SAKATA = "06204"  # 山形県酒田市


@dataclass
class Region:
    aoba_issue: Any
    sakata_issue: Any
    community: Any
    upcoming: Any
    full: Any
    community_event: Any
    project: Any
    need: Any
    mission: Any


def _earlier_this_year(days: int) -> Any:
    """A moment ``days`` ago, but never before this fiscal year began."""
    now = timezone.now()
    start, _end = fiscal_year_bounds(fiscal_year(timezone.localtime(now)))
    return max(now - timedelta(days=days), start + timedelta(minutes=1))


def build_region(citizen: Any = None, secretariat_work: bool = True) -> Region:
    people = UserFactory.create_batch(3)
    aoba_issue = IssueFactory(title="通学路が暗い", municipality_id=AOBA, empathy_count=3)
    sakata_issue = IssueFactory(
        title="農家の後継者がいない", municipality_id=SAKATA, empathy_count=1
    )
    old = IssueFactory(title="先月の課題", municipality_id=SAKATA, empathy_count=1)
    for person in people:
        Empathy.objects.create(issue=aoba_issue, user=person)
    Empathy.objects.create(issue=sakata_issue, user=people[0])
    Empathy.objects.filter(issue=old).delete()
    stale = Empathy.objects.create(issue=old, user=people[1])
    Empathy.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=10))

    community = CommunityFactory(name="庄内農業共創コミュニティ", municipality_id=SAKATA)
    community.issues.add(sakata_issue)

    upcoming = EventFactory(
        title="通学路を明るくする勉強会", municipality_id=AOBA, capacity_venue=30, confirmed_venue=4
    )
    full = EventFactory(
        title="満席のワークショップ", municipality_id=AOBA, capacity_venue=2, confirmed_venue=2
    )
    community_event = EventFactory(
        title="庄内の販路を考える会",
        municipality_id=SAKATA,
        community=community,
        mode=EventMode.ONLINE,
        capacity_venue=None,
        capacity_online=None,
        starts_at=in_days(3),
    )
    held = EventFactory(
        title="今年度の定例会",
        municipality_id=AOBA,
        starts_at=_earlier_this_year(2),
        counted_attendance=12,
    )
    held.ends_at = held.starts_at + timedelta(hours=2)
    held.save(update_fields=["ends_at"])
    RegistrationFactory(event=held, checked_in_at=held.starts_at)

    project = make_project(title="庄内の販路づくり")
    project.municipalities.add(SAKATA)
    need = Need.objects.create(
        project=project, kind=NeedKind.SKILLS, title="ウェブサイトを作れる人", created_by=people[0]
    )
    mission = published(project=project, title="販路開拓の副業人材", municipality_id=SAKATA)

    if citizen is not None:
        RegistrationFactory(event=upcoming, user=citizen, status=RegistrationStatus.CONFIRMED)
        mine = IssueFactory(title="公園の遊具が古い", author=citizen, stage=Stage.SURFACED)
        StageChangeFactory(issue=mine, from_stage=Stage.SEED, to_stage=Stage.SURFACED)
        join_project(project, citizen)
        apply(mission, citizen)
        join_community(community, citizen)
        BoardPostFactory(community=community, author=people[2], title="次の定例会のお知らせ")

    if secretariat_work:
        Report.objects.create(issue=aoba_issue, reporter=people[1], reason="個人情報があります")
        IssueFactory(title="確認待ちの初投稿", awaiting_review=True)
        ProjectReport.objects.create(project=project, reporter=people[1], reason="宣伝です")
        OrganizationFactory(name="認証待ちの団体")
        verified = OrganizationFactory(name="認証済みの団体", verified_at=timezone.now())
        if citizen is not None:
            MembershipFactory(organization=verified, user=citizen, role=MemberRole.OWNER)
        JoinRequestFactory(organization=verified, user=people[0])

    return Region(
        aoba_issue=aoba_issue,
        sakata_issue=sakata_issue,
        community=community,
        upcoming=upcoming,
        full=full,
        community_event=community_event,
        project=project,
        need=need,
        mission=mission,
    )
