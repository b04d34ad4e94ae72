"""The plan check of issue 12: on PostgreSQL, the search's match must be served by the GIN index.

``benchmarks.issues`` captures the statements that ``kyoso.search.services.search`` really runs
(:func:`capture_statements`), asks PostgreSQL for their plans (``EXPLAIN (FORMAT JSON)``, with
the same parameters) and checks them with :func:`check_plans`: at least one index scan
(``Bitmap Index Scan``, ``Index Scan`` or ``Index Only Scan``) on :data:`GIN_INDEX`, and no
sequential scan (plain or parallel) of :data:`SEARCH_TABLES`. A failed check is a failed target
in the results and the report, never an exception that would hide the other figures.

The functions that read plans take the decoded JSON of ``EXPLAIN (FORMAT JSON)`` (a list with
one ``{"Plan": {...}}`` per statement) and need no database (kyoso/search/tests has their test).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

#: The full-text index of ``search_text`` (search migrations 0001, 0002 and 0004).
GIN_INDEX = "search_text_vector"
#: Tables that a search must never read from end to end.
SEARCH_TABLES = ("search_document", "search_text")
INDEX_SCANS = ("Bitmap Index Scan", "Index Scan", "Index Only Scan")


@dataclass(frozen=True)
class PlanCheck:
    """What the plans of a search's statements show."""

    statements: int
    #: "<node type> on <index>" for every scan of the GIN index.
    gin_scans: list[str] = field(default_factory=list)
    #: "Seq Scan on <table>" (or "Parallel Seq Scan on …") for every search table read in full.
    seq_scans: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.statements > 0 and bool(self.gin_scans) and not self.seq_scans

    @property
    def problems(self) -> list[str]:
        found = []
        if self.statements == 0:
            found.append("no statement on the search tables was run")
        elif not self.gin_scans:
            found.append(f"no index scan on {GIN_INDEX}")
        found += self.seq_scans
        return found

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "statements": self.statements,
            "gin_scans": self.gin_scans,
            "seq_scans": self.seq_scans,
            "problems": self.problems,
        }


def _decoded(explain: Any) -> list[dict[str, Any]]:
    """The output of ``EXPLAIN (FORMAT JSON)``, decoded if the driver gave it as text."""
    if isinstance(explain, str | bytes):
        explain = json.loads(explain)
    if isinstance(explain, dict):
        explain = [explain]
    return list(explain)


def plan_nodes(explain: Any) -> Iterator[dict[str, Any]]:
    """Every node of the plan(s), depth first: init plans, sub plans and CTEs are children
    (``Plans``) in the JSON format, so nothing is skipped."""
    stack = [entry["Plan"] for entry in reversed(_decoded(explain))]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.get("Plans", [])))


def _label(node: dict[str, Any]) -> str:
    kind = node["Node Type"]
    if kind == "Seq Scan" and node.get("Parallel Aware"):
        kind = "Parallel Seq Scan"
    if node.get("Scan Direction") == "Backward":
        kind += " Backward"
    if "CTE Name" in node:
        return f"{kind} on {node['CTE Name']}"
    if "Index Name" in node:
        return f"{kind} using {node['Index Name']}" + (
            f" on {node['Relation Name']}" if "Relation Name" in node else ""
        )
    if "Relation Name" in node:
        return f"{kind} on {node['Relation Name']}"
    return kind


def check_plans(
    explains: list[Any], *, index: str = GIN_INDEX, tables: tuple[str, ...] = SEARCH_TABLES
) -> PlanCheck:
    """Check the plans of the statements a search ran (one ``EXPLAIN (FORMAT JSON)`` output
    each): the match must use ``index`` and no statement may scan one of ``tables`` in full."""
    gin: list[str] = []
    seq: list[str] = []
    for explain in explains:
        for node in plan_nodes(explain):
            kind = node.get("Node Type")
            if kind in INDEX_SCANS and node.get("Index Name") == index:
                gin.append(f"{kind} on {index}")
            elif kind == "Seq Scan" and node.get("Relation Name") in tables:
                seq.append(_label(node))
    return PlanCheck(statements=len(explains), gin_scans=gin, seq_scans=seq)


def outline(explain: Any) -> list[str]:
    """The plan as indented lines ("Bitmap Index Scan using search_text_vector on …"),
    with the planner's row estimate: what the benchmark prints and keeps."""
    lines: list[str] = []

    def walk(node: dict[str, Any], depth: int) -> None:
        role = node.get("Parent Relationship")
        extra = f" [{node['Subplan Name']}]" if "Subplan Name" in node else ""
        if role in ("InitPlan", "SubPlan") and not extra:
            extra = f" [{role}]"
        lines.append(f"{'  ' * depth}{_label(node)}{extra} (rows={node.get('Plan Rows', '?')})")
        for child in node.get("Plans", []):
            walk(child, depth + 1)

    for entry in _decoded(explain):
        walk(entry["Plan"], 0)
    return lines


def touches_search_tables(sql: str, tables: tuple[str, ...] = SEARCH_TABLES) -> bool:
    return any(table in sql for table in tables)


@contextmanager
def capture_statements(connection: Any) -> Iterator[list[tuple[str, Any]]]:
    """Record the SQL and parameters of every statement run on ``connection`` inside the
    block, as given to the driver (Django's ``execute_wrapper``; ``CaptureQueriesContext``
    keeps only the SQL with the parameters already interpolated)."""
    statements: list[tuple[str, Any]] = []

    def record(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not many:
            statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements


def explain_search(connection: Any, run: Callable[[], Any]) -> tuple[PlanCheck, list[list[str]]]:
    """Run ``run`` (a search), then ``EXPLAIN (FORMAT JSON)`` each statement it ran on the
    search tables with the same parameters; the check and each statement's outline."""
    with capture_statements(connection) as statements:
        run()
    explains = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            if not touches_search_tables(sql):
                continue
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            explains.append(cursor.fetchone()[0])
    return check_plans(explains), [outline(explain) for explain in explains]
