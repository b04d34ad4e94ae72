from django import template

from kyoso.linelogin.services import line_login_is_on

register = template.Library()


@register.inclusion_tag("linelogin/_login_button.html")
def line_login_button(next_url: str = "") -> dict:
    """「LINEでログイン」 when the secretariat turned LINE Login on (one query)."""
    return {"line_login_on": line_login_is_on(), "next": next_url}
