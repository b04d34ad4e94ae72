"""The scale-out settings, read from the environment as a fresh process reads them."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
PROBE = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'cache': s.CACHES['default']['BACKEND'], 'location': s.CACHES['default'].get('LOCATION'),"
    "'prefix': s.CACHES['default'].get('KEY_PREFIX', ''), 'sessions': s.SESSION_ENGINE,"
    "'databases': sorted(s.DATABASES), 'replica': s.KYOSO_READ_REPLICA,"
    "'replica_name': s.DATABASES.get('replica', {}).get('NAME'),"
    "'pin': 'kyoso.core.db_router.ReplicaPinMiddleware' in s.MIDDLEWARE,"
    "'routers': s.DATABASE_ROUTERS}))"
)


def _settings(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KYOSO_"))}
    base.pop("DATABASE_URL", None)
    base.pop("CACHE_URL", None)
    base.pop("REDIS_URL", None)
    base.update(DJANGO_SETTINGS_MODULE="kyoso.settings", PYTHONPATH=str(REPO))
    base.update(KYOSO_DATA_DIR=str(tmp_path), **env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1]), out


def test_one_host_defaults_keep_the_file_cache_and_database_sessions(tmp_path):
    found, _ = _settings(tmp_path)
    assert found["cache"].endswith("FileBasedCache")
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    assert found["databases"] == ["default"]
    assert found["replica"] is None
    assert found["pin"] is False


def test_redis_url_shares_cache_and_sessions(tmp_path):
    found, _ = _settings(
        tmp_path, REDIS_URL="redis://cache.internal:6379/2", KYOSO_CACHE_KEY_PREFIX="kyoso1"
    )
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["location"] == "redis://cache.internal:6379/2"
    assert found["prefix"] == "kyoso1"
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_replica_url_adds_the_replica_and_its_router(tmp_path):
    found, _ = _settings(
        tmp_path,
        DATABASE_URL="postgres://kyoso@primary.internal:5432/kyoso",
        DATABASE_REPLICA_URL="postgres://kyoso@replica.internal:5432/kyoso",
    )
    assert found["databases"] == ["default", "replica"]
    assert found["replica"] == "replica"
    assert found["pin"] is True
    assert found["routers"] == ["kyoso.core.db_router.ReplicaRouter"]


def test_a_replica_without_postgresql_is_refused(tmp_path):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KYOSO_"))}
    base.pop("DATABASE_URL", None)
    base.update(
        DJANGO_SETTINGS_MODULE="kyoso.settings",
        PYTHONPATH=str(REPO),
        KYOSO_DATA_DIR=str(tmp_path),
        DATABASE_REPLICA_URL="postgres://kyoso@replica.internal:5432/kyoso",
    )
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=base, capture_output=True, text=True, timeout=60
    )
    assert out.returncode != 0
    assert "DATABASE_REPLICA_URL needs DATABASE_URL on PostgreSQL." in out.stderr
