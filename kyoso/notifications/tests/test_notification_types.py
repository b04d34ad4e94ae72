"""The registry of notification types: every kind the apps send is in a type, and notify()
delivers each type as the person set it (off: nothing at all; site: no mail)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail

from kyoso.notifications import types
from kyoso.notifications.models import (
    Delivery,
    EmailFrequency,
    Mail,
    Notification,
    NotificationPreference,
    NotificationSetting,
)
from kyoso.notifications.services import notify, preference_update
from kyoso.notifications.tests.factories import waiting_for_digest

PACKAGE = Path(__file__).resolve().parents[2]
#: ``kind="issues.comment"`` and the constants some apps keep their kind in.
KIND_IN_SOURCE = re.compile(
    r'(?:kind=|_KIND = )"((?:issues|events|communities|projects|missions)\.\w+)"'
)


def _kinds_in_source() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "browser_tests" in path.parts or "migrations" in path.parts:
            continue
        found.update(KIND_IN_SOURCE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_kind_the_apps_send_is_in_a_registered_type():
    kinds = _kinds_in_source()
    assert {"issues.comment", "events.followup", "missions.application"} <= kinds
    unregistered = sorted(k for k in kinds if types.group_of(k) == types.OTHER)
    # events.registration_cancelled and events.promoted are passed through a variable.
    assert unregistered == []


def test_the_types_of_each_app_are_registered_in_order():
    keys = types.type_keys()
    assert keys[-1] == types.OTHER
    for key in [
        "issues.comments",
        "issues.stages",
        "events.registrations",
        "projects.activity",
        "missions.applications",
        "communities.membership",
    ]:
        assert key in keys
    assert keys.index("issues.comments") < keys.index("events.registrations")
    assert types.group_of("issues.stage") == "issues.stages"
    assert types.group_of("nobody.registered") == types.OTHER


def test_a_kind_in_two_types_or_a_bad_key_is_refused():
    with pytest.raises(ValueError, match="already in the type"):
        types.register_type("events.other", "x", kinds=["issues.comment"], order=99)
    with pytest.raises(ValueError, match=r"<app>\.<group>"):
        types.register_type("nodot", "x", kinds=[], order=99)


def _notify(recipients, kind="issues.comment", **kwargs):
    return notify(
        recipients=recipients,
        kind=kind,
        actor=None,
        target=None,
        text="フォロー中の課題にコメントがありました",
        url="/issues/1/",
        **kwargs,
    )


def _set(user, group, delivery):
    NotificationSetting.objects.create(user=user, group=group, delivery=delivery)


@pytest.mark.parametrize(
    ("delivery", "rows", "mail_state", "mails_now"),
    [
        (Delivery.OFF, 0, None, 0),
        (Delivery.SITE, 1, Mail.NONE, 0),
        (Delivery.IMMEDIATE, 1, Mail.IMMEDIATE, 1),
        (Delivery.DAILY, 1, Mail.DAILY, 0),
        (Delivery.WEEKLY, 1, Mail.WEEKLY, 0),
    ],
)
def test_notify_delivers_a_type_as_the_person_set_it(
    suzuki, django_capture_on_commit_callbacks, delivery, rows, mail_state, mails_now
):
    _set(suzuki, "issues.comments", delivery)
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([suzuki]) == rows
    assert Notification.objects.count() == rows
    if rows:
        assert Notification.objects.get().mail == mail_state
    assert len(mail.outbox) == mails_now


def test_a_setting_stops_only_its_own_type(suzuki, django_capture_on_commit_callbacks):
    _set(suzuki, "issues.comments", Delivery.SITE)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([suzuki], kind="issues.comment")
        _notify([suzuki], kind="issues.stage")
    assert [m.subject for m in mail.outbox] == ["【Kyoso】フォロー中の課題にコメントがありました"]
    assert Notification.objects.get(kind="issues.stage").mail == Mail.IMMEDIATE
    assert Notification.objects.get(kind="issues.comment").mail == Mail.NONE


@pytest.mark.parametrize(
    ("frequency", "mail_state"),
    [
        (EmailFrequency.IMMEDIATE, Mail.IMMEDIATE),
        (EmailFrequency.DAILY, Mail.DAILY),
        (EmailFrequency.WEEKLY, Mail.WEEKLY),
        (EmailFrequency.NEVER, Mail.NONE),
    ],
)
def test_a_type_never_set_follows_the_old_mail_frequency(suzuki, frequency, mail_state):
    NotificationPreference.objects.create(user=suzuki, email_frequency=frequency)
    _notify([suzuki], kind="projects.stage")
    _notify([suzuki], kind="nobody.registered")
    assert set(Notification.objects.values_list("mail", flat=True)) == {mail_state}


def test_one_query_for_recipients_preferences_and_settings_whatever_they_set(db):
    from kyoso.accounts.tests.factories import UserFactory
    from kyoso.core.testing import assert_num_queries

    people = UserFactory.create_batch(4)
    _set(people[0], "issues.comments", Delivery.OFF)
    _set(people[1], "issues.comments", Delivery.WEEKLY)
    NotificationPreference.objects.create(user=people[2], email_frequency=EmailFrequency.DAILY)
    # 1 recipients with preference and setting, 2 savepoint, 3 insert, 4 release
    with assert_num_queries(4):
        assert _notify(people) == 3


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (Delivery.WEEKLY, Mail.WEEKLY),
        (Delivery.IMMEDIATE, Mail.DAILY),
        (Delivery.SITE, Mail.NONE),
        (Delivery.OFF, Mail.NONE),
    ],
)
def test_changing_a_type_moves_what_waits_for_it_and_nothing_else(suzuki, new, expected):
    from kyoso.notifications.services import notification_settings_update

    comment = waiting_for_digest(suzuki, kind="issues.comment")[0]
    stage = waiting_for_digest(suzuki, kind="issues.stage")[0]
    notification_settings_update(actor=suzuki, deliveries={"issues.comments": new})
    comment.refresh_from_db()
    stage.refresh_from_db()
    assert (comment.mail, stage.mail) == (expected, Mail.DAILY)


def test_the_default_moves_only_the_types_without_their_own_setting(suzuki):
    _set(suzuki, "issues.comments", Delivery.DAILY)
    comment = waiting_for_digest(suzuki, kind="issues.comment")[0]
    stage = waiting_for_digest(suzuki, kind="issues.stage")[0]
    other = waiting_for_digest(suzuki, kind="nobody.registered")[0]
    preference_update(actor=suzuki, email_frequency=EmailFrequency.NEVER)
    for row in (comment, stage, other):
        row.refresh_from_db()
    assert (comment.mail, stage.mail, other.mail) == (Mail.DAILY, Mail.NONE, Mail.NONE)
