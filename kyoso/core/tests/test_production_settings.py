"""Production mode: refuses to start unsafely and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run(args, env_overrides, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KYOSO_", "DJANGO_")) and k not in {"SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "kyoso.settings",
            "KYOSO_DATA_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **env_overrides,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "KYOSO_MODE": "production",
    "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-only-0123456789",
    "ALLOWED_HOSTS": "kyoso.example.jp",
    "KYOSO_BASE_URL": "https://kyoso.example.jp",
}


def test_check_deploy_passes_in_production_mode(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _run(["check"], env, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = _run(["check"], {**PRODUCTION, "KYOSO_DEBUG": "true"}, tmp_path)
    assert result.returncode != 0
    assert "KYOSO_DEBUG cannot be on in production mode" in result.stderr


def test_demo_mode_keeps_a_generated_secret_key(tmp_path):
    first = _run(
        ["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
        {},
        tmp_path,
    )
    second = _run(
        ["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
        {},
        tmp_path,
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == second.stdout.strip().splitlines()[-1]
    assert len(first.stdout.strip().splitlines()[-1]) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_file_database_runs_in_wal_mode(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = _run(["shell", "-c", code], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"
