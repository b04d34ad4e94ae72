"""Stored XSS: a corpus of attacks in every free-text field comes out of every page, feed and
API response inert.

How the fields and the places that show them are found (no app is named here, so a new app is
covered as soon as it has demo data or a factory, URL patterns with declared rules and API
operations): see :mod:`kyoso.core.tests.exposure` and docs/security.md. In short —

1. rows: the demo plus one row of every factory of every installed Kyoso app;
2. every free-text ``CharField``/``TextField``/``URLField`` of every Kyoso model gets attacks
   written straight into the database (``QuerySet.update``: what a form, the API, an import or
   a future bug might let through; as many attacks as the column holds);
3. every URL pattern of the resolver, filled from those rows, is fetched anonymously, as the
   secretariat and as each person the page's rows point at; every GET operation of the OpenAPI
   document is fetched with the secretariat's token;
4. HTML must hold no ``on…=`` attribute, no ``javascript:``/``vbscript:``/``data:text/html``
   URL, no script, iframe, object, embed, base or meta refresh carrying an attack; Atom/RSS
   entries of type html are checked the same way; JSON and other text types must say so in
   ``Content-Type`` with ``nosniff``.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from kyoso.core.tests import exposure
from kyoso.demo.testing import loaded_demo  # noqa: F401

MARK = "kyosoxss"
CORPUS = [
    f"<script>alert('{MARK}')</script>",
    f"<img src=x onerror=alert('{MARK}')>",
    f"<svg onload=alert('{MARK}')>",
    f'"><svg/onload=alert("{MARK}")>',
    f"' onmouseover='alert({MARK})' x='",
    f"javascript:alert('{MARK}')",
    f"[{MARK}](javascript:alert(1))",
    f"[{MARK}](JaVaScRiPt&#58;alert(1))",
    f'![{MARK}](x" onerror="alert(1))',
    f"<a href=\"jav&#x09;ascript:alert('{MARK}')\">{MARK}</a>",
    f"＜script＞alert('{MARK}')＜/script＞",
    f"&lt;script&gt;alert('{MARK}')&lt;/script&gt;",
    f"%3Cscript%3Ealert('{MARK}')%3C/script%3E",
    f"<iframe src=\"javascript:alert('{MARK}')\"></iframe>",
    f"<math><mi xlink:href=\"javascript:alert('{MARK}')\">{MARK}</mi></math>",
    f'<svg><a href="javascript:alert(1)"><text>{MARK}</text></a></svg>',
    f"<meta http-equiv=refresh content='0;url=javascript:alert(\"{MARK}\")'>",
]
URL_ATTACK = f"javascript:alert('{MARK}')"
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def attack_for(field, offset: int) -> str:
    """As many attacks as the column holds, starting at ``offset`` in the corpus."""
    from django.db import models

    if isinstance(field, models.URLField):
        return URL_ATTACK[: field.max_length]
    limit = field.max_length or 10_000
    rotated = CORPUS[offset:] + CORPUS[:offset]
    text = ""
    for attack in rotated:
        candidate = f"{text} {attack}".strip()
        if len(candidate) > limit:
            break
        text = candidate
    return text or MARK[:limit]


class _Inertness(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            squeezed = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
            if name in URL_ATTRS and squeezed.startswith(BAD_SCHEMES):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style" and MARK in value:
                self.problems.append(f"<{tag} style={value[:60]!r}>")
        if tag in {"iframe", "object", "embed", "base"}:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and MARK in data:
            self.problems.append(f"<script>{data[:60]}")


def html_problems(text: str) -> list[str]:
    parser = _Inertness()
    parser.feed(text)
    parser.close()
    return parser.problems


def feed_problems(text: str) -> list[str]:
    problems = []
    for element in ET.fromstring(text.encode()).iter():  # noqa: S314 - our own feed
        if element.get("type") in ("html", "xhtml") or element.tag.endswith("description"):
            problems += html_problems(element.text or "")
    return problems


def response_problems(response) -> list[str]:
    content_type = response.get("Content-Type", "")
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode("utf-8", errors="replace")
    if "text/html" in content_type:
        return html_problems(body)
    if "xml" in content_type:
        return feed_problems(body) if body.strip() else []
    if MARK in body and response.get("X-Content-Type-Options") != "nosniff":
        return [f"{content_type} without nosniff"]
    if MARK in body and not content_type:
        return ["attack returned with no Content-Type"]
    return []


def _write_corpus() -> int:
    written = 0
    for model in exposure.kyoso_models():
        fields = exposure.text_fields(model)
        if not fields:
            continue
        for offset, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True)):
            values = {
                f.name: attack_for(f, (offset + i) % len(CORPUS)) for i, f in enumerate(fields)
            }
            try:
                with transaction.atomic():
                    model.objects.filter(pk=pk).update(**values)
            except Exception:  # append-only rows (audit, ledger, histories) refuse updates;
                break  # what they show was copied from fields that took the corpus
            written += len(values)
    return written


def _people_on(rows) -> set[int]:
    user_model = get_user_model()
    ids = set()
    for row in rows:
        if isinstance(row, user_model):
            ids.add(row.pk)
        for field in row._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                value = getattr(row, field.attname)
                if value:
                    ids.add(value)
    return ids


@pytest.mark.usefixtures("loaded_demo")
class TestXssCorpus:
    def test_every_free_text_field_comes_out_inert_everywhere(self, db, sato):
        from kyoso.api.tests.factories import bearer, issue_token

        exposure.make_factory_rows()
        written = _write_corpus()
        assert written > 300, written  # the demo and the factories fill every app

        pages, unfilled = exposure.pages()
        problems: list[str] = []
        fetched = 0
        clients = {None: Client()}
        secretariat = Client()
        secretariat.force_login(sato)
        clients[sato.pk] = secretariat
        user_model = get_user_model()
        for page in pages:
            for user_id in [None, sato.pk, *sorted(_people_on(page.rows))[:2]]:
                if user_id not in clients:
                    client = Client()
                    client.force_login(user_model.objects.get(pk=user_id))
                    clients[user_id] = client
                response = clients[user_id].get(page.path)
                fetched += 1
                if response.status_code >= 500:
                    problems.append(f"{page.path} as #{user_id}: {response.status_code}")
                    continue
                problems += [f"{page.path} as #{user_id}: {p}" for p in response_problems(response)]

        api = Client()
        token = issue_token(sato)
        schema = json.loads(api.get("/api/v1/openapi.json").content)
        api_paths, api_unfilled = exposure.api_get_paths(schema)
        for path in api_paths:
            url = path if path.startswith("/api/") else "/api/v1" + path
            response = api.get(url, **bearer(token))
            fetched += 1
            if response.status_code >= 500:
                problems.append(f"{url}: {response.status_code}")
                continue
            problems += [f"{url}: {p}" for p in response_problems(response)]

        print(
            f"xss corpus: {written} fields written, {fetched} responses, {len(pages)} pages, "
            f"{len(api_paths)} API calls; not filled: {len(unfilled)} patterns, "
            f"{len(api_unfilled)} operations"
        )
        assert fetched > 300
        assert problems == [], "\n".join(sorted(set(problems)))
