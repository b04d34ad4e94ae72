"""No label of any form of the site ends with a colon, in Japanese or in English.

Every Form class under kyoso/ is found (its modules imported), built with stand-ins for the
keyword arguments its ``__init__`` requires, and rendered; the text of each ``<label>`` and
``<legend>`` must not end in ``:`` or ``：``. A form added later by any app is checked too.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from html import unescape
from typing import Any
from unittest import mock

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils import translation

import kyoso
from kyoso.accounts.tests.factories import UserFactory
from kyoso.events.tests.factories import EventFactory
from kyoso.hubs.tests.factories import HubFactory
from kyoso.projects.tests.factories import ProjectFactory

LABEL = re.compile(r"<(label|legend)\b[^>]*>(.*?)</\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(kyoso.__path__, "kyoso."):
        if any(part in module.name for part in (".tests", "browser_tests", ".migrations")):
            continue
        importlib.import_module(module.name)

    def subclasses(cls: type) -> list[type]:
        found = []
        for sub in cls.__subclasses__():
            found += [sub, *subclasses(sub)]
        return found

    classes = {c for c in subclasses(forms.BaseForm) if c.__module__.startswith("kyoso.")}
    return sorted(classes, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORMS = _project_forms()


def _build(form_class: type[forms.BaseForm]) -> forms.BaseForm:
    """The form, its required keyword arguments filled with real objects or stand-ins."""
    real: dict[str, Any] = {
        "user": lambda: UserFactory(),
        "project": lambda: ProjectFactory(),
        "owner": lambda: ProjectFactory(),
        "event": lambda: EventFactory(),
        "hub": lambda: HubFactory(),
    }
    kwargs = {
        p.name: real.get(p.name, mock.MagicMock)()
        for p in inspect.signature(form_class.__init__).parameters.values()
        if p.kind is p.KEYWORD_ONLY and p.default is p.empty
    }
    return form_class(**kwargs)


def _labels(html: str) -> list[str]:
    return [unescape(TAG.sub("", inner)).strip() for _, inner in LABEL.findall(html)]


def test_every_form_of_the_project_is_found():
    names = {c.__name__ for c in FORMS}
    assert {"IssueForm", "EventForm", "NotificationSettingsForm", "MissionForm"} <= names
    assert len(FORMS) > 50


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_no_label_ends_with_a_colon(form_class, language):
    with translation.override(language):
        form = _build(form_class)
        html = str(form)
        labels = _labels(html)
    with_colon = [text for text in labels if text.endswith((":", "："))]
    assert with_colon == []
    assert form.label_suffix == ""


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en"])
def test_djangos_own_forms_have_no_colon_either(language):
    with translation.override(language):
        html = str(AuthenticationForm()) + str(SetPasswordForm(UserFactory()))
    labels = _labels(html)
    assert labels  # the forms do render labels
    assert [text for text in labels if text.endswith((":", "："))] == []


def test_an_explicit_suffix_is_kept():
    class Named(forms.Form):
        name = forms.CharField(label="名前")

    assert Named(label_suffix="：").label_suffix == "："
    assert "名前：" in str(Named(label_suffix="：")["name"].label_tag())
    assert ">名前</label>" in str(Named()["name"].label_tag())
