"""What the projects app plugs into core: rules, audit actions, navigation, search, personal
data. Each part is registered by the module that owns it; this file only calls them."""

from __future__ import annotations

from typing import Any


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.audit.registry import register_actions
    from kyoso.core import navigation
    from kyoso.core import personal_data as core_personal_data
    from kyoso.projects import audit, conversion, personal_data, rules

    rules.register()
    register_actions(audit.ACTIONS)
    navigation.register(_("プロジェクト"), "projects:list", 35)
    register_search()
    core_personal_data.register(
        "projects",
        export=personal_data.export,
        files=personal_data.files,
        erase=personal_data.erase,
    )
    core_personal_data.register_deletion_blocker(personal_data.sole_lead_blocker)
    conversion.register()  # the events' figures: acts and outgrowths
    register_notification_types()
    from kyoso.projects import home

    home.register()


# --- Search ----------------------------------------------------------------------------------


def search_document(project: Any) -> Any:
    """Title, goal, body, theme labels and municipality names: 「農業」 finds a project with the
    theme 農林水産業 in its words, 「酒田」 the projects of 酒田市. Hidden projects are not
    indexed; members are never indexed."""
    from django.conf import settings
    from django.utils import translation

    from kyoso.core.markdown import markdown_to_text
    from kyoso.issues.vocab import Theme
    from kyoso.search.registry import Document

    if project.hidden_at is not None:
        return None
    # The labels in the site's language, whatever language the request that wrote it used.
    with translation.override(settings.LANGUAGE_CODE):
        labels = {value: str(label) for value, label in Theme.choices}
    words = [project.goal, markdown_to_text(project.body)]
    words += [
        labels[t.value] for t in project.tags.all() if t.kind == "theme" and t.value in labels
    ]
    words += [m.full_name for m in project.municipalities.all()]
    return Document(title=project.title, body="\n".join(w for w in words if w))


def project_url(project: Any) -> str:
    from django.urls import reverse

    return reverse("projects:detail", args=[project.pk])


def search_queryset() -> Any:
    from django.db.models import Prefetch

    from kyoso.projects.models import Project
    from kyoso.regions.models import Municipality

    return Project.objects.prefetch_related(
        "tags",
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.select_related("prefecture", "parent"),
        ),
    )


def register_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.projects.models import Project
    from kyoso.projects.selectors import listed_projects
    from kyoso.search import registry as search_registry

    search_registry.register(
        "projects",
        label=_("プロジェクト"),
        model=Project,
        document=search_document,
        # Hidden projects are never found, not even by their members (nor indexed).
        visible=listed_projects,
        url=project_url,
        order=35,
        queryset=search_queryset,
    )


# --- Notification types (the rows of the notification settings) --------------------------


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "projects.activity",
        _("プロジェクトの動き"),
        kinds=[
            "projects.stage",
            "projects.update",
            "projects.comment",
            "projects.need_filled",
        ],
        order=40,
    )
    register_type(
        "projects.membership",
        _("プロジェクトのメンバー"),
        kinds=[
            "projects.invitation",
            "projects.join_request",
            "projects.join_decided",
            "projects.member_removed",
        ],
        order=41,
    )
    register_type(
        "projects.moderation",
        _("プロジェクトの通報と確認"),
        kinds=[
            "projects.report",
            "projects.report_handled",
            "projects.hidden",
            "projects.comment_hidden",
        ],
        order=42,
    )
