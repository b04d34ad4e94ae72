"""Migration helpers of the search app (a module the migration loader skips: it starts with _)."""

from django.db import migrations


class RunSQLOn(migrations.RunSQL):
    """RunSQL that only runs on one database vendor ("sqlite" or "postgresql")."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)
