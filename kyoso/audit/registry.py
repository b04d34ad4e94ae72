"""Audit actions and their labels: the audit app's own in ``AuditEvent.Action``, and those
of capabilities that register theirs in ``AppConfig.ready()`` (as search and personal data do),
so a new app adds its actions without editing this one."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import Promise

from kyoso.audit.models import AuditEvent

Label = str | Promise

_LABELS: dict[str, Label] = dict(AuditEvent.Action.choices)


def register_actions(actions: Iterable[tuple[str, Label]]) -> None:
    """Add ``(value, label)`` pairs; a value registered twice with another label is a bug."""
    for value, label in actions:
        if len(value) > 40:
            raise ValueError(f"Audit action {value!r} is longer than 40 characters.")
        known = _LABELS.get(value)
        if known is not None and str(known) != str(label):
            raise ValueError(f"Audit action {value!r} is already registered as {known!r}.")
        _LABELS[value] = label


def is_known(value: str) -> bool:
    return value in _LABELS


def label_of(value: str) -> Label:
    return _LABELS.get(value, value)


def choices() -> list[tuple[str, Label]]:
    return list(_LABELS.items())
