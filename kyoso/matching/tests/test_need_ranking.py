"""A need's people: ranked by the features, each reason from a feature that scored."""

from __future__ import annotations

from django.urls import reverse

from kyoso.matching import features, selectors
from kyoso.matching.models import MatchKey


def test_best_fit_first_with_reasons_and_shares(region):
    people = selectors.people_for_need(region["need"], region["ito"]).people
    names = [p.display_name for p in people]
    assert names[0] == "松本"
    assert "無関係" not in names
    top = people[0]
    by_feature = {feature: (text, share) for feature, text, share in top.reasons}
    assert "IT・開発" in by_feature["skills"][0]
    assert by_feature["place"][0] == "同じ市区町村（山形県酒田市）"
    assert "remote" in by_feature and "hours" in by_feature
    assert sum(share for _f, _t, share in top.reasons) <= 101
    assert all(f in features.WEIGHTS for f, _t, _s in top.reasons)


def test_project_members_are_not_suggested_for_their_own_need(region):
    ids = {p.person_id for p in selectors.people_for_need(region["need"], region["ito"]).people}
    assert region["ito"].pk not in ids and region["nakajima"].pk not in ids


def test_distance_counts_less_than_the_same_town(region):
    people = selectors.people_for_need(region["need"], region["ito"]).people
    endo = next(p for p in people if p.display_name == "遠藤")
    assert [f for f, _t, _s in endo.reasons if f == "place"] == []  # 140 km: beyond the radius


def test_the_page_lists_people_with_reasons_and_an_introduction_link(client, region):
    client.force_login(region["ito"])
    need = region["need"]
    page = client.get(reverse("matching:need", args=[need.pk])).content.decode()
    assert "松本" in page
    assert "スキルが合う: IT・開発" in page
    assert f"/introductions/new?to=user:{region['matsumoto'].pk}&amp;about=need:{need.pk}" in page


def test_postings_carry_the_level_of_their_field(region):
    levels = dict(MatchKey.objects.filter(person=region["himitsu"]).values_list("key", "level"))
    assert levels["s:it"] == 2 and levels["m:06204"] == 2
    assert not [k for k in levels if k.startswith("w:")]  # a secretariat-only bio is never used
