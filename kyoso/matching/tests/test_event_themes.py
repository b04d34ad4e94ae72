"""Events attended count as similar past work: the events app's bulk selector, the postings,
and the reason on a need's page."""

from __future__ import annotations

from kyoso.core.testing import assert_num_queries
from kyoso.events.models import EventStatus, RegistrationStatus
from kyoso.events.selectors import attended_event_themes
from kyoso.events.tests.factories import EventFactory, RegistrationFactory, in_days
from kyoso.matching import selectors
from kyoso.matching.services.profiles import match_profiles_refresh


def test_attended_event_themes_in_one_query(region):
    endo, mukankei = region["endo"], region["mukankei"]
    past_digital = EventFactory(theme="digital", starts_at=in_days(-10))
    past_work = EventFactory(theme="work", starts_at=in_days(-3))
    future = EventFactory(theme="tourism", starts_at=in_days(5))
    draft = EventFactory(theme="culture", starts_at=in_days(-5), status=EventStatus.DRAFT)
    no_theme = EventFactory(theme="", starts_at=in_days(-5))
    for event in (past_digital, past_work, future, draft, no_theme):
        RegistrationFactory(event=event, user=endo)
    RegistrationFactory(event=past_digital, user=mukankei, status=RegistrationStatus.CANCELLED)
    with assert_num_queries(1):
        found = attended_event_themes([endo.pk, mukankei.pk])
    assert found == {endo.pk: ["digital", "work"]}


def test_an_attended_events_theme_is_a_reason(region):
    endo = region["endo"]
    RegistrationFactory(event=EventFactory(theme="digital", starts_at=in_days(-10)), user=endo)
    match_profiles_refresh([endo.pk])
    people = selectors.people_for_need(region["need"], region["ito"]).people
    endo_row = next(p for p in people if p.display_name == "遠藤")
    texts = [text for feature, text, _share in endo_row.reasons if feature == "past_work"]
    assert texts and texts[0].startswith("同じテーマのイベントに参加した")


def test_event_themes_follow_the_themes_visibility(region):
    from kyoso.accounts.models import Profile

    endo = region["endo"]
    Profile.objects.filter(user=endo).update(visibility={"themes": "secretariat"})
    RegistrationFactory(event=EventFactory(theme="digital", starts_at=in_days(-10)), user=endo)
    match_profiles_refresh([endo.pk])
    people = selectors.people_for_need(region["need"], region["ito"]).people
    endo_row = next((p for p in people if p.display_name == "遠藤"), None)
    assert endo_row is None or all(f != "past_work" for f, _t, _s in endo_row.reasons)
