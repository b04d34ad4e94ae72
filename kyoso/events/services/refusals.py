"""A refusal the person can act on, raised by the minutes, follow-up and idea services."""

from __future__ import annotations

from typing import Any


class Refused(Exception):
    """A refusal with a message from :mod:`kyoso.events.messages` (shown as is)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message
