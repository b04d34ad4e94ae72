"""Security headers, the Content-Security-Policy and the production settings' deploy check
(docs/security.md).

The policy allows no inline script or style without the request's nonce, so no template may
carry a ``style=`` attribute, an ``on…=`` handler or an inline ``<script>`` without the nonce;
the browser tests' ``PageChecks`` fail on any CSP violation that reaches the console.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from kyoso.core import styleguide
from kyoso.network import svg

REPO_ROOT = Path(settings.PACKAGE_DIR).parent
PAGES_CSS = Path(settings.PACKAGE_DIR) / "static" / "kyoso" / "pages.css"


def _templates() -> list[Path]:
    return sorted(
        p
        for p in Path(settings.PACKAGE_DIR).rglob("*.html")
        if "templates" in p.parts and "/email" not in str(p) and "mail/" not in str(p)
    )


@pytest.mark.django_db
def test_every_page_carries_the_policy_and_the_security_headers(client: Client) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in csp.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=(self)" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_api_and_error_pages_carry_the_policy_too(client: Client) -> None:
    for url in ("/api/v1/openapi.json", "/no-such-page/"):
        response = client.get(url)
        assert "default-src 'self'" in response["Content-Security-Policy"], url
        assert response["X-Content-Type-Options"] == "nosniff", url


def test_no_template_has_inline_styles_handlers_or_scripts_without_the_nonce() -> None:
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(REPO_ROOT)
        if re.search(r"""\sstyle\s*=\s*["']""", text):
            offenders.append(f"{rel}: style attribute")
        if re.search(r"""<[^>]*\son[a-z]+\s*=\s*["']""", text):
            offenders.append(f"{rel}: on…= handler")
        if re.search(r"<style[\s>]", text) and "{{ CSP_NONCE }}" not in text:
            offenders.append(f"{rel}: <style> block")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "{{ CSP_NONCE }}" not in tag and "json" not in tag:
                offenders.append(f"{rel}: inline <script> without the nonce")
        if re.search(r"""href\s*=\s*["']\s*javascript:""", text, re.I):
            offenders.append(f"{rel}: javascript: link")
    assert offenders == [], "\n".join(offenders)


def test_what_used_to_be_inline_styles_has_a_class_for_every_value() -> None:
    css = PAGES_CSS.read_text(encoding="utf-8")
    for token in styleguide.COLOUR_TOKENS:
        assert f".swatch{token.name} {{ background: var({token.name}); }}" in css, token.name
    for name, _value in styleguide.SPACING_TOKENS:
        assert f".token-bar{name} {{ width: var({name}); }}" in css, name
    for name, _value in styleguide.TYPE_TOKENS:
        assert f".type-sample{name} {{ font-size: var({name}); }}" in css, name
    for sector, colour in svg.COLOURS.items():
        assert f".network-legend__dot--{sector} {{ color: {colour}; }}" in css, sector
    for width in range(0, 101, 5):
        assert f".concierge-chart__bar--w-{width} {{ width: {width}%; }}" in css


def test_the_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "KYOSO_MODE": "production",
        "DJANGO_SETTINGS_MODULE": "kyoso.settings",
        "SECRET_KEY": "x" * 20 + "-production-check-" + "y" * 30,
        "ALLOWED_HOSTS": "kyoso.example.jp",
        "KYOSO_BASE_URL": "https://kyoso.example.jp",
        "KYOSO_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONPATH": str(REPO_ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_turns_on_secure_cookies_and_hsts(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "KYOSO_MODE": "production",
        "DJANGO_SETTINGS_MODULE": "kyoso.settings",
        "SECRET_KEY": "z" * 60,
        "ALLOWED_HOSTS": "kyoso.example.jp",
        "KYOSO_DATA_DIR": str(tmp_path),
        "KYOSO_MAP_TILE_URL": "https://{s}.tile.example.org/{z}/{x}/{y}.png",
        "PYTHONPATH": str(REPO_ROOT),
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][-1], "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['upgrade-insecure-requests'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "True", "31536000", "True", "https://*.tile.example.org", "True"]
