"""The data migration loads the regions through the same, tested, loader as the command."""

from __future__ import annotations

import ast
import importlib
import inspect
from types import SimpleNamespace

import pytest
from django.apps import apps as live_apps
from django.db import connection, migrations
from django.db.migrations.loader import MigrationLoader

from kyoso.regions import loader
from kyoso.regions.management.commands import load_regions as command_module
from kyoso.regions.models import Municipality, Prefecture

MIGRATION = "kyoso.regions.migrations.0002_load_regions"


def migration_module():
    return importlib.import_module(MIGRATION)


def test_migration_calls_the_loader_module_function():
    module = migration_module()
    assert module.load_regions is loader.load_regions
    operations = module.Migration.operations
    assert len(operations) == 1
    assert isinstance(operations[0], migrations.RunPython)
    assert operations[0].code is module.forwards
    assert operations[0].reversible


def test_command_calls_the_same_loader():
    assert command_module.load_regions is loader.load_regions


def test_migration_does_not_import_the_live_models():
    tree = ast.parse(inspect.getsource(migration_module()))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert "kyoso.regions.models" not in imported
    assert not any("models" in (name or "") and "regions" in (name or "") for name in imported)


def test_forwards_passes_the_historical_models_and_the_connection(monkeypatch):
    module = migration_module()
    calls = []
    monkeypatch.setattr(module, "load_regions", lambda *a, **kw: calls.append((a, kw)))
    historical = SimpleNamespace(get_model=lambda app, name: f"{app}.{name}")
    module.forwards(historical, SimpleNamespace(connection=SimpleNamespace(alias="other")))
    assert calls == [(("regions.Prefecture", "regions.Municipality"), {"using": "other"})]


def test_migration_follows_the_schema_migration():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    assert ("regions", "0001_initial") in graph.node_map[("regions", "0002_load_regions")].parents


@pytest.mark.django_db
def test_forwards_with_historical_models_is_idempotent_on_the_migrated_database():
    # The test database was built by running 0002; running it again with the historical
    # models of that state writes nothing.
    state = MigrationLoader(connection).project_state(("regions", "0002_load_regions"))
    before = list(Municipality.objects.values_list())
    migration_module().forwards(state.apps, SimpleNamespace(connection=connection))
    assert list(Municipality.objects.values_list()) == before
    assert Prefecture.objects.count() == 47
    assert Municipality.objects.count() == 75
    assert live_apps.get_model("regions", "Municipality") is Municipality
