"""Login throttling keeps its counts in the cache: it must work on Redis as configured."""

import environ
import pytest
from django.core.cache import caches
from django.test import override_settings

from kyoso.accounts.services import security

REDIS_URL = "redis://127.0.0.1:6379/9"


def test_cache_url_forms_parse_to_django_backends():
    parse = environ.Env().cache_url_config
    assert parse(REDIS_URL)["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert parse("filecache:///var/kyoso/cache")["BACKEND"].endswith("FileBasedCache")


def test_throttle_counts_survive_in_redis(settings):
    config = environ.Env().cache_url_config(REDIS_URL)
    with override_settings(CACHES={"default": config}):
        cache = caches["default"]
        cache.clear()
        try:
            for _ in range(settings.KYOSO_LOGIN_FAILURE_LIMIT):
                security._record_failure("someone@example.jp")
            assert security.login_wait_seconds("SOMEONE@example.jp") > 0
            assert security.login_wait_seconds("other@example.jp") == 0
        finally:
            cache.clear()
            cache.close()


@pytest.fixture(autouse=True)
def _redis_reachable():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        pytest.fail(f"Redis must run at 127.0.0.1:6379 for this test: {error}")
