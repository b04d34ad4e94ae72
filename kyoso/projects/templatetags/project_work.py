"""Template helpers of a project's work pages."""

from django import template

from kyoso.core.skills import Skill

register = template.Library()


@register.filter
def skill_label(key: str) -> str:
    """The label of a skill key of the shared vocabulary (the key itself if unknown)."""
    try:
        return str(Skill(key).label)
    except ValueError:
        return key
