"""A small region for matching (the ``region`` fixture and the browser journey): a project
in 酒田 whose need asks for IT and marketing, and
people who fit it well, partly, privately, not at all, or who opted out.

- 伊藤 (ito): the project's lead; 中島 (nakajima): a member; 高橋 (takahashi): an outsider
- 松本 (matsumoto): IT and design, digital themes, 酒田, 20 h a month, takes side jobs
- 秘密 (himitsu): IT and marketing, but skills and place are for the secretariat only
- 遠藤 (endo): marketing, lives in 仙台 (about 140 km away)
- 辞退 (jitai): the best fit of all, but does not want to be suggested
- 無関係 (mukankei): nothing in common
"""

from __future__ import annotations

from kyoso.accounts.models import Profile
from kyoso.accounts.tests.factories import UserFactory
from kyoso.matching import works
from kyoso.matching.models import MatchingPreference
from kyoso.matching.services.profiles import match_profiles_refresh
from kyoso.missions.models import MissionSkill
from kyoso.missions.tests.factories import published
from kyoso.projects.models import MemberRole, ProjectTag
from kyoso.projects.tests.factories_work import NeedFactory, join, project_with_lead

NEED_TEXT = "ECサイトの更新とSNSでの発信を手伝える人"


def person(name: str, **profile: object):
    user = UserFactory(display_name=name)
    Profile.objects.filter(user=user).update(**profile)
    return user


def build_region(takahashi):
    ito = person("伊藤")
    nakajima = person("中島")
    project = project_with_lead(ito, title="サンロクIT女子 リモート業務の共同受託")
    join(project, nakajima, MemberRole.MEMBER)
    project.municipalities.set(["06204"])
    ProjectTag.objects.create(project=project, kind="theme", value="digital")
    ProjectTag.objects.create(project=project, kind="theme", value="work")
    need = NeedFactory(
        project=project,
        title=NEED_TEXT,
        description="地元のお店のネット販売を、月20時間ほど手伝ってください。",
        hours_per_month=20,
        work_style="remote",
    )
    need.skills.create(skill="it")
    need.skills.create(skill="marketing")
    matsumoto = person(
        "松本",
        skill_keys=["it", "design"],
        theme_keys=["digital", "childcare"],
        municipality_id="06204",
        hours_per_month=20,
        available_side_job=True,
        bio="酒田でECサイトとSNSの運用を手伝っています。",
    )
    himitsu = person(
        "秘密",
        skill_keys=["it", "marketing"],
        theme_keys=["tourism"],
        municipality_id="06204",
        bio="人には言っていない得意分野があります。",
        visibility={"skills": "secretariat", "municipality": "secretariat", "bio": "secretariat"},
    )
    endo = person("遠藤", skill_keys=["marketing"], municipality_id="04101")
    jitai = person(
        "辞退",
        skill_keys=["it", "marketing"],
        theme_keys=["digital", "work"],
        municipality_id="06204",
        hours_per_month=40,
        available_side_job=True,
        bio="ECサイトの更新とSNSの発信が得意です。",
    )
    MatchingPreference.objects.create(user=jitai, suggest_me=False)
    mukankei = person("無関係", skill_keys=["legal"], theme_keys=["culture"])
    mission = published(title="地元のお店のネット販売を支える", project=project)
    MissionSkill.objects.filter(mission=mission).update(skill="it")
    other_mission = published(title="庄内の農家と飲食店をつなぐ販路開拓")
    other_mission.municipality_id = "04202"
    other_mission.save(update_fields=["municipality"])
    people = [ito, nakajima, matsumoto, himitsu, endo, jitai, mukankei, takahashi]
    match_profiles_refresh([p.pk for p in people])
    return {
        "ito": ito,
        "nakajima": nakajima,
        "takahashi": takahashi,
        "matsumoto": matsumoto,
        "himitsu": himitsu,
        "endo": endo,
        "jitai": jitai,
        "mukankei": mukankei,
        "project": project,
        "need": works.open_need(need.pk),
        "mission": mission,
        "other_mission": other_mission,
    }
