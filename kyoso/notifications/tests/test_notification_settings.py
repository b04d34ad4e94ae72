"""The settings page: one delivery per type, quiet hours, the language of mail."""

from __future__ import annotations

from datetime import time

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.notifications import messages, types
from kyoso.notifications.forms import field_name
from kyoso.notifications.models import (
    Delivery,
    EmailFrequency,
    NotificationPreference,
    NotificationSetting,
)
from kyoso.notifications.services import notify

SETTINGS = reverse("notifications:settings")


def _form_data(**changes):
    data = {field_name(key): Delivery.IMMEDIATE for key in types.type_keys()}
    data.update({"quiet_start": "", "quiet_end": "", "language": "ja"})
    data.update(changes)
    return data


def test_the_page_shows_every_type_with_the_default(client, suzuki):
    NotificationPreference.objects.create(user=suzuki, email_frequency=EmailFrequency.WEEKLY)
    NotificationSetting.objects.create(user=suzuki, group="issues.comments", delivery="off")
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles, 4 preference, 5 the person's settings per type
    with assert_num_queries(5):
        response = client.get(SETTINGS)
    assert response.status_code == 200
    form = response.context["form"]
    assert form[field_name("issues.comments")].value() == Delivery.OFF
    assert form[field_name("projects.activity")].value() == Delivery.WEEKLY
    assert form[field_name(types.OTHER)].value() == Delivery.WEEKLY
    for kind in types.all_types():
        assert str(kind.label) in response.text
    assert form["language"].value() == "ja"


def test_saving_stores_each_type_quiet_hours_and_language(client, suzuki):
    client.force_login(suzuki)
    data = _form_data(
        **{
            field_name("issues.comments"): Delivery.SITE,
            field_name("events.registrations"): Delivery.DAILY,
        },
        quiet_start="22:00",
        quiet_end="07:00",
        language="en",
    )
    response = client.post(SETTINGS, data)
    assert (response.status_code, response.url) == (302, SETTINGS)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(messages.PREFERENCE_SAVED)]
    own = dict(NotificationSetting.objects.filter(user=suzuki).values_list("group", "delivery"))
    assert own["issues.comments"] == Delivery.SITE
    assert own["events.registrations"] == Delivery.DAILY
    preference = NotificationPreference.objects.get(user=suzuki)
    assert (preference.quiet_start, preference.quiet_end) == (time(22), time(7))
    assert preference.language == "en"
    form = client.get(SETTINGS).context["form"]
    assert form["quiet_start"].value() == "22:00"
    assert form[field_name("issues.comments")].value() == Delivery.SITE


def test_saving_the_same_again_writes_nothing_new(client, suzuki):
    client.force_login(suzuki)
    client.post(SETTINGS, _form_data())
    first = dict(NotificationSetting.objects.values_list("group", "updated_at"))
    client.post(SETTINGS, _form_data())
    assert dict(NotificationSetting.objects.values_list("group", "updated_at")) == first


def test_the_setting_stops_that_type_of_mail(client, suzuki, django_capture_on_commit_callbacks):
    client.force_login(suzuki)
    client.post(SETTINGS, _form_data(**{field_name("issues.comments"): Delivery.SITE}))
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[suzuki], kind="issues.comment", actor=None, target=None, text="a", url="/"
        )
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"quiet_start": "22:00"}, "quiet_end", messages.QUIET_HOURS_BOTH),
        ({"quiet_end": "07:00"}, "quiet_start", messages.QUIET_HOURS_BOTH),
        ({"quiet_start": "07:00", "quiet_end": "07:00"}, "quiet_end", messages.QUIET_HOURS_SAME),
        ({field_name("issues.comments"): ""}, field_name("issues.comments"), None),
        ({field_name("issues.comments"): "monthly"}, field_name("issues.comments"), None),
        ({"quiet_start": "25:00", "quiet_end": "07:00"}, "quiet_start", None),
        ({"language": "<script>"}, "language", None),
        ({"language": ""}, "language", messages.LANGUAGE_REQUIRED),
    ],
)
def test_bad_input_gets_a_clear_error_and_changes_nothing(client, suzuki, changes, field, message):
    client.force_login(suzuki)
    response = client.post(SETTINGS, _form_data(**changes))
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    if message is not None:
        assert errors == [str(message)]
    assert not NotificationSetting.objects.exists()
    assert not NotificationPreference.objects.exists()


def test_an_empty_type_gets_the_required_message(client, suzuki):
    client.force_login(suzuki)
    response = client.post(SETTINGS, _form_data(**{field_name("issues.comments"): ""}))
    assert response.context["form"].errors[field_name("issues.comments")] == [
        str(messages.DELIVERY_REQUIRED)
    ]


def test_the_pages_in_english(english, suzuki):
    english.force_login(suzuki)
    for url in (
        SETTINGS,
        reverse("notifications:list"),
        reverse("notifications:list") + "?unread=1",
    ):
        response = english.get(url)
        assert response.status_code == 200
        assert '<html lang="en"' in response.text
    # A person who reads the site in English gets English as the language of their mail.
    assert english.get(SETTINGS).context["form"]["language"].value() == "en"


def test_saving_writes_only_the_types_that_changed(client, suzuki):
    client.force_login(suzuki)
    data = _form_data(**{field_name("issues.comments"): Delivery.SITE})
    # 1 session, 2 user, 3 roles; 4-5 the settings now (preference, types) for the form;
    # the service: 6 savepoint, 7-8 the settings now again; the changed type: 9 savepoint,
    # 10 select, 11 savepoint, 12 insert, 13-14 release, 15 its waiting mail moved;
    # the preference: 16 savepoint, 17 select, 18 savepoint, 19 insert, 20-21 release;
    # 22 release
    with assert_num_queries(22):
        response = client.post(SETTINGS, data)
    assert response.status_code == 302
    assert dict(NotificationSetting.objects.values_list("group", "delivery")) == {
        "issues.comments": Delivery.SITE
    }
