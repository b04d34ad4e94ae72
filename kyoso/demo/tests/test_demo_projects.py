"""The demo's projects (seed 000's Residence Lab trial, seed 001's サンロク projects) and their
missions: led, with needs, trials and hearings, their issues taken up, a candidate accepted
through the missions app who became a member, the counters equal to the rows, loaded once."""

from kyoso.demo.data.projects import PROJECT_MISSIONS, PROJECTS
from kyoso.issues.models import Stage
from kyoso.missions.models import Application, Mission, MissionStatus
from kyoso.missions.services.missions import completeness_of
from kyoso.projects.models import MemberRole, Membership, MemberStatus, NeedStatus, Project
from kyoso.search.services import search


class TestDemoProjects:
    """Read the demo loaded once for the class (each test in a savepoint inside)."""

    def test_the_projects_are_led_counted_and_linked_to_their_issues(self, loaded_demo, db):
        projects = list(Project.objects.prefetch_related("memberships", "needs", "issues"))
        assert {p.title for p in projects} == {entry["title"] for entry in PROJECTS}
        for project in projects:
            active = [m for m in project.memberships.all() if m.status == MemberStatus.ACTIVE]
            assert any(m.role == MemberRole.LEAD for m in active), project.title
            assert project.member_count == len(active), project.title
            open_needs = [n for n in project.needs.all() if n.status != NeedStatus.FILLED]
            assert project.open_need_count == len(open_needs), project.title
            for issue in project.issues.all():
                # Taken up: an issue still at 種 or 顕在化 moved to 取組中 (later stages stay).
                assert issue.stage not in (Stage.SEED, Stage.SURFACED), issue.title
        lab = next(p for p in projects if p.title.startswith("生理用品"))
        assert lab.trials.count() == 1 and lab.hearings.count() == 2
        hits = search("生理用品", viewer=None, types=["projects"]).items
        assert [hit.title for hit in hits] == [lab.title]

    def test_the_accepted_candidate_is_a_member_and_the_draft_lacks_what_it_lacks(
        self, loaded_demo, db
    ):
        accepted = Application.objects.get(status="accepted")
        assert accepted.applicant.email.startswith("nakamura@")
        assert Membership.objects.filter(
            project=accepted.mission.project, user=accepted.applicant, status=MemberStatus.ACTIVE
        ).exists()
        assert accepted.mission.accepted_count == 1
        assert [c.to_status for c in accepted.status_changes.order_by("at", "id")] == [
            "applied",
            "in_conversation",
            "offered",
            "accepted",
        ]

        draft = Mission.objects.get(status=MissionStatus.DRAFT)
        check = completeness_of(draft)
        assert not check.publishable
        assert {item.key for item in check.missing} >= {"tasks", "period", "hours", "deliverables"}

    def test_every_described_project_and_mission_is_there_once(self, loaded_demo, db):
        # A second load changing nothing is test_load_demo_idempotent's (every table).
        assert Project.objects.count() == len(PROJECTS)
        assert Mission.objects.filter(project__isnull=False).count() == len(PROJECT_MISSIONS)
        created = loaded_demo.result.created
        assert created["projects"] == len(PROJECTS)
        assert created["project_missions"] == len(PROJECT_MISSIONS)
