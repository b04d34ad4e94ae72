"""Forms of the archive: parse and normalize; the services hold the rules (and repeat the
checks, so the API gets the same messages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.archive import messages
from kyoso.archive.models import BODY_MAX, SUMMARY_MAX, TITLE_MAX, Audience, Kind
from kyoso.archive.services import ItemData, last_year
from kyoso.issues.vocab import Theme, Wall

CHOICE_ERRORS = {"invalid_choice": messages.VALUE_INVALID}


def parse_ids(text: str) -> tuple[int, ...]:
    text = (text or "").replace("、", ",").replace("，", ",")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not all(p.isascii() and p.isdigit() and len(p) < 10 for p in parts):
        raise forms.ValidationError(messages.IDS_INVALID)
    return tuple(dict.fromkeys(int(p) for p in parts))


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), choices=Kind.choices, error_messages=CHOICE_ERRORS)
    title = forms.CharField(
        label=_("タイトル"),
        max_length=TITLE_MAX,
        error_messages={"required": messages.TITLE_REQUIRED},
    )
    summary = forms.CharField(
        label=_("概要（一覧に出る短い説明）"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("本文（Markdown）"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("見出し（#）、箇条書き（-）、リンクが使えます。確認の依頼には本文が必要です。"),
    )
    year = forms.IntegerField(
        label=_("年（西暦）"),
        error_messages={"invalid": messages.YEAR_INVALID, "required": messages.YEAR_INVALID},
    )
    audience = forms.ChoiceField(
        label=_("公開範囲"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )
    themes = forms.MultipleChoiceField(
        label=_("テーマ（任意）"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    walls = forms.MultipleChoiceField(
        label=_("官民連携の壁"),
        choices=Wall.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("コツには、乗り越える壁を1つ以上選んでください。"),
        error_messages=CHOICE_ERRORS,
    )
    issues = forms.CharField(label=_("関連する課題の番号（任意）"), required=False)
    events = forms.CharField(label=_("関連するイベントの番号（任意）"), required=False)
    projects = forms.CharField(label=_("関連するプロジェクトの番号（任意）"), required=False)
    authors = forms.CharField(
        label=_("共著者のメールアドレス（任意、カンマ区切り）"),
        required=False,
        help_text=_("事務局だけが、ほかの人を著者に加えられます。"),
    )

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["authors"]
        self.fields["year"].error_messages["invalid"] = messages.YEAR_INVALID % {
            "last": last_year()
        }
        self.fields["year"].error_messages["required"] = messages.YEAR_INVALID % {
            "last": last_year()
        }

    def clean_issues(self) -> tuple[int, ...]:
        return parse_ids(self.cleaned_data.get("issues", ""))

    def clean_events(self) -> tuple[int, ...]:
        return parse_ids(self.cleaned_data.get("events", ""))

    def clean_projects(self) -> tuple[int, ...]:
        return parse_ids(self.cleaned_data.get("projects", ""))

    def clean_authors(self) -> tuple[str, ...]:
        text = (self.cleaned_data.get("authors", "") or "").replace("、", ",")
        return tuple(p.strip() for p in text.split(",") if p.strip())

    def item_data(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(
            kind=data["kind"],
            title=data["title"],
            year=data["year"],
            summary=data.get("summary", ""),
            body=data.get("body", ""),
            audience=data["audience"],
            themes=tuple(data.get("themes", ())),
            walls=tuple(data.get("walls", ())),
            issue_ids=data.get("issues", ()),
            event_ids=data.get("events", ()),
            project_ids=data.get("projects", ()),
            author_emails=data.get("authors", ()),
        )

    @staticmethod
    def initial_of(item: Any) -> dict[str, Any]:
        from kyoso.issues.vocab import FacetKind

        tags = list(item.tags.all())
        return {
            "kind": item.kind,
            "title": item.title,
            "summary": item.summary,
            "body": item.body,
            "year": item.year,
            "audience": item.audience,
            "themes": [t.value for t in tags if t.kind == FacetKind.THEME],
            "walls": [t.value for t in tags if t.kind == FacetKind.WALL],
            "issues": ", ".join(str(i) for i in item.issues.values_list("pk", flat=True)),
            "events": ", ".join(str(i) for i in item.events.values_list("pk", flat=True)),
            "projects": ", ".join(str(i) for i in item.projects.values_list("pk", flat=True)),
            "authors": ", ".join(a.user.email for a in item.authorships.select_related("user")[1:]),
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("資料を追加（PDFまたは画像、10MBまで）"),
        error_messages={"required": messages.FILE_REQUIRED, "empty": messages.FILE_REQUIRED},
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,.pdf,image/jpeg,image/png,image/gif,image/webp"}
        ),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("下書きに戻す理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": messages.REASON_REQUIRED},
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), required=False)
    theme = forms.ChoiceField(label=_("テーマ"), required=False)
    wall = forms.ChoiceField(label=_("壁"), required=False)
    year = forms.IntegerField(label=_("年"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("すべて"))]
        self.fields["kind"].choices = everything + list(Kind.choices)  # type: ignore[attr-defined]
        self.fields["theme"].choices = everything + list(Theme.choices)  # type: ignore[attr-defined]
        self.fields["wall"].choices = everything + list(Wall.choices)  # type: ignore[attr-defined]

    def filter_values(self) -> tuple[dict[str, Any], bool]:
        """The valid filters, and whether some were dropped (shown as a notice, not an error)."""
        self.is_valid()
        values: dict[str, Any] = {}
        for name in ("kind", "theme", "wall", "year"):
            if name in self.cleaned_data and self.cleaned_data[name] not in ("", None):
                values[name] = self.cleaned_data[name]
        return values, bool(self.errors)
