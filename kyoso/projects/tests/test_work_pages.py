"""The work pages: what they show to whom, in a constant number of queries (exact counts,
each query named), and in English for a visitor who picked English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.projects.models import NeedSkill
from kyoso.projects.selectors_work import work_summary
from kyoso.projects.tests.factories_work import (
    CommentFactory,
    HearingFactory,
    NeedFactory,
    ResourceFactory,
    TrialFactory,
    UpdateFactory,
    join,
    project_with_lead,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(suzuki):
    return project_with_lead(suzuki, title="空き家の居場所づくり")


def _fill(project, n):
    for i in range(n):
        need = NeedFactory(project=project)
        NeedSkill.objects.create(need=need, skill="design")
        NeedSkill.objects.create(need=need, skill="pr")
        TrialFactory(project=project, title=f"試行{i}")
        HearingFactory(project=project)
        ResourceFactory(project=project, name=f"資源{i}")
        UpdateFactory(project=project)
        CommentFactory(project=project)


def _get(client, name, project):
    return client.get(reverse(f"projects:{name}", args=[project.pk]))


#: Queries of each page beyond the common ones, for a lead (signed in) and for a visitor.
#: Common, signed in: 1 session, 2 user, 3 roles, 4 project, 5 the viewer's membership.
#: Common, visitor: 1 project.
EXTRA = {
    # needs, their skills; a lead also gets the people who may have filled a need
    "needs": (["candidates", "needs", "skills"], ["needs", "skills"]),
    "trials": (["count", "page"], ["count", "page"]),
    # a member also gets the people they may name as heard
    "hearings": (["count", "page with who was heard", "candidates"], ["count", "page"]),
    "resources": (["count", "page with person and organization", "candidates"], ["count", "page"]),
    "updates": (["count", "page with authors"], ["count", "page with authors"]),
    "comments": (["count", "page with authors"], ["count", "page with authors"]),
}


@pytest.mark.parametrize("name", list(EXTRA))
def test_pages_take_a_constant_number_of_queries(client, suzuki, project, name):
    _fill(project, 4)
    member_extra, visitor_extra = EXTRA[name]
    client.force_login(suzuki)
    with assert_num_queries(5 + len(member_extra), label=f"{name}, lead"):
        response = _get(client, name, project)
    assert response.status_code == 200
    client.logout()
    with assert_num_queries(1 + len(visitor_extra), label=f"{name}, visitor"):
        response = _get(client, name, project)
    assert response.status_code == 200


def test_work_summary_is_seven_queries_and_hides_private_notes(suzuki, takahashi, project):
    _fill(project, 7)
    # 1 open needs, 2 their skills, 3 trials, 4 hearings, 5 resources, 6 updates, 7 comments
    # (the viewer's membership and roles are already read, as on the project page)
    from kyoso.projects.rules import membership_of
    from kyoso.roles.selectors import is_secretariat

    membership_of(takahashi, project)
    is_secretariat(takahashi)
    with assert_num_queries(7):
        work = work_summary(project, takahashi)
    assert len(work["needs"]) == 5 and len(work["needs"][0].skill_list) == 2
    assert all(h.private_notes == "" for h in work["hearings"])
    assert work["show_notes"] is False
    fresh = type(project).objects.get(pk=project.pk)
    membership_of(suzuki, fresh)
    work = work_summary(fresh, suzuki)
    assert work["show_notes"] is True
    assert "町内会長" in work["hearings"][0].private_notes


def test_work_template_renders_sections_with_links(rf, suzuki, project):
    from django.template.loader import render_to_string

    _fill(project, 2)
    work = work_summary(project, suzuki)
    request = rf.get("/")
    request.user = suzuki
    html = render_to_string("projects/_work.html", {"work": work}, request=request)
    for name in EXTRA:
        assert reverse(f"projects:{name}", args=[project.pk]) in html
    assert "町内会長" in html  # a lead sees the private notes


def test_private_notes_only_for_members_and_the_secretariat(
    client, suzuki, takahashi, sato, project
):
    HearingFactory(project=project)
    url = reverse("projects:hearings", args=[project.pk])
    assert "町内会長" not in client.get(url).content.decode()
    client.force_login(takahashi)
    assert "町内会長" not in client.get(url).content.decode()
    join(project, takahashi)
    assert "町内会長" in client.get(url).content.decode()
    client.force_login(sato)
    assert "町内会長" in client.get(url).content.decode()


@pytest.mark.parametrize("name", list(EXTRA))
def test_pages_in_english(english, project, name):
    _fill(project, 1)
    response = english.get(reverse(f"projects:{name}", args=[project.pk]))
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def _form_pages(project, suzuki, sato):
    need = NeedFactory(project=project)
    NeedSkill.objects.create(need=need, skill="design")
    comment = CommentFactory(project=project, author=suzuki)
    return {
        # 6 the need, 7 its skills
        "need_edit": (suzuki, [project.pk, need.pk], 7),
        # 6 the trial
        "trial_edit": (suzuki, [project.pk, TrialFactory(project=project).pk], 6),
        # 6 the hearing, 7 candidates (no organization was heard: none to read)
        "hearing_edit": (suzuki, [project.pk, HearingFactory(project=project).pk], 7),
        # 6 the resource, 7 candidates
        "resource_edit": (suzuki, [project.pk, ResourceFactory(project=project).pk], 7),
        # 6 the comment with its author
        "comment_edit": (suzuki, [project.pk, comment.pk], 6),
        # the secretariat: 4 site settings (staff two-factor check), 5 project, 6 membership
        "report": (sato, [project.pk], 6),
        # the secretariat as above, then 7 the comment with its author
        "comment_hide": (sato, [project.pk, comment.pk], 7),
    }


def test_form_pages_take_a_constant_number_of_queries(client, suzuki, sato, project):
    """Common: 1 session, 2 user, 3 roles, 4 project, 5 the viewer's membership (for the
    secretariat: 4 site settings, 5 project, then its membership), then what each names."""
    for name, (user, args, expected) in _form_pages(project, suzuki, sato).items():
        client.force_login(user)
        with assert_num_queries(expected, label=name):
            response = client.get(reverse(f"projects:{name}", args=args))
        assert response.status_code == 200, name
