"""The styleguide page's data: the colour tokens of kyoso.css with their contrast, the
component sections it shows, and a sample form that came back with errors.

The colours here must match the custom properties in kyoso/static/kyoso/kyoso.css;
kyoso/core/tests/test_design_system.py checks that they do.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page, Paginator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

WHITE = "#ffffff"
SOFT = "#f6f8fa"

#: The component sections of /styleguide/, in page order: (id, heading). Each id is an anchor
#: on the page and a heading in docs/design.md.
SECTIONS: list[tuple[str, str | Promise]] = [
    ("tokens", _("トークン")),
    ("typography", _("文字組み")),
    ("buttons", _("ボタン")),
    ("cards", _("カード")),
    ("forms", _("フォーム")),
    ("badges", _("バッジ")),
    ("tables", _("表")),
    ("tabs", _("タブ")),
    ("pagination", _("ページ送り")),
    ("empty-states", _("空の状態")),
    ("alerts", _("お知らせ")),
    ("layout", _("レイアウト")),
]


@dataclass(frozen=True)
class ColourToken:
    name: str  # the custom property, e.g. --color-ink
    hex: str
    use: str | Promise  # what it is for (translated when shown)
    text: bool  # used as text colour: must reach 4.5:1 on white and the soft background

    @property
    def on_white(self) -> float:
        return contrast_ratio(self.hex, WHITE)

    @property
    def on_soft(self) -> float:
        return contrast_ratio(self.hex, SOFT)


COLOUR_TOKENS: list[ColourToken] = [
    ColourToken("--color-ink", "#1f2328", _("本文の文字"), True),
    ColourToken("--color-muted", "#57606a", _("補足の文字（日時・件数など）"), True),
    ColourToken("--color-accent", "#0b5cad", _("リンク・主ボタン・フォーカス"), True),
    ColourToken("--color-accent-strong", "#084a8c", _("リンク・ボタンのホバー"), True),
    ColourToken("--color-danger", "#b3261e", _("エラー・削除"), True),
    ColourToken("--color-success", "#1a7f37", _("完了・確認済み"), True),
    ColourToken("--color-success-ink", "#0f5323", _("成功バッジの文字"), True),
    ColourToken("--color-warning-ink", "#6b4b00", _("注意の文字"), True),
    ColourToken("--color-line-strong", "#8c959f", _("入力欄の枠（3:1 以上）"), False),
    ColourToken("--color-line", "#d0d7de", _("区切り線・カードの枠"), False),
    ColourToken("--color-bg-soft", SOFT, _("淡い背景"), False),
    ColourToken("--color-warning-soft", "#fff8c5", _("注意の背景"), False),
    ColourToken("--color-danger-soft", "#ffebe9", _("エラーの背景"), False),
    ColourToken("--color-accent-soft", "#ddf4ff", _("情報の背景"), False),
]

#: Spacing, type, radius and focus tokens: (custom property, value as written in kyoso.css).
SPACING_TOKENS = [
    ("--space-1", "0.25rem"),
    ("--space-2", "0.5rem"),
    ("--space-3", "0.75rem"),
    ("--space-4", "1rem"),
    ("--space-5", "1.5rem"),
    ("--space-6", "2rem"),
    ("--space-7", "3rem"),
]
TYPE_TOKENS = [
    ("--text-xs", "0.75rem"),
    ("--text-sm", "0.875rem"),
    ("--text-base", "1rem"),
    ("--text-md", "1.125rem"),
    ("--text-lg", "1.25rem"),
    ("--text-xl", "1.5rem"),
    ("--text-2xl", "clamp(1.375rem, 1.1rem + 1.2vw, 1.75rem)"),
]
SHAPE_TOKENS = [
    ("--radius-sm", "4px"),
    ("--radius", "6px"),
    ("--radius-lg", "10px"),
    ("--radius-pill", "999px"),
    ("--focus-ring", "3px solid var(--color-focus)"),
]


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two ``#rrggbb`` colours (1.0 to 21.0)."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


class SampleForm(forms.Form):
    """A form shown bound with invalid data, so its error rendering can be seen."""

    title = forms.CharField(
        label=_("課題のタイトル"),
        max_length=10,
        help_text=_("10文字以内で、何が困っているかを短く書いてください。"),
    )
    email = forms.EmailField(label=_("連絡先メールアドレス"))
    theme = forms.ChoiceField(
        label=_("テーマ"),
        choices=[("", "---------"), ("mobility", _("交通・移動")), ("care", _("子育て・介護"))],
        required=False,
    )
    body = forms.CharField(
        label=_("詳しい説明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    agree = forms.BooleanField(label=_("利用規約に同意する"))


def sample_form() -> SampleForm:
    form = SampleForm(
        data={
            "title": "バス停の屋根が壊れていて雨の日に困っています",
            "email": "sato@example",
            "theme": "mobility",
            "body": "",
        },
        auto_id="styleguide-%s",
    )
    form.is_valid()
    return form


def sample_page() -> Page:
    """Page 2 of 5, to show both the previous and the next link."""
    return Paginator(list(range(50)), 10).page(2)
