"""Forms of the communities app. They parse and validate; the services decide."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyoso.communities import messages
from kyoso.communities.models import (
    COMMENT_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    POST_BODY_MAX,
    POST_TITLE_MAX,
    REMOVAL_REASON_MAX,
    Community,
    CommunityMembership,
    JoinPolicy,
    LeaderMessage,
)
from kyoso.core.forms import NormalizedCharField
from kyoso.issues.vocab import Theme
from kyoso.regions.forms import MunicipalityField
from kyoso.regions.models import Municipality

TOO_LONG = messages.TEXT_TOO_LONG
CHOICE_ERRORS = {"invalid_choice": messages.CHOICE_INVALID}
SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,58})[a-z0-9]$")
#: Slugs that would shadow a page of the app.
RESERVED_SLUGS = frozenset({"new", "unsubscribe", "mine", "edit", "api"})


def _max_length(model: type[models.Model], field: str) -> int:
    return cast(models.Field, model._meta.get_field(field)).max_length or 0


class CommunityForm(forms.Form):
    name = NormalizedCharField(
        label=_("コミュニティ名"),
        max_length=NAME_MAX,
        error_messages={"required": messages.NAME_REQUIRED, "max_length": TOO_LONG},
    )
    slug = forms.CharField(
        label=_("URL用の名前"),
        max_length=60,
        help_text=_("半角の英小文字・数字・ハイフン（例：shonai-agri）。あとから変えられません。"),
        error_messages={"required": messages.SLUG_REQUIRED, "max_length": messages.SLUG_INVALID},
    )
    theme = forms.ChoiceField(
        label=pgettext_lazy("one theme", "テーマ"),
        choices=[("", "---------"), *Theme.choices],
        error_messages={"required": messages.THEME_REQUIRED, **CHOICE_ERRORS},
    )
    description = NormalizedCharField(
        label=_("紹介"),
        multiline=True,
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("どんな仲間と、何に取り組むコミュニティかを書いてください。"),
        error_messages={"max_length": TOO_LONG},
    )
    municipality = MunicipalityField(
        Municipality.objects.select_related("prefecture", "parent").order_by("code"),
        label=_("主な活動地域"),
        required=False,
    )
    join_policy = forms.ChoiceField(
        label=pgettext_lazy("community join policy", "参加方法"),
        choices=JoinPolicy.choices,
        initial=JoinPolicy.OPEN,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args: Any, community: Community | None = None, **kwargs: Any) -> None:
        self.community = community
        if community is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": community.name,
                    "theme": community.theme,
                    "description": community.description,
                    "municipality": community.municipality,
                    "join_policy": community.join_policy,
                },
            )
        super().__init__(*args, **kwargs)
        if community is not None:
            del self.fields["slug"]  # URLs stay stable

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip().lower()
        if not SLUG_PATTERN.match(slug) or "--" in slug:
            raise ValidationError(messages.SLUG_INVALID, code="invalid")
        if slug in RESERVED_SLUGS:
            raise ValidationError(messages.SLUG_RESERVED % {"slug": slug}, code="reserved")
        if Community.objects.filter(slug=slug).exists():
            raise ValidationError(messages.SLUG_TAKEN % {"slug": slug}, code="taken")
        return slug


class FilterForm(forms.Form):
    theme = forms.ChoiceField(label=pgettext_lazy("one theme", "テーマ"), required=False)
    municipality = forms.ChoiceField(label=_("地域"), required=False)

    def __init__(self, *args: Any, municipalities: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme"]).choices = [
            ("", _("すべて")),
            *Theme.choices,
        ]
        cast(forms.ChoiceField, self.fields["municipality"]).choices = [
            ("", _("すべて")),
            *((m.code, str(m)) for m in municipalities),
        ]

    def filter_values(self) -> tuple[dict[str, str], bool]:
        """The valid filters, and whether some value was dropped as invalid."""
        self.is_valid()
        values = {
            name: self.cleaned_data.get(name, "")
            for name in ("theme", "municipality")
            if name not in self.errors
        }
        return values, bool(self.errors)


class JoinForm(forms.Form):
    message = NormalizedCharField(
        label=_("リーダーへのメッセージ（任意）"),
        multiline=True,
        required=False,
        max_length=_max_length(CommunityMembership, "message") or 1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class RemoveMemberForm(forms.Form):
    reason = NormalizedCharField(
        label=_("外す理由（任意・本人へのお知らせに載ります）"),
        multiline=True,
        required=False,
        max_length=REMOVAL_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class PostForm(forms.Form):
    title = NormalizedCharField(
        label=_("タイトル"),
        max_length=POST_TITLE_MAX,
        error_messages={"required": messages.POST_TITLE_REQUIRED, "max_length": TOO_LONG},
    )
    body = NormalizedCharField(
        label=_("本文"),
        multiline=True,
        max_length=POST_BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": messages.POST_BODY_REQUIRED, "max_length": TOO_LONG},
    )


class CommentForm(forms.Form):
    body = NormalizedCharField(
        label=_("コメント"),
        multiline=True,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": messages.COMMENT_REQUIRED, "max_length": TOO_LONG},
    )


class MessageForm(forms.Form):
    subject = NormalizedCharField(
        label=_("件名"),
        max_length=_max_length(LeaderMessage, "subject"),
        error_messages={"required": messages.MESSAGE_SUBJECT_REQUIRED, "max_length": TOO_LONG},
    )
    body = NormalizedCharField(
        label=_("本文"),
        multiline=True,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": messages.MESSAGE_BODY_REQUIRED, "max_length": TOO_LONG},
    )


class IssueLinkForm(forms.Form):
    issue = forms.CharField(
        label=_("課題の番号"),
        max_length=12,
        help_text=_("課題のページのURLの数字です（/issues/12/ なら 12）。"),
        error_messages={
            "required": messages.ISSUE_NUMBER_INVALID,
            "max_length": messages.ISSUE_NUMBER_INVALID,
        },
    )

    def clean_issue(self) -> int:
        import unicodedata

        text = unicodedata.normalize("NFKC", self.cleaned_data["issue"]).strip().lstrip("#")
        if not (text.isascii() and text.isdigit()) or int(text) <= 0:
            raise ValidationError(messages.ISSUE_NUMBER_INVALID, code="invalid")
        return int(text)
