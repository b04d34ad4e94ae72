"""Rules of the issues app (filled in by the issues capability)."""


def register() -> None:
    pass
