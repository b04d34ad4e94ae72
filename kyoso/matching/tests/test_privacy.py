"""No suggestion, reason or API answer uses a profile field its viewer may not see."""

from __future__ import annotations

from django.urls import reverse

from kyoso.accounts.tests.factories import make_secretariat
from kyoso.matching import ranking, selectors, works
from kyoso.matching.models import LEVEL_MEMBERS, LEVEL_SECRETARIAT
from kyoso.projects.models import MemberRole
from kyoso.projects.tests.factories_work import join


def _himitsu(people):
    return next((p for p in people if p.display_name == "秘密"), None)


def test_private_skills_and_place_never_count_for_a_member(region):
    people = selectors.people_for_need(region["need"], region["ito"]).people
    himitsu = _himitsu(people)
    if himitsu is not None:
        assert {f for f, _t, _s in himitsu.reasons} <= {"recency"}


def test_the_secretariat_sees_what_the_person_shows_it(region):
    need = region["need"]
    work = works.need_features(need)
    text = works.need_text(need)
    member = ranking.rank_people(work, text, viewer=region["ito"], level=LEVEL_MEMBERS, limit=20)
    staff = ranking.rank_people(work, text, viewer=region["ito"], level=LEVEL_SECRETARIAT, limit=20)
    assert "skills" in {f for f, _t, _s in _himitsu(staff).reasons}
    member_himitsu = _himitsu(member)
    assert member_himitsu is None or "skills" not in {f for f, _t, _s in member_himitsu.reasons}


def test_a_secretariat_lead_sees_private_fields_it_may_see(region):
    sato = make_secretariat(display_name="佐藤")
    join(region["project"], sato, MemberRole.MEMBER)
    people = selectors.people_for_need(region["need"], sato).people
    assert "skills" in {f for f, _t, _s in _himitsu(people).reasons}


def test_page_and_api_never_name_private_fields(client, region):
    client.force_login(region["ito"])
    need = region["need"]
    page = client.get(reverse("matching:need", args=[need.pk])).content.decode()
    answer = client.get(f"/api/v1/matches?for=need:{need.pk}").content.decode()
    for body in (page, answer):
        assert "人には言っていない" not in body
        if "秘密" in body:
            chunk = body[body.index("秘密") : body.index("秘密") + 400]
            assert "スキル" not in chunk and "酒田" not in chunk


def test_name_hidden_posts_are_not_read(region):
    from kyoso.issues.tests.factories import IssueFactory
    from kyoso.matching.models import MatchProfile
    from kyoso.matching.services.profiles import match_profiles_refresh

    endo = region["endo"]
    IssueFactory(
        author=endo, title="匿名の悩み", body="ワイン醸造の後継者がいない", name_hidden=True
    )
    match_profiles_refresh([endo.pk])
    terms = MatchProfile.objects.get(user=endo).text_terms
    assert not any("ワイン" in t or "わいん" in t or "醸造" in t for t in terms)
