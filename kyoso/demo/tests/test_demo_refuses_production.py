"""The demo is never loaded in production mode: no demo accounts, no demo password."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kyoso.accounts.models import User
from kyoso.demo import messages
from kyoso.demo.services import DemoRefusedError, demo_load
from kyoso.orgs.models import Organization
from kyoso.sitepages.models import SitePage


def test_demo_refuses_production(db, settings, demo_data_dir):
    settings.PRODUCTION = True
    with pytest.raises(CommandError) as excinfo:
        call_command("load_demo", stdout=StringIO())
    assert str(excinfo.value) == str(messages.REFUSED_IN_PRODUCTION)
    assert not User.objects.exists()
    assert not Organization.objects.exists()
    assert not SitePage.objects.exists()
    assert not (demo_data_dir / "demo_password").exists()


def test_service_refuses_production_even_with_a_password_set(db, settings, monkeypatch):
    settings.PRODUCTION = True
    monkeypatch.setenv("KYOSO_DEMO_PASSWORD", "env-demo-password-2026")
    with pytest.raises(DemoRefusedError):
        demo_load()
    assert not User.objects.exists()
