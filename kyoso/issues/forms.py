"""Forms of the issues app. They parse and validate; the services decide."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kyoso.core.forms import NormalizedCharField
from kyoso.issues import messages
from kyoso.issues.models import (
    BODY_MAX,
    COMMENT_MAX,
    TITLE_MAX,
    Attachment,
    HelpOffer,
    Issue,
    IssueTag,
    Stage,
)
from kyoso.issues.services.posting import (
    MAX_ATTACHMENTS,
    MAX_FILE_BYTES,
    IssueError,
    Upload,
    check_upload,
)
from kyoso.issues.vocab import SDGS, TargetGroup, Theme, Wall
from kyoso.regions.codes import MunicipalityCodeError, normalize_municipality_code
from kyoso.regions.forms import MunicipalityField
from kyoso.regions.models import Municipality

TOO_LONG = messages.TEXT_TOO_LONG
CHOICE_ERRORS = {"invalid_choice": messages.CHOICE_INVALID}
COORDINATE_PLACES = Decimal("0.000001")
#: What the file picker offers (the server sniffs the content whatever the picker sent).
ACCEPTED_FILES = "image/jpeg,image/png,image/gif,image/webp,application/pdf,.pdf"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list of uploaded files (possibly empty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_FILES}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned, errors = [], []
        for upload in files:
            if upload is None:
                continue
            if getattr(upload, "size", 0) == 0:
                name = getattr(upload, "name", "") or ""
                errors.append(ValidationError(messages.FILE_EMPTY % {"name": name}, code="empty"))
                continue
            cleaned.append(super().clean(upload, initial))
        if errors:
            raise ValidationError(errors)
        return cleaned


class CoordinateField(forms.CharField):
    """A latitude or longitude as a decimal number, rounded to 6 places (about 10 cm).

    Full-width digits and a leading full-width minus are accepted; NaN, infinity, exponents
    beyond the range and anything that is not a number get ``invalid_message``.
    """

    def __init__(self, *, bound: int, invalid_message: Any, **kwargs: Any) -> None:
        self.bound = bound
        self.invalid_message = invalid_message
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)
        self.error_messages["max_length"] = invalid_message

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = unicodedata.normalize("NFKC", str(value or "")).strip().replace("−", "-")
        if not text:
            return None
        try:
            number = Decimal(text)
        except (InvalidOperation, ValueError):
            raise ValidationError(self.invalid_message, code="invalid") from None
        if not number.is_finite() or not -self.bound <= number <= self.bound:
            raise ValidationError(self.invalid_message, code="invalid")
        return number.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP)

    def run_validators(self, value: Any) -> None:
        return None  # max_length applies to the text, checked before parsing

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value and len(str(value)) > 40:
            raise ValidationError(self.invalid_message, code="invalid")
        return super().clean(value)


def _municipality_field() -> MunicipalityField:
    return MunicipalityField(
        Municipality.objects.select_related("prefecture", "parent").order_by("code"),
        label=_("市区町村"),
        required=False,
        help_text=_("課題のある地域です。"),
    )


class IssueForm(forms.Form):
    title = NormalizedCharField(
        label=_("タイトル"),
        max_length=TITLE_MAX,
        help_text=_("どんな課題か、ひとことで（%(max)s文字まで）。") % {"max": TITLE_MAX},
        error_messages={"required": messages.TITLE_REQUIRED, "max_length": TOO_LONG},
    )
    body = NormalizedCharField(
        label=_("本文"),
        multiline=True,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "だれが、どこで、どんなことに困っているか。Markdown が使えます"
            "（**太字**、- 箇条書き、[リンク](https://…)）。写真は下で添付してください。"
        ),
        error_messages={"required": messages.BODY_REQUIRED, "max_length": TOO_LONG},
    )
    themes = forms.MultipleChoiceField(
        label=_("テーマ"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": messages.THEME_REQUIRED, **CHOICE_ERRORS},
    )
    sdgs = forms.MultipleChoiceField(
        label=_("SDGs（任意）"),
        choices=SDGS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    targets = forms.MultipleChoiceField(
        label=_("対象（任意）"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("この課題で特に困っている人たちです。"),
        error_messages=CHOICE_ERRORS,
    )
    walls = forms.MultipleChoiceField(
        label=_("官民連携の壁（任意）"),
        choices=Wall.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "行政と民間が連携して取り組む課題なら、連携を妨げている「壁」を選んでください。"
        ),
        error_messages=CHOICE_ERRORS,
    )
    municipality = _municipality_field()
    latitude = CoordinateField(label=_("緯度"), bound=90, invalid_message=messages.LATITUDE_INVALID)
    longitude = CoordinateField(
        label=_("経度"), bound=180, invalid_message=messages.LONGITUDE_INVALID
    )
    attachments = MultipleFileField(
        label=_("写真・資料（任意）"),
        help_text=_(
            "画像（JPEG・PNG・GIF・WebP）かPDF、%(count)s件まで・1件10MBまで。"
            "写真の位置情報（Exif）は取り除いて保存します。"
        )
        % {"count": MAX_ATTACHMENTS},
    )
    organization: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("投稿の名義"),
        queryset=None,
        required=False,
        empty_label=_("自分の名前で投稿する"),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": messages.ORGANIZATION_NOT_ALLOWED},
    )
    name_hidden = forms.BooleanField(
        label=_("名前を公開しない"),
        required=False,
        help_text=_("ほかの人には「名前非公開」と表示されます。事務局には投稿者が分かります。"),
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        organizations: Any = None,
        issue: Issue | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.issue = issue
        self.fields["municipality"] = _municipality_field()
        if issue is not None:
            # The name an issue was posted under stays; attachments can be removed.
            del self.fields["organization"]
            existing = list(issue.attachments.all())
            if existing:
                self.fields["remove_attachments"] = forms.ModelMultipleChoiceField(
                    label=_("削除する添付ファイル"),
                    queryset=Attachment.objects.filter(issue=issue),
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages=CHOICE_ERRORS,
                )
                cast(
                    forms.ModelMultipleChoiceField, self.fields["remove_attachments"]
                ).label_from_instance = _attachment_label  # type: ignore[method-assign,assignment]
            self.existing_attachments = len(existing)
        else:
            self.existing_attachments = 0
            field = cast(forms.ModelChoiceField, self.fields["organization"])
            field.queryset = organizations if organizations is not None else _none()
            if not field.queryset.exists():
                field.widget = forms.HiddenInput()
        self.uploads: list[Upload] = []

    @classmethod
    def initial_for(cls, issue: Issue) -> dict[str, Any]:
        tags: dict[str, list[str]] = {"themes": [], "sdgs": [], "targets": [], "walls": []}
        key_of: dict[str, str] = {
            IssueTag.Kind.THEME: "themes",
            IssueTag.Kind.SDG: "sdgs",
            IssueTag.Kind.TARGET: "targets",
            IssueTag.Kind.WALL: "walls",
        }
        for tag in issue.tags.all():
            tags[key_of[tag.kind]].append(tag.value)
        return {
            "title": issue.title,
            "body": issue.body,
            "municipality": issue.municipality,
            "latitude": issue.latitude,
            "longitude": issue.longitude,
            "name_hidden": issue.name_hidden,
            **tags,
        }

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                messages.TOO_MANY_FILES % {"limit": MAX_ATTACHMENTS}, code="too_many"
            )
        errors = []
        for upload in files:
            try:
                if upload.size > MAX_FILE_BYTES:  # refused before reading it into memory
                    raise IssueError(
                        messages.FILE_TOO_LARGE
                        % {"name": upload.name, "limit": MAX_FILE_BYTES // (1024 * 1024)}
                    )
                self.uploads.append(check_upload(upload.name, upload.read()))
            except IssueError as error:
                errors.append(ValidationError(error.message, code="file"))
        if errors:
            raise ValidationError(errors)
        return files

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        latitude, longitude = data.get("latitude"), data.get("longitude")
        lat_ok = "latitude" not in self.errors
        lon_ok = "longitude" not in self.errors
        if lat_ok and lon_ok and (latitude is None) != (longitude is None):
            self.add_error("latitude", messages.POINT_INCOMPLETE)
        if self.issue is not None and "attachments" not in self.errors:
            removing = len(data.get("remove_attachments") or [])
            if self.existing_attachments - removing + len(self.uploads) > MAX_ATTACHMENTS:
                self.add_error("attachments", messages.TOO_MANY_FILES % {"limit": MAX_ATTACHMENTS})
        return data

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("attachments", None)
        data.pop("remove_attachments", None)
        return data


def _attachment_label(attachment: Attachment) -> str:
    return attachment.original_name


def _none() -> Any:
    from kyoso.orgs.models import Organization

    return Organization.objects.none()


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(
        label=_("新しい段階"),
        choices=(),
        error_messages={"invalid_choice": messages.STAGE_NOT_ALLOWED},
    )
    reason = NormalizedCharField(
        label=_("理由"),
        multiline=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("タイムラインに表示され、フォローしている人に届きます。"),
        error_messages={"required": messages.STAGE_REASON_REQUIRED, "max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, stages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["to_stage"]).choices = [
            (value, Stage(value).label) for value in stages
        ]


class CommentForm(forms.Form):
    body = NormalizedCharField(
        label=_("コメント"),
        multiline=True,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown が使えます。"),
        error_messages={"required": messages.COMMENT_REQUIRED, "max_length": TOO_LONG},
    )


class OfferForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("できること"),
        choices=HelpOffer.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": messages.OFFER_KINDS_REQUIRED, **CHOICE_ERRORS},
    )
    message = NormalizedCharField(
        label=_("メッセージ"),
        multiline=True,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("どんなことで、いつ頃なら手伝えるか。投稿者と事務局だけが読めます。"),
        error_messages={"required": messages.OFFER_MESSAGE_REQUIRED, "max_length": TOO_LONG},
    )


SORT_CHOICES = [
    ("new", _("新しい順")),
    ("empathy", _("共感の多い順")),
    ("activity", _("最近動きのあった順")),
]


class IssueFilterForm(forms.Form):
    """The list page's filters (GET). An invalid value drops that filter, never the page."""

    q = NormalizedCharField(label=_("キーワード"), required=False, max_length=100)
    stage = forms.ChoiceField(
        label=_("段階"), required=False, choices=[("", _("すべて")), *Stage.choices]
    )
    theme = forms.ChoiceField(
        label=_("テーマ"), required=False, choices=[("", _("すべて")), *Theme.choices]
    )
    sdg = forms.ChoiceField(label=_("SDGs"), required=False, choices=[("", _("すべて")), *SDGS])
    target = forms.ChoiceField(
        label=_("対象"), required=False, choices=[("", _("すべて")), *TargetGroup.choices]
    )
    wall = forms.ChoiceField(
        label=_("官民連携の壁"), required=False, choices=[("", _("すべて")), *Wall.choices]
    )
    prefecture = forms.ChoiceField(label=_("都道府県"), required=False)
    municipality = forms.ChoiceField(label=_("市区町村"), required=False)
    sort = forms.ChoiceField(label=_("並び順"), required=False, choices=SORT_CHOICES)

    def __init__(
        self, *args: Any, prefectures: Any = (), municipalities: Any = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["prefecture"]).choices = [
            ("", _("すべて")),
            *((p.code, p.name) for p in prefectures),
        ]
        cast(forms.ChoiceField, self.fields["municipality"]).choices = [
            ("", _("すべて")),
            *(
                (m.code, m.name if m.parent_id is None else f"{m.parent.name}{m.name}")
                for m in municipalities
            ),
        ]

    def clean_municipality(self) -> str:
        return self.cleaned_data.get("municipality", "")

    def filter_values(self) -> tuple[dict[str, Any], bool]:
        """Valid filters only (a bad value for one filter does not drop the others), and
        whether any value was dropped."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return (
            {
                "query": data.get("q", "") or "",
                "stage": data.get("stage", "") or "",
                "theme": data.get("theme", "") or "",
                "sdg": data.get("sdg", "") or "",
                "target": data.get("target", "") or "",
                "wall": data.get("wall", "") or "",
                "prefecture": data.get("prefecture", "") or "",
                "municipality": data.get("municipality", "") or "",
            },
            bool(self.errors),
        )


def municipality_code_of(value: str) -> str | None:
    """A municipality code as typed in a URL (5 or 6 digits, full-width ok), or None."""
    try:
        return normalize_municipality_code(value)
    except MunicipalityCodeError:
        return None
