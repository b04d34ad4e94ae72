"""Opting out, "not now" that stays, "interested" that lifts."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.matching import audit, features, selectors
from kyoso.matching.models import MatchKey, MatchProfile
from kyoso.matching.services.feedback import matching_preference_set
from kyoso.matching.services.profiles import match_profiles_refresh, rebuild_all


def _names(region):
    return [p.display_name for p in selectors.people_for_need(region["need"], region["ito"]).people]


def test_an_opted_out_person_is_never_suggested(region, client):
    assert "辞退" not in _names(region)
    assert not MatchKey.objects.filter(person=region["jitai"]).exists()
    client.force_login(region["ito"])
    answer = client.get(f"/api/v1/matches?for=need:{region['need'].pk}").json()
    assert "辞退" not in [p["display_name"] for p in answer["items"]]
    rebuild_all()
    assert "辞退" not in _names(region)


def test_opting_out_and_back_in_through_the_settings_page(region, client):
    matsumoto = region["matsumoto"]
    client.force_login(matsumoto)
    response = client.post(reverse("matching:preference"), {})
    assert response.status_code == 302
    assert "松本" not in _names(region)
    assert AuditEvent.objects.filter(action=audit.PREFERENCE_CHANGED).count() == 1
    client.post(reverse("matching:preference"), {"suggest_me": "on"})
    assert _names(region)[0] == "松本"


def test_a_profile_change_refreshes_the_features(region):
    from kyoso.accounts.services.profile import profile_update

    endo = region["endo"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        profile_update(actor=endo, user=endo, data={"skills": ["データ分析"], "municipality": None})
    row = MatchProfile.objects.get(user=endo)
    assert row.skill_keys == ["data", "marketing"]
    assert row.municipality_code == ""


def test_not_now_on_a_person_stays(region, client):
    need = region["need"]
    client.force_login(region["ito"])
    url = reverse("matching:need", args=[need.pk])
    response = client.post(
        reverse("matching:feedback"),
        {
            "subject": f"need:{need.pk}",
            "candidate": f"user:{region['matsumoto'].pk}",
            "verdict": "not_now",
            "next": url,
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    assert "松本" not in client.get(url).content.decode()
    match_profiles_refresh([region["matsumoto"].pk])
    assert "松本" not in _names(region)
    # Only for the one who said so: the other member still sees them.
    names = [
        p.display_name for p in selectors.people_for_need(region["need"], region["nakajima"]).people
    ]
    assert "松本" in names


def test_interested_lifts_the_score_and_says_so(region):
    from kyoso.matching.services.feedback import feedback_record

    before = {
        p.display_name: p.score
        for p in selectors.people_for_need(region["need"], region["ito"]).people
    }
    feedback_record(
        actor=region["ito"],
        subject_kind="need",
        subject_id=region["need"].pk,
        candidate_kind="user",
        candidate_id=region["endo"].pk,
        verdict="interested",
    )
    after = selectors.people_for_need(region["need"], region["ito"]).people
    endo = next(p for p in after if p.display_name == "遠藤")
    assert round(endo.score - before["遠藤"], 6) == features.FEEDBACK_INTERESTED
    assert "feedback" in {f for f, _t, _s in endo.reasons}


def test_bad_feedback_is_refused_with_a_message(region, client):
    from kyoso.matching import messages

    client.force_login(region["matsumoto"])
    response = client.post(
        reverse("matching:feedback"),
        {"subject": "planet:1", "candidate": "mission:1", "verdict": "not_now"},
        follow=True,
    )
    assert str(messages.FEEDBACK_TARGET_UNKNOWN) in response.content.decode()
    response = client.post(
        reverse("matching:feedback"),
        {"subject": "user:1", "candidate": "mission:1", "verdict": "maybe"},
        follow=True,
    )
    assert str(messages.FEEDBACK_VERDICT_UNKNOWN) in response.content.decode()


def test_for_you_dismissal_stays_gone(region, client):
    matsumoto = region["matsumoto"]
    mission = region["mission"]
    client.force_login(matsumoto)
    url = reverse("matching:for_you")
    assert mission.title in client.get(url).content.decode()
    client.post(
        reverse("matching:feedback"),
        {
            "subject": f"user:{matsumoto.pk}",
            "candidate": f"mission:{mission.pk}",
            "verdict": "not_now",
            "next": url,
        },
    )
    assert mission.title not in client.get(url).content.decode()
    match_profiles_refresh([matsumoto.pk])
    assert mission.title not in client.get(url).content.decode()
    items = client.get("/api/v1/me/suggestions").json()["items"]
    assert ("mission", mission.pk) not in [(s["item"]["kind"], s["item"]["id"]) for s in items]


def test_personal_data_export_and_erase(region):
    from kyoso.matching import personal_data

    matching_preference_set(actor=region["endo"], suggest_me=False)
    assert personal_data.export(region["endo"])["suggest_me"] is False
    personal_data.erase(region["endo"])
    assert not MatchProfile.objects.filter(user=region["endo"]).exists()
