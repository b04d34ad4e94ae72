"""On PostgreSQL, two holding slots of one space never overlap (buffer included): an
exclusion constraint over ``tstzrange(starts_at, blocked_until)`` with btree_gist (part of
stock PostgreSQL) for the equality on the space. SQLite serializes writers instead
(``transaction_mode = IMMEDIATE``), and the services check under that lock."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE hubs_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (
    space_id WITH =,
    tstzrange(starts_at, blocked_until, '[)') WITH &&
) WHERE (kind = 'slot' AND status IN ('requested', 'confirmed', 'checked_in'));
"""
DROP = "ALTER TABLE hubs_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("hubs", "0002_hours_closures_bookings")]

    operations = [migrations.RunPython(create, drop)]
