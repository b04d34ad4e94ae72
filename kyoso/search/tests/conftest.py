"""Fixtures of the search tests: a small corpus of organizations (a registered, public type)
and a fake type over the users whose visibility rule is ``is_active``."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet
from django.urls import reverse

from kyoso.accounts.models import User
from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search import registry
from kyoso.search.registry import Document

#: key → (title, body); indexed as organizations (name, description) through their signals.
CORPUS: dict[str, tuple[str, str]] = {
    "period": (
        "生理用品の無料配布",
        "学校のトイレに生理用品を置く取り組みです。生理の貧困をなくしたい。",
    ),
    "period2": ("女性の健康相談", "生理や更年期について気軽に話せる場をつくります。"),
    "bousai": ("地域の防災訓練", "高齢者と子どもが一緒に参加できる防災訓練を企画しています。"),
    "akiya": ("空き家バンクの活用", "空家を改修して若者のシェアハウスにします。"),
    "akiya2": ("移住者向けの住まい", "空き家の情報を集めて移住希望者に紹介します。"),
    "kodomo": ("子ども食堂を続けたい", "ボランティアが足りません。食材の寄付も募集しています。"),
    "kosodate": ("子育て中の親の孤立", "相談できる人がいない親が増えています。"),
    "yousu": ("見守り活動", "一人暮らしの高齢者の様子を近所で見守ります。"),
    "kuukiya": ("クウキヤ（空き家の相談窓口）", "NPO法人クウキヤが空き家の相談を受けます。"),
    "npo": ("ＮＰＯの運営を学ぶ講座", "会計と広報を学びます。"),
    "it": ("ITフリーランス女性のコミュニティ", "在宅で働く女性のための仕事の紹介。"),
    "computer": ("高齢者のコンピュータ教室", "スマホやパソコンの使い方を教えます。"),
}


@pytest.fixture
def corpus(db):
    """The CORPUS as organizations; returns key → organization."""
    return {
        key: OrganizationFactory(name=title, name_kana="", description=body)
        for key, (title, body) in CORPUS.items()
    }


def _user_document(user: User) -> Document | None:
    return Document(title=user.display_name, body=user.email)


def _visible_users(viewer) -> QuerySet[User]:
    if viewer is not None and getattr(viewer, "is_superuser", False):
        return User.objects.all()
    return User.objects.filter(is_active=True)


@pytest.fixture
def people_type():
    """The type "people" over users: inactive accounts are seen by superusers only.

    It stands in for the site's own type of people (kyoso.accounts.search), under the same key,
    while it is used: one model is one type."""
    real = registry.get("people")
    registry.unregister("people")
    registry.register(
        "people",
        label="人",
        model=User,
        document=_user_document,
        visible=_visible_users,
        url=lambda user: reverse("core:home") + f"#user-{user.pk}",
        order=30,
    )
    yield registry.get("people")
    registry.unregister("people")
    if real is not None:
        registry.register(
            real.key,
            label=real.label,
            model=real.model,
            document=real.document,
            visible=real.visible,
            url=real.url,
            order=real.order,
            queryset=real.queryset,
        )
