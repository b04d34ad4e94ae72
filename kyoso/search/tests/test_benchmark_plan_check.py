"""The benchmark's plan check (benchmarks/plans.py, issue 12): on PostgreSQL the search's match
must be served by the GIN index ``search_text_vector`` and no statement may read
``search_document`` or ``search_text`` from end to end. Checked here on canned
``EXPLAIN (FORMAT JSON)`` output, shaped like the plan of the search for 防災 at 10 k issues
(trimmed), so the check needs no database and no data set."""

from __future__ import annotations

import json
from typing import Any

from benchmarks.plans import check_plans, outline


def node(kind: str, *children: dict[str, Any], **keys: Any) -> dict[str, Any]:
    made: dict[str, Any] = {"Node Type": kind, "Parallel Aware": False, **keys}
    if children:
        made["Plans"] = list(children)
    return made


GIN_MATCH = node(
    "Bitmap Heap Scan",
    node("Bitmap Index Scan", **{"Index Name": "search_text_vector"}),
    **{"Relation Name": "search_text", "Alias": "search_text_6"},
)
DOCUMENT_BY_ID = node(
    "Index Scan",
    **{"Index Name": "search_document_pkey", "Relation Name": "search_document", "Alias": "d"},
)
VISIBLE_ISSUE = node(
    "Index Scan",
    **{"Index Name": "issues_issue_pkey", "Relation Name": "issues_issue", "Alias": "u0"},
)


def search_plan(match: dict[str, Any], document: dict[str, Any], visible=VISIBLE_ISSUE) -> list:
    """The search statement's plan: the candidates (CTE) from ``match``, each candidate's
    document through ``document`` and its visibility through ``visible``."""
    newest_id = node(
        "Result",
        node(
            "Limit",
            node(
                "Index Only Scan",
                **{
                    "Index Name": "search_text_pkey",
                    "Relation Name": "search_text",
                    "Scan Direction": "Backward",
                },
            ),
            **{"Parent Relationship": "InitPlan", "Subplan Name": "InitPlan 1 (returns $0)"},
        ),
        **{"Parent Relationship": "InitPlan", "Subplan Name": "InitPlan 2 (returns $1)"},
    )
    candidates = node(
        "Limit",
        newest_id,
        node("Nested Loop", node("Values Scan"), node("Sort", match)),
        **{"Parent Relationship": "InitPlan", "Subplan Name": "CTE candidates"},
    )
    matches = node(
        "Nested Loop",
        node("Nested Loop", node("CTE Scan", **{"CTE Name": "candidates"}), document),
        node("Memoize", visible),
        **{"Parent Relationship": "InitPlan", "Subplan Name": "CTE matches"},
    )
    page = node("Nested Loop", node("CTE Scan", **{"CTE Name": "matches"}), DOCUMENT_BY_ID)
    return [{"Plan": node("Sort", candidates, matches, page)}]


def test_a_match_through_the_gin_index_with_lookups_by_key_passes():
    check = check_plans([search_plan(GIN_MATCH, DOCUMENT_BY_ID)])

    assert check.ok
    assert check.gin_scans == ["Bitmap Index Scan on search_text_vector"]
    assert check.seq_scans == []
    assert check.problems == []


def test_a_match_by_reading_every_text_fails():
    seq_match = node(
        "Seq Scan", **{"Relation Name": "search_text", "Filter": "(search_vector @@ …)"}
    )

    check = check_plans([search_plan(seq_match, DOCUMENT_BY_ID)])

    assert not check.ok
    assert check.problems == ["no index scan on search_text_vector", "Seq Scan on search_text"]


def test_a_parallel_seq_scan_of_the_documents_fails_even_with_the_gin_match():
    documents = node(
        "Hash Join",
        node("Seq Scan", **{"Relation Name": "search_document", "Parallel Aware": True}),
        node("Hash", node("CTE Scan", **{"CTE Name": "candidates"})),
    )

    check = check_plans([search_plan(GIN_MATCH, documents)])

    assert not check.ok
    assert check.gin_scans == ["Bitmap Index Scan on search_text_vector"]
    assert check.problems == ["Parallel Seq Scan on search_document"]


def test_a_match_through_another_index_fails():
    by_key = node(
        "Index Scan",
        **{"Index Name": "search_text_pkey", "Relation Name": "search_text", "Filter": "…"},
    )

    check = check_plans([search_plan(by_key, DOCUMENT_BY_ID)])

    assert not check.ok
    assert check.problems == ["no index scan on search_text_vector"]


def test_a_seq_scan_of_a_table_outside_the_search_index_is_allowed():
    small_table = node("Seq Scan", **{"Relation Name": "issues_issue"})

    assert check_plans([search_plan(GIN_MATCH, DOCUMENT_BY_ID, visible=small_table)]).ok


def test_every_statement_is_checked_and_json_text_is_read():
    good = json.dumps(search_plan(GIN_MATCH, DOCUMENT_BY_ID))
    bad = [{"Plan": node("Seq Scan", **{"Relation Name": "search_document"})}]

    check = check_plans([good, bad])

    assert check.statements == 2
    assert check.problems == ["Seq Scan on search_document"]


def test_no_statement_on_the_search_tables_fails():
    check = check_plans([])

    assert not check.ok
    assert check.problems == ["no statement on the search tables was run"]


def test_the_outline_names_each_node_its_table_and_index():
    lines = outline(search_plan(GIN_MATCH, DOCUMENT_BY_ID))

    assert lines[0] == "Sort (rows=?)"
    assert "  Limit [CTE candidates] (rows=?)" in lines
    assert (
        "        Index Only Scan Backward using search_text_pkey on search_text (rows=?)" in lines
    )
    assert "          Bitmap Index Scan using search_text_vector (rows=?)" in lines
    assert "      CTE Scan on candidates (rows=?)" in lines
