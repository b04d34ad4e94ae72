"""Markdown people write is rendered, then sanitized to a small allowlist."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyoso.core.markdown import ALLOWED_TAGS, markdown_to_text, render_markdown


def test_common_markdown_is_rendered():
    html = render_markdown(
        "本文は**太字**と*斜体*。\n\n- 一つ目\n- 二つ目\n\n1. 順番\n\n> 引用\n\n`code`"
    )
    for fragment in (
        "<strong>太字</strong>",
        "<em>斜体</em>",
        "<ul>",
        "<li>一つ目</li>",
        "<ol>",
        "<blockquote>",
        "<code>code</code>",
    ):
        assert fragment in html


def test_a_single_newline_is_a_line_break():
    assert "一行目<br>" in render_markdown("一行目\n二行目")


def test_headings_move_below_the_pages_own():
    html = render_markdown("# 大見出し\n\n## 中見出し\n\n### 小見出し\n\n###### 最小")
    assert "<h1" not in html and "<h2" not in html
    assert "<h3>大見出し</h3>" in html
    assert "<h3>中見出し</h3>" in html
    assert "<h4>小見出し</h4>" in html
    assert "<h4>最小</h4>" in html


def test_links_get_nofollow_noopener():
    html = render_markdown("[市の窓口](https://www.city.example.jp/) [メール](mailto:a@example.jp)")
    assert '<a href="https://www.city.example.jp/" rel="nofollow noopener">市の窓口</a>' in html
    assert '<a href="mailto:a@example.jp" rel="nofollow noopener">メール</a>' in html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "/relative/path",
        "//evil.example/",
        "ftp://example.jp/",
        "file:///etc/passwd",
    ],
)
def test_only_http_https_and_mailto_links(url):
    html = render_markdown(f"[押して]({url})")
    assert "<a " not in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
        '<p style="position:fixed">x</p>',
        "<svg onload=alert(1)>",
        "<!-- comment --><b>bold</b>",
    ],
)
def test_raw_html_is_shown_as_text(source):
    html = render_markdown(source)
    assert re.search(r"<(script|img|iframe|svg|b)\b", html) is None
    assert "&lt;" in html


def test_images_are_not_rendered():
    html = render_markdown("![写真](https://example.jp/photo.jpg)")
    assert "<img" not in html


def test_code_blocks_keep_their_text_escaped():
    html = render_markdown("```html\n<script>alert(1)</script>\n```")
    assert "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>" in html
    assert "class=" not in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""


def test_plain_text_for_search():
    assert markdown_to_text("# 見出し\n\n本文の**強調**と[リンク](https://x.jp) <b>&</b>") == (
        "見出し 本文の強調とリンク <b>&</b>"
    )


_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)([^>]*)>")


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("<>/\"'=:&#[]()!*_`- \nabcjsvriptonlg空き家1")), max_size=120
    )
)
def test_whatever_is_written_only_allowlisted_tags_and_attributes_come_out(source):
    html = render_markdown(source)
    for closing, tag, attributes in _TAG.findall(html):
        assert tag.lower() in ALLOWED_TAGS, html
        if tag.lower() != "a" or closing:
            assert attributes.strip() == "", html
        else:
            names = re.findall(r"([a-zA-Z-]+)=", attributes)
            assert set(names) <= {"href", "rel"}, html
            href = re.search(r'href="([^"]*)"', attributes)
            assert href is None or re.match(r"(https?://|mailto:)", href.group(1), re.I), html
