"""``{{ event|event_when }}``: an event's time as the event pages write it, in the page's
language (kyoso.events.formatting)."""

from typing import Any

from django import template

from kyoso.events.formatting import when_text

register = template.Library()


@register.filter
def event_when(event: Any) -> str:
    return when_text(event)
