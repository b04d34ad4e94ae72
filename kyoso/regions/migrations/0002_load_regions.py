"""Load the shipped prefectures and municipalities (kyoso/regions/data/*.csv).

Uses the historical models and the same loader as ``manage.py load_regions``; the loader is
idempotent, so re-running it (or the command) after this migration changes nothing.
"""

from django.db import migrations

from kyoso.regions.loader import load_regions


def forwards(apps, schema_editor):
    load_regions(
        apps.get_model("regions", "Prefecture"),
        apps.get_model("regions", "Municipality"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0001_initial"),
    ]

    operations = [
        # Backwards: the rows go away with the tables when 0001 is unapplied.
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
