import pytest
from django.db import connection


@pytest.mark.django_db
def test_sqlite_connections_set_busy_timeout_foreign_keys_and_page_cache():
    pragmas = {}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for name in ("foreign_keys", "busy_timeout", "cache_size"):
                cursor.execute(f"PRAGMA {name}")
                pragmas[name] = cursor.fetchone()[0]
    # cache_size in KiB when negative: the default KYOSO_SQLITE_CACHE_MB of 64.
    expected = (
        {"foreign_keys": 1, "busy_timeout": 5000, "cache_size": -64 * 1024}
        if connection.vendor == "sqlite"
        else {}
    )
    assert pragmas == expected
