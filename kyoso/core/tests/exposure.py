"""Find, by introspection, what Kyoso stores as free text and every URL that may show it.

Shared by the XSS corpus (``test_xss_corpus.py``) and the object-access sweep
(``test_object_access.py``); docs/security.md describes the method. Nothing here names an app:

- **rows**: the demo (``kyoso load-demo``, which every app extends with a loader step) plus one
  row made by every ``factory_boy`` factory in each installed Kyoso app's ``tests/factories.py``;
- **text fields**: every ``CharField``/``TextField`` (``URLField`` included) without ``choices``
  of every model of an installed ``kyoso.*`` app, less the machine-written fields named in
  ``MACHINE_FIELDS`` (hashes, codes, keys — never typed by a person);
- **pages**: every URL pattern of the resolver, its arguments filled from rows: ``pk``/``id``
  from the model its declared rule names (``<app>.<verb>_<model>``), ``<name>_pk``/``<name>_id``
  from the model called ``<name>`` in that app (else in any app), other names from a field of
  that name on the rule's model; at most ``MAX_PER_PATTERN`` combinations a pattern;
- **API operations**: every GET operation of ``/api/v1/openapi.json``, path parameters filled
  the same way from the path segment before them (``/issues/{id}`` → the issues app's Issue).
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import factory
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from kyoso.core.policy import declared_rule

MAX_PER_PATTERN = 4

#: Fields written by code, never typed by a person: (model label or "*", field name regex).
MACHINE_FIELDS: list[tuple[str, str]] = [
    ("*", r"^(password|secret|channel_secret|token_hash|prefix|idempotency_key|code|key)$"),
    ("*", r"^(slug|language|kind|type|group|period|event|from_status|to_status|action)$"),
    ("*", r"(_terms|folded|_code|_kind|owner_app|_id)$"),
    ("*", r"^(sub|job|output|target_type|value|skill|theme)$"),
    ("matching.MatchProfile", r".*"),  # a precomputed copy of profile fields
    ("search.SearchDocument", r"^url$"),
    ("notifications.Notification", r"^url$"),
    ("events.Event", r"^imported_from$"),
]


def kyoso_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("kyoso.")]


def is_machine_field(model: type[models.Model], name: str) -> bool:
    return any(
        (label in ("*", model._meta.label)) and re.search(pattern, name)
        for label, pattern in MACHINE_FIELDS
    )


def text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.CharField | models.TextField)
        and not isinstance(f, models.EmailField)
        and not f.choices
        and not f.primary_key
        and not is_machine_field(model, f.name)
    ]


def factories() -> list[type[factory.django.DjangoModelFactory]]:
    """Every model factory of every installed Kyoso app's tests/factories.py."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kyoso."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, factory.django.DjangoModelFactory)
                and value.__module__ == module.__name__
                and value._meta.model is not None
            ):
                found.append(value)
    return found


def make_factory_rows() -> list[str]:
    """One row from every factory; returns the factories that need arguments (not made)."""
    from django.db import transaction

    skipped = []
    for made in factories():
        try:
            with transaction.atomic():
                made.create()
        except Exception as error:  # a factory that needs arguments: its rows come from others
            skipped.append(f"{made.__module__}.{made.__name__}: {type(error).__name__}")
    return skipped


# --- URLs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    route: str
    name: str
    rule: str | None
    path: str
    rows: tuple[models.Model, ...]


def walk(patterns=None, prefix="", namespace=None) -> Iterator[tuple[str, str, Any, URLPattern]]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            yield prefix + str(entry.pattern), name, entry.callback, entry


def _model_named(app_label: str | None, name: str) -> type[models.Model] | None:
    name = name.replace("_", "").lower()
    candidates = [m for m in kyoso_models() if m._meta.model_name == name]
    same_app = [m for m in candidates if m._meta.app_label == app_label]
    chosen = same_app or candidates
    return chosen[0] if chosen else None


def rule_model(rule: str | None) -> type[models.Model] | None:
    if not rule or "." not in rule or "_" not in rule:
        return None
    app_label, verb_model = rule.split(".", 1)
    model_name = verb_model.split("_", 1)[1]
    return _model_named(app_label, model_name)


#: Rows to try first, by model label (set by ``pages(prefer=…)``): e.g. the hidden ones.
_PREFERRED: dict[str, list[Any]] = {}


def _rows(model: type[models.Model]) -> list[models.Model]:
    preferred = _PREFERRED.get(model._meta.label, [])
    rows = list(model.objects.filter(pk__in=preferred).order_by("pk")[:MAX_PER_PATTERN])
    if len(rows) < MAX_PER_PATTERN:
        rows += list(
            model.objects.exclude(pk__in=preferred).order_by("pk")[: MAX_PER_PATTERN - len(rows)]
        )
    return rows


def _values_for(arg: str, app_label: str | None, main: type[models.Model] | None) -> list[Any]:
    """Candidate (value, row) pairs for one URL argument."""
    if arg in ("pk", "id", "object_id") and main is not None:
        return [(row.pk, row) for row in _rows(main)]
    match = re.fullmatch(r"(\w+?)_(pk|id)", arg)
    if match:
        model = _model_named(app_label, match.group(1))
        if model is not None:
            return [(row.pk, row) for row in _rows(model)]
    for model in [main] if main is not None else []:
        if any(f.name == arg for f in model._meta.concrete_fields):
            return [(getattr(row, arg), row) for row in _rows(model)]
    return []


def pages(
    *,
    include_namespaces: frozenset[str] | None = None,
    prefer: set[tuple[str, Any]] | None = None,
) -> tuple[list[Page], list[str]]:
    """Concrete GET paths for the site's URL patterns; returns (pages, patterns not filled).

    ``prefer``: (model label, pk) pairs to fill the arguments with first."""
    _PREFERRED.clear()
    for label, pk in prefer or ():
        _PREFERRED.setdefault(label, []).append(pk)
    found: list[Page] = []
    unfilled: list[str] = []
    for route, name, callback, pattern in walk():
        namespace = name.split(":", 1)[0] if ":" in name else ""
        if namespace in {"admin", "api"} or route.startswith("static/"):
            continue
        if include_namespaces is not None and namespace not in include_namespaces:
            continue
        rule = declared_rule(callback)
        main = rule_model(rule)
        app_label = rule.split(".", 1)[0] if rule and "." in rule else namespace
        args = list(pattern.pattern.regex.groupindex)
        choices = [_values_for(arg, app_label, main) for arg in args]
        if any(not c for c in choices):
            unfilled.append(route)
            continue
        for combo in itertools.islice(itertools.product(*choices), MAX_PER_PATTERN):
            kwargs = {arg: value for arg, (value, _row) in zip(args, combo, strict=True)}
            try:
                path = "/" + _fill(route, pattern, kwargs)
            except ValueError:
                continue
            found.append(Page(route, name, rule, path, tuple(row for _v, row in combo)))
    return found, unfilled


def _fill(route: str, pattern: URLPattern, kwargs: dict[str, Any]) -> str:
    """The route with its converters replaced by the values (checked by the converter)."""
    path = route
    for arg, value in kwargs.items():
        converter = pattern.pattern.converters.get(arg)
        text = converter.to_url(value) if converter else str(value)
        if not re.fullmatch(converter.regex if converter else r"[^/]+", text):
            raise ValueError(arg)
        path = re.sub(rf"<(?:\w+:)?{arg}>", text, path, count=1)
    if "<" in path or "(?P" in path or "^" in path:
        raise ValueError(path)
    return path


def api_get_paths(schema: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Concrete paths of the API's GET operations; returns (paths, operations not filled)."""
    found: list[str] = []
    unfilled: list[str] = []
    for template, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        params = re.findall(r"\{(\w+)\}", template)
        if not params:
            found.append(template)
            continue
        segments = template.strip("/").split("/")
        choices = []
        for param in params:
            index = segments.index("{" + param + "}")
            before = segments[index - 1] if index else ""
            model = _model_named(None, before.rstrip("s")) or _model_named(
                None, before.rstrip("es")
            )
            if param.endswith(("_id", "_pk")) and param not in ("id", "pk"):
                model = _model_named(None, param.rsplit("_", 1)[0]) or model
            if param.endswith("key") or param == "slug":
                field = "slug" if param == "slug" else param
                rows = (
                    model.objects.order_by("pk")[:MAX_PER_PATTERN]
                    if model and any(f.name == field for f in model._meta.concrete_fields)
                    else []
                )
                choices.append([getattr(r, field) for r in rows])
            else:
                choices.append(
                    [r.pk for r in model.objects.order_by("pk")[:MAX_PER_PATTERN]] if model else []
                )
        if any(not c for c in choices):
            unfilled.append(template)
            continue
        for combo in itertools.islice(itertools.product(*choices), MAX_PER_PATTERN):
            path = template
            for param, value in zip(params, combo, strict=True):
                path = path.replace("{" + param + "}", str(value))
            found.append(path)
    return found, unfilled
