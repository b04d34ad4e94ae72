"""The one error the campaigns services raise for refusals a person can act on."""

from __future__ import annotations

from typing import Any


class CampaignError(Exception):
    """A refusal with a message shown as is; ``code`` names it for the API's error format."""

    def __init__(self, message: Any, code: str = "refused") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
