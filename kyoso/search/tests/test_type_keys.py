"""One set of type keys: every registered type is named by the registry's rule (a lower-case
English plural), and the keys of the site are the ones the page, the API and the docs use."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.models import User
from kyoso.search import registry
from kyoso.search.registry import Document

SITE_KEYS = [
    "issues",
    "events",
    "minutes",
    "organizations",
    "communities",
    "people",
    "projects",
    "missions",
    "challenges",
    "hubs",
    "archive",
    "funds",
    "campaigns",
]


def test_the_site_registers_one_plural_set_of_keys():
    assert sorted(registry.type_keys()) == sorted(SITE_KEYS)
    assert all(registry.is_valid_key(key) for key in registry.type_keys())


@pytest.mark.parametrize("key", ["reports", "minutes", "people", "activities", "news"])
def test_plural_keys_are_accepted(key):
    assert registry.is_valid_key(key)


@pytest.mark.parametrize(
    "key",
    [
        "",
        "issue",  # singular
        "person",
        "Issues",  # upper case
        "ISSUES",
        "event_series",  # not letters only
        "event-logs",
        "issues2",
        "課題s",
        "ｉｓｓｕｅｓ",  # full-width letters
        "class",  # ends in "ss": a singular
        "s",
        "a" * 40 + "s",  # 41 characters
        " issues",
    ],
)
def test_register_refuses_a_key_that_is_not_a_lower_case_plural(key):
    with pytest.raises(ValueError, match="lower-case ASCII plural"):
        registry.register(
            key,
            label="何か",
            model=User,
            document=lambda user: Document(title=user.display_name),
            visible=lambda viewer: User.objects.all(),
            url=lambda user: reverse("core:home"),
        )

    assert registry.get(key) is None
    assert registry.for_object(User()).key == "people"
