"""What the fund app plugs into core: rules, audit actions, navigation, search, personal data,
the dashboard block, KPI sources, the screening subject and the payments purpose."""

from __future__ import annotations

from typing import Any


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.audit.registry import register_actions
    from kyoso.core import indicators, navigation
    from kyoso.core import personal_data as core_personal_data
    from kyoso.funding import audit, home, payments_link, personal_data, rules, selectors

    rules.register()
    register_actions(audit.ACTIONS)
    navigation.register(_("基金"), "funding:list", 44)
    register_search()
    core_personal_data.register("funding", export=personal_data.export, erase=personal_data.erase)
    home.register()
    indicators.register(
        "funding.raised",
        label=_("基金への寄附額"),
        unit="thousand_yen",
        compute=selectors.raised_thousand_yen,
    )
    indicators.register(
        "funding.granted",
        label=_("基金からの助成決定額"),
        unit="thousand_yen",
        compute=selectors.granted_thousand_yen,
    )
    register_screening_subject()
    payments_link.register()


# --- Search ----------------------------------------------------------------------------------


def search_document(fund: Any) -> Any:
    from kyoso.search.registry import Document

    words = [str(fund.organization), fund.purpose, fund.rules, " ".join(fund.themes or [])]
    return Document(title=fund.name, body="\n".join(w for w in words if w))


def fund_url(fund: Any) -> str:
    from django.urls import reverse

    return reverse("funding:detail", args=[fund.pk])


def visible_funds(viewer: Any) -> Any:
    from kyoso.funding.models import Fund

    return Fund.objects.all()


def search_queryset() -> Any:
    from kyoso.funding.models import Fund

    return Fund.objects.select_related("organization")


def register_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.funding.models import Fund
    from kyoso.search import registry as search_registry

    search_registry.register(
        "funds",
        label=_("基金"),
        model=Fund,
        document=search_document,
        visible=visible_funds,
        url=fund_url,
        order=44,
        queryset=search_queryset,
    )


# --- Screening -------------------------------------------------------------------------------


def register_screening_subject() -> None:
    from django.apps import apps

    if not apps.is_installed("kyoso.screening"):
        return
    from kyoso.funding.adapter import ApplicationAdapter
    from kyoso.funding.services.grants import SUBJECT_KIND
    from kyoso.screening.subjects import register_subject

    register_subject(SUBJECT_KIND, ApplicationAdapter())
