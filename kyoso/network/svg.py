"""The network picture: an SVG drawn on the server from the graph (no script, no names unless
the person chose to be shown)."""

from __future__ import annotations

import math
from html import escape
from typing import Any

import networkx as nx

#: Colours by sector (distinct for colour-blind viewers, Okabe–Ito).
COLOURS = {
    "citizen": "#E69F00",
    "npo": "#009E73",
    "company": "#0072B2",
    "university": "#CC79A7",
    "finance": "#56B4E9",
    "government": "#D55E00",
    "student": "#F0E442",
    "other": "#999999",
    "unknown": "#666666",
}
MAX_PEOPLE = 300
MAX_LINES = 1500
SIZE = 600


def layout(graph: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Positions in [-1, 1]²: each connected component on its own circle (people in
    breadth-first order, so neighbours sit together), components on a grid, largest first.
    Pure Python and deterministic (networkx's force layouts need numpy)."""
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    if not components:
        return {}
    columns = max(1, math.ceil(math.sqrt(len(components))))
    rows = math.ceil(len(components) / columns)
    cell_w, cell_h = 2 / columns, 2 / rows
    pos: dict[Any, tuple[float, float]] = {}
    for index, component in enumerate(components):
        cx = -1 + cell_w * (index % columns + 0.5)
        cy = -1 + cell_h * (index // columns + 0.5)
        order = list(nx.bfs_tree(graph, component[0]).nodes()) if len(component) > 1 else component
        radius = 0.42 * min(cell_w, cell_h) if len(order) > 1 else 0.0
        for i, u in enumerate(order):
            angle = 2 * math.pi * i / len(order)
            pos[u] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return pos


def render(
    graph: nx.Graph,
    sectors: dict[int, str],
    names: dict[int, str],
    *,
    title: str,
) -> str:
    """People as dots coloured by sector, ties as lines; the best-connected ``MAX_PEOPLE``
    when the graph is larger. ``names``: only of people who chose to be shown."""
    nodes = sorted(graph.nodes(), key=lambda u: (-graph.degree(u), u))[:MAX_PEOPLE]
    sub = graph.subgraph(nodes)
    pos = layout(sub)
    pad = 20

    def xy(u: int) -> tuple[float, float]:
        x, y = pos[u]
        return (pad + (x + 1) / 2 * (SIZE - 2 * pad), pad + (y + 1) / 2 * (SIZE - 2 * pad))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" role="img" '
        f'class="network-picture" aria-labelledby="network-picture-title">',
        f'<title id="network-picture-title">{escape(title)}</title>',
        '<g stroke="#bbbbbb" stroke-width="0.6">',
    ]
    for a, b in list(sub.edges())[:MAX_LINES]:
        (x1, y1), (x2, y2) = xy(a), xy(b)
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>')
    parts.append("</g><g>")
    for u in nodes:
        x, y = xy(u)
        colour = COLOURS.get(sectors.get(u, "unknown"), COLOURS["other"])
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
        if u in names:
            parts.append(
                f'<text x="{x + 7:.1f}" y="{y + 4:.1f}" font-size="11">{escape(names[u])}</text>'
            )
    parts.append("</g></svg>")
    return "".join(parts)
