"""Template helpers for issues: ``{% load issues %}``.

- ``{{ issue.body|markdown }}``: Markdown rendered and sanitized (kyoso.core.markdown)
- ``{{ tag|tag_label }}``: the label of a theme, SDG, target group or wall
- ``{% poster_label issue show_poster %}``: who posted, as the viewer may see it
- ``{{ issue.stage|stage_label }}``
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from kyoso.core.markdown import render_markdown
from kyoso.issues import messages
from kyoso.issues.models import HelpOffer, IssueTag, Stage
from kyoso.issues.vocab import SDGS, TargetGroup, Theme, Wall

register = template.Library()

_LABELS: dict[str, dict[str, Any]] = {
    IssueTag.Kind.THEME: dict(Theme.choices),
    IssueTag.Kind.SDG: dict(SDGS),
    IssueTag.Kind.TARGET: dict(TargetGroup.choices),
    IssueTag.Kind.WALL: dict(Wall.choices),
}


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text or "")


@register.filter
def tag_label(tag: IssueTag) -> Any:
    return _LABELS.get(tag.kind, {}).get(tag.value, tag.value)


@register.filter
def offer_kinds(kinds: Any) -> str:
    labels = dict(HelpOffer.Kind.choices)
    # Translators: separator between the kinds of help offered, e.g. 時間・場所
    return gettext("・").join(str(labels.get(kind, kind)) for kind in kinds or ())


@register.filter
def stage_label(stage: str) -> Any:
    try:
        return Stage(stage).label
    except ValueError:
        return stage


@register.filter
def tags_of_kind(tags: Any, kind: str) -> list[IssueTag]:
    return [tag for tag in tags if tag.kind == kind]


@register.simple_tag
def poster_label(issue: Any, show_poster: bool = False) -> str:
    """The organization an issue was posted as, else the poster's name, unless hidden.

    A name-hidden issue reads 「名前非公開」 to the public; the poster and the secretariat
    (``show_poster``) see the name with a note that it is hidden from others.
    """
    person = issue.author.public_name
    if issue.organization_id is not None:
        if issue.name_hidden and not show_poster:
            return issue.organization.name
        return gettext("%(org)s（投稿：%(name)s）") % {
            "org": issue.organization.name,
            "name": person,
        }
    if issue.name_hidden:
        if show_poster:
            return gettext("%(name)s（名前非公開で投稿）") % {"name": person}
        return str(messages.NAME_HIDDEN)
    return person


@register.simple_tag
def participant_name(issue: Any, person: Any, show_poster: bool = False) -> str:
    """A commenter's or stage changer's name on an issue.

    On a name-hidden issue the poster stays 「名前非公開」 everywhere on its page (their own
    comments and stage changes included), except to the poster and the secretariat.
    """
    if person is None:
        return ""
    if issue.name_hidden and person.pk == issue.author_id and not show_poster:
        return str(messages.NAME_HIDDEN)
    return person.public_name
