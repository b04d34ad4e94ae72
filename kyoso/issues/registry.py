"""What the issues app plugs into core: rules, navigation, search, personal data.

Each part is registered by the module that owns it; this file only calls them in one place.
"""

from __future__ import annotations

from typing import Any


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.core import navigation, personal_data
    from kyoso.issues import rules

    rules.register()
    navigation.register(_("課題"), "issues:list", 10)
    register_search()
    personal_data.register("issues", export=export_personal_data, erase=erase_personal_data)
    register_notification_types()
    from kyoso.issues import home

    home.register()


# --- Search ----------------------------------------------------------------------------------


def search_document(issue: Any) -> Any:
    """Title and words of an issue for the search index; None while it is hidden.

    The body's Markdown is reduced to its words; the municipality and the organization it was
    posted as are added (「酒田」 finds the issues of 酒田市). Facets (themes, SDGs, …) are not:
    the lists filter on them exactly. The poster's name is never indexed (it may be hidden).
    """
    from kyoso.core.markdown import markdown_to_text
    from kyoso.search.registry import Document

    if issue.is_hidden:
        return None
    words = [markdown_to_text(issue.body)]
    if issue.municipality_id is not None:
        words.append(issue.municipality.full_name)
    if issue.organization_id is not None:
        words.append(issue.organization.name)
    return Document(title=issue.title, body="\n".join(w for w in words if w))


def issue_url(issue: Any) -> str:
    from django.urls import reverse

    return reverse("issues:detail", args=[issue.pk])


def register_search() -> None:
    try:
        from kyoso.search import registry as search_registry
    except ImportError:  # the search layer is not installed yet
        return
    from django.utils.translation import gettext_lazy as _

    from kyoso.issues.models import Issue
    from kyoso.issues.selectors import visible_issues

    search_registry.register(
        "issues",
        label=_("課題"),
        model=Issue,
        document=search_document,
        visible=visible_issues,
        url=issue_url,
        order=10,
        queryset=lambda: Issue.objects.select_related(
            "municipality", "organization"
        ).prefetch_related("tags"),
    )


# --- Personal data (個人情報保護法) ------------------------------------------------------------


def export_personal_data(user: Any) -> dict[str, Any]:
    from kyoso.issues.models import Comment, Empathy, Follow, HelpOffer, Issue

    issues = (
        Issue.objects.filter(author_id=user.pk)
        .select_related("organization", "municipality")
        .prefetch_related("tags", "attachments")
        .order_by("created_at", "id")
    )
    return {
        "issues": [
            {
                "id": issue.pk,
                "title": issue.title,
                "body": issue.body,
                "stage": issue.stage,
                "organization": issue.organization.name if issue.organization else None,
                "name_hidden": issue.name_hidden,
                "municipality": issue.municipality_id,
                "latitude": issue.latitude,
                "longitude": issue.longitude,
                "tags": [{"kind": t.kind, "value": t.value} for t in issue.tags.all()],
                "attachments": [
                    {"name": a.original_name, "file": a.file.name, "size": a.size}
                    for a in issue.attachments.all()
                ],
                "created_at": issue.created_at,
            }
            for issue in issues
        ],
        "comments": [
            {
                "issue": c.issue_id,
                "parent": c.parent_id,
                "body": c.body,
                "created_at": c.created_at,
                "edited_at": c.edited_at,
                "deleted_at": c.deleted_at,
            }
            for c in Comment.objects.filter(author_id=user.pk).order_by("created_at", "id")
        ],
        "empathy": [
            {"issue": e.issue_id, "created_at": e.created_at}
            for e in Empathy.objects.filter(user_id=user.pk).order_by("created_at", "id")
        ],
        "follows": [
            {"issue": f.issue_id, "created_at": f.created_at}
            for f in Follow.objects.filter(user_id=user.pk).order_by("created_at", "id")
        ],
        "help_offers": [
            {"issue": o.issue_id, "kinds": o.kinds, "message": o.message, "at": o.created_at}
            for o in HelpOffer.objects.filter(user_id=user.pk).order_by("created_at", "id")
        ],
    }


def erase_personal_data(user: Any) -> None:
    """Keep the person's issues and comments (they then read 「退会したユーザー」); remove
    their empathy, follows and offers, with the issues' counters brought down to match."""
    from django.db.models import F

    from kyoso.issues.models import Empathy, Follow, HelpOffer, Issue

    for model, counter in ((Empathy, "empathy_count"), (Follow, "follower_count")):
        rows = model.objects.filter(user_id=user.pk)  # type: ignore[attr-defined]
        issue_ids = list(rows.values_list("issue_id", flat=True))
        rows.delete()
        Issue.objects.filter(pk__in=issue_ids, **{f"{counter}__gt": 0}).update(
            **{counter: F(counter) - 1}
        )
    HelpOffer.objects.filter(user_id=user.pk).delete()


# --- Notification types (the rows of the notification settings) --------------------------


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "issues.comments",
        _("課題へのコメント"),
        kinds=["issues.comment"],
        order=10,
    )
    register_type(
        "issues.stages",
        _("課題の段階の変更"),
        kinds=["issues.stage", "issues.taken_up", "issues.merged"],
        order=11,
    )
    register_type(
        "issues.offers",
        _("課題への協力の申し出"),
        kinds=["issues.offer"],
        order=12,
    )
    register_type(
        "issues.moderation",
        _("課題の通報と確認"),
        kinds=[
            "issues.report",
            "issues.report_handled",
            "issues.hidden",
            "issues.unhidden",
            "issues.comment_hidden",
            "issues.comment_unhidden",
            "issues.comments_locked",
            "issues.comments_unlocked",
            "issues.approved",
            "issues.rejected",
        ],
        order=13,
    )
