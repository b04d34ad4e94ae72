"""The design system: the styleguide shows every component, every class a template uses is
defined in the stylesheets, the colour tokens are what kyoso.css says and readable, and forms
tell screen readers about their errors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from kyoso.core import styleguide
from kyoso.core.testing import assert_num_queries

PACKAGE_DIR = Path(__file__).resolve().parents[2]
REPO_ROOT = PACKAGE_DIR.parent
STYLESHEETS = [PACKAGE_DIR / "static" / "kyoso" / name for name in ("kyoso.css", "pages.css")]

#: Classes that templates use only as hooks for scripts, never for looks. Keep this short:
#: a class that changes how something looks belongs in the stylesheets.
JS_HOOK_CLASSES = {
    "empathy",  # htmx swaps the empathy button (issues/_empathy_button.html) by its id
    "follow",  # htmx swaps the follow button (issues/_follow_button.html) by its id
}

_TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
_CLASS_ATTR = re.compile(r"""\bclass=(["'])(.*?)\1""", re.S)


def _templates() -> list[Path]:
    return [p for p in PACKAGE_DIR.rglob("*.html") if "templates" in p.parts]


def classes_used(text: str) -> set[str]:
    """The literal class names of a template's class attributes.

    Template code inside an attribute is cut out; what remains glued to it ("stage--" before
    ``{{ issue.stage }}``) is a prefix of a computed name and is not a class by itself.
    """
    found: set[str] = set()
    for match in _CLASS_ATTR.finditer(text):
        value = _TEMPLATE_CODE.sub("\x00", match.group(2))
        for token in re.split(r"[\s\x00]+", value):
            if token and not token.endswith("-"):
                found.add(token)
    # Names next to template code without a space are computed: drop the fragments.
    return found


def classes_defined(css: str) -> set[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"url\([^)]*\)|\"[^\"]*\"|'[^']*'", "", css)
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", css))


def _stylesheet_classes() -> set[str]:
    return set().union(*(classes_defined(p.read_text(encoding="utf-8")) for p in STYLESHEETS))


def test_the_parsers_read_templates_and_css_as_meant():
    html = '<p class="badge stage--{{ s }} {% if x %}is-on{% endif %}" id="a"><b class=\'x\'>'
    assert classes_used(html) == {"badge", "is-on", "x"}
    css = "/* .old */ .a, .b--c:hover > .d { margin: 0.5rem 1.25em; background: url(x.png) }"
    assert classes_defined(css) == {"a", "b--c", "d"}


def test_every_class_a_template_uses_is_defined_in_the_stylesheets():
    defined = _stylesheet_classes() | JS_HOOK_CLASSES
    missing: dict[str, list[str]] = {}
    for path in _templates():
        for name in classes_used(path.read_text(encoding="utf-8")) - defined:
            missing.setdefault(name, []).append(str(path.relative_to(PACKAGE_DIR)))
    assert missing == {}, (
        "Classes used in templates but defined in no stylesheet (use a component class from "
        "docs/design.md, or add the class to kyoso/static/kyoso/kyoso.css or pages.css): "
        f"{missing}"
    )


def test_templates_carry_no_style_blocks_of_their_own():
    with_style = [
        str(path.relative_to(PACKAGE_DIR))
        for path in _templates()
        if "<style" in path.read_text(encoding="utf-8")
    ]
    assert with_style == []


def test_the_colour_tokens_are_those_of_the_stylesheet_and_text_colours_are_readable():
    css = (PACKAGE_DIR / "static" / "kyoso" / "kyoso.css").read_text(encoding="utf-8")
    for token in styleguide.COLOUR_TOKENS:
        assert re.search(rf"{re.escape(token.name)}:\s*{token.hex};", css), token.name
        if token.text:
            assert token.on_white >= 4.5, token.name
            assert token.on_soft >= 4.5, token.name


def test_contrast_ratio_follows_wcag():
    assert styleguide.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert styleguide.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert styleguide.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.elements[str(attributes["id"])] = attributes


@pytest.mark.django_db
def test_the_styleguide_is_public_and_shows_every_component(client):
    with assert_num_queries(0, label="styleguide: no database read"):
        response = client.get(reverse("core:styleguide"))
    assert response.status_code == 200
    page = response.content.decode()
    parser = _Ids()
    parser.feed(page)
    for section_id, _title in styleguide.SECTIONS:
        assert section_id in parser.elements, section_id
        assert f'href="#{section_id}"' in page
    for token in styleguide.COLOUR_TOKENS:
        assert token.hex in page and token.name in page
    for component in (
        'class="button button--secondary"',
        'class="button button--danger"',
        'class="card card--accent"',
        'class="badge badge--warning"',
        'class="table-wrap"',
        'class="tabs"',
        'class="pagination"',
        'class="empty-state"',
        'class="alert alert--danger"',
        'class="with-sidebar"',
    ):
        assert component in page, component
    assert 'rel="next"' in page and 'rel="prev"' in page  # page 2 of 5
    # The footer links to it from every page.
    assert reverse("core:styleguide") in client.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_form_errors_are_tied_to_their_fields_and_announced(client):
    page = client.get(reverse("core:styleguide")).content.decode()
    parser = _Ids()
    parser.feed(page)
    elements = parser.elements
    summary = re.search(r'<div class="form-errors" role="alert">', page)
    assert summary, "an error summary in a live region above the form"
    for name in ("title", "email", "agree"):
        control = elements[f"styleguide-{name}"]
        assert control.get("aria-invalid") == "true", name
        described = str(control.get("aria-describedby")).split()
        assert f"styleguide-{name}_error" in described, name
        assert f"styleguide-{name}_error" in elements, name
    title = elements["styleguide-title"]
    assert "styleguide-title_helptext" in str(title.get("aria-describedby"))
    assert "aria-invalid" not in elements["styleguide-theme"]  # a valid field stays quiet


def test_design_doc_describes_every_section_and_is_linked_from_the_architecture():
    design = (REPO_ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    for section_id, _title in styleguide.SECTIONS:
        assert (
            f"{{#{section_id}}}" in design
            or f"(#{section_id})" in design
            or (f"`#{section_id}`" in design)
        ), section_id
    assert "design.md" in (REPO_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
