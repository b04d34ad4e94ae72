"""``{% can "app.verb_model" obj as allowed %}``: ask the policy layer from a template.

Unlike django-rules' ``has_perm`` tag this never falls through to Django's ModelBackend, so it
costs no permission queries.
"""

from django import template

from kyoso.core.policy import check

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, rule: str, obj=None) -> bool:
    return check(rule, context["request"].user, obj)
