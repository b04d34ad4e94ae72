"""The collaboration network's figures, computed with networkx from ties and sectors.

Pure functions of their inputs (no database): :mod:`kyoso.network.selectors` gathers the ties
from the registry and the sectors from the accounts and orgs selectors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from kyoso.core.fiscal import fiscal_year
from kyoso.network.ties import Tie

#: Below this many people betweenness is exact; above, it samples (see :func:`samples_for`).
EXACT_BETWEENNESS = 500
#: The public never sees a group smaller than this.
MIN_GROUP = 5
UNKNOWN = "unknown"

#: Organization kinds (kyoso.orgs) as the profile's sectors (kyoso.accounts), for people who
#: name no sector on their profile.
ORG_KIND_SECTOR = {
    "npo": "npo",
    "company": "company",
    "local_government": "government",
    "university": "university",
    "hub": "npo",
    "financial": "finance",
    "community": "citizen",
    "other": "other",
}


def samples_for(people: int, ties: int) -> int | None:
    """None (exact) for small graphs; else a number of source samples that keeps the work
    near four million edge visits (at least 8)."""
    if people <= EXACT_BETWEENNESS:
        return None
    return max(8, min(256, 4_000_000 // max(people + ties, 1)))


@dataclass
class Figures:
    start: date
    end: date
    people: int = 0
    ties: int = 0
    tie_events: int = 0
    density: float = 0.0
    components: int = 0
    largest_component: int = 0
    cross_sector_ties: int = 0
    cross_sector_share: float = 0.0
    by_kind: dict[str, int] = field(default_factory=dict)
    new_ties_by_fiscal_year: dict[int, int] = field(default_factory=dict)
    sector_pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    people_by_sector: dict[str, int] = field(default_factory=dict)
    bridges: list[tuple[int, float]] = field(default_factory=list)
    betweenness_samples: int | None = None

    def as_dict(self, *, public: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "people": self.people,
            "ties": self.ties,
            "tie_events": self.tie_events,
            "density": round(self.density, 6),
            "components": self.components,
            "largest_component": self.largest_component,
            "cross_sector_ties": self.cross_sector_ties,
            "cross_sector_share": round(self.cross_sector_share, 4),
            "by_kind": dict(sorted(self.by_kind.items())),
            "new_ties_by_fiscal_year": {
                str(k): v for k, v in sorted(self.new_ties_by_fiscal_year.items())
            },
            "people_by_sector": dict(sorted(self.people_by_sector.items())),
            "sector_pairs": {f"{a}-{b}": n for (a, b), n in sorted(self.sector_pairs.items())},
        }
        if public:
            return suppress_small(data)
        data["bridges"] = [{"user_id": u, "betweenness": round(s, 6)} for u, s in self.bridges]
        data["betweenness_samples"] = self.betweenness_samples
        return data


def suppress_small(data: dict[str, Any]) -> dict[str, Any]:
    """The public aggregates: every count below MIN_GROUP becomes None, and with fewer than
    MIN_GROUP people nothing but the period is shown."""
    if data["people"] < MIN_GROUP:
        return {"start": data["start"], "end": data["end"], "suppressed": True}

    def small(n: int) -> int | None:
        return n if n >= MIN_GROUP else None

    out = dict(data)
    out["suppressed"] = False
    for key in ("ties", "tie_events", "cross_sector_ties", "largest_component"):
        out[key] = small(out[key])
    for key in ("by_kind", "new_ties_by_fiscal_year", "people_by_sector", "sector_pairs"):
        out[key] = {k: small(v) for k, v in out[key].items()}
    if out["cross_sector_ties"] is None:
        out["cross_sector_share"] = None
    return out


def sector_of(user_id: int, sectors: dict[int, str]) -> str:
    return sectors.get(user_id, UNKNOWN)


def build_graph(
    ties: Iterable[Tie], start: date
) -> tuple[nx.Graph, Counter[str], int, Counter[int]]:
    """From ties up to the period's end: the period's graph (ties from ``start``; one edge per
    pair, ``weight`` = number of ties), its ties by kind, its number of tie events, and the
    pairs whose first tie ever falls in the period, by fiscal year."""
    graph = nx.Graph()
    kinds: Counter[str] = Counter()
    events = 0
    first_seen: dict[tuple[int, int], date] = {}
    for tie in ties:
        pair = (tie.a, tie.b)
        seen = first_seen.get(pair)
        if seen is None or tie.on < seen:
            first_seen[pair] = tie.on
        if tie.on < start:
            continue
        events += 1
        kinds[tie.kind] += 1
        data = graph.get_edge_data(tie.a, tie.b)
        if data is not None:
            data["weight"] += 1
        else:
            graph.add_edge(tie.a, tie.b, weight=1)
    new: Counter[int] = Counter(fiscal_year(on) for on in first_seen.values() if on >= start)
    return graph, kinds, events, new


def compute(
    start: date,
    end: date,
    ties_until_end: Iterable[Tie],
    sectors: dict[int, str],
    *,
    bridges: int = 10,
    seed: int = 2021,
) -> tuple[Figures, nx.Graph]:
    """The figures of ``start``..``end`` from every tie up to ``end`` (the earlier ones only
    tell which of the period's ties are new)."""
    graph, kinds, events, new = build_graph(ties_until_end, start)
    figures = Figures(start=start, end=end)
    n = graph.number_of_nodes()
    m = graph.number_of_edges()
    figures.people, figures.ties, figures.tie_events = n, m, events
    figures.by_kind = dict(kinds)
    figures.density = nx.density(graph) if n > 1 else 0.0
    sizes = [len(c) for c in nx.connected_components(graph)]
    figures.components = len(sizes)
    figures.largest_component = max(sizes, default=0)
    pairs: Counter[tuple[str, str]] = Counter()
    cross = 0
    for a, b in graph.edges():
        sa, sb = sector_of(a, sectors), sector_of(b, sectors)
        if sa > sb:
            sa, sb = sb, sa
        pairs[(sa, sb)] += 1
        if sa != sb and UNKNOWN not in (sa, sb):
            cross += 1
    figures.sector_pairs = dict(pairs)
    figures.cross_sector_ties = cross
    figures.cross_sector_share = cross / m if m else 0.0
    figures.people_by_sector = dict(Counter(sector_of(u, sectors) for u in graph.nodes()))
    figures.new_ties_by_fiscal_year = dict(new)
    if n > 2 and bridges:
        k = samples_for(n, m)
        figures.betweenness_samples = k
        scores = nx.betweenness_centrality(graph, k=k, seed=seed, normalized=True)
        top = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:bridges]
        figures.bridges = [(u, s) for u, s in top if s > 0]
    return figures, graph


def compare(before: Figures, after: Figures) -> list[dict[str, Any]]:
    """Seed 003's before/after table: each figure in both periods and the change."""
    rows = []
    for key in (
        "people",
        "ties",
        "density",
        "components",
        "largest_component",
        "cross_sector_ties",
        "cross_sector_share",
    ):
        a, b = getattr(before, key), getattr(after, key)
        rows.append({"figure": key, "before": a, "after": b, "change": b - a})
    return rows
