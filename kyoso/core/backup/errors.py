"""The one exception backup and restore raise: its text is the bilingual operator message."""


class BackupError(Exception):
    """A problem the operator can act on; management commands turn it into CommandError."""
