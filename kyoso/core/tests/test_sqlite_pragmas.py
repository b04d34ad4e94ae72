import pytest
from django.db import connection


@pytest.mark.django_db
def test_sqlite_connections_set_busy_timeout_and_foreign_keys():
    pragmas = {}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for name in ("foreign_keys", "busy_timeout"):
                cursor.execute(f"PRAGMA {name}")
                pragmas[name] = cursor.fetchone()[0]
    expected = {"foreign_keys": 1, "busy_timeout": 5000} if connection.vendor == "sqlite" else {}
    assert pragmas == expected
