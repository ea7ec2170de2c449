"""The status cache's full pass as it first built its blocking tally and dependency
links: root by root and row by row (``tests/test_status_full_bulk.py`` compares the
tally taken over from the pass and the bulk links with these)."""

from __future__ import annotations

from typing import Any

from desktop.models import status as st
from desktop.models.status_merge import Tally


def reference_tally(snap: st.StatusSnapshot) -> dict[str, Any]:
    """``Tally``'s three tables with each root added by itself (``Tally.add``: its unit
    peeked, the tasks it holds up by ``status_ranking.blocked_tasks``), not taken over
    from the pass (``StatusSnapshot.held_up`` is left as it is)."""
    tally = Tally()
    for root_id, nodes in snap.roots.items():
        tally.add(root_id, nodes, snap)
    return tally_tables(tally)


def tally_tables(tally: Any) -> dict[str, Any]:
    """A ``Tally``'s three tables as plain dicts (their order kept)."""
    return {
        "of_root": dict(tally.of_root),
        "per_unit": dict(tally.per_unit),
        "roots": dict(tally.roots),
    }


def graph_tables(graph: Any) -> list[Any]:
    """A status cache graph's dependency tables, in order, each value with its type
    (a set as its elements in iteration order)."""
    return [
        list(graph.dependencies.items()),
        [(dep_id, graph.dependencies.ends(dep_id)) for dep_id in graph.dependencies],
        [
            (task, type(found).__name__, list(found) if isinstance(found, set) else found)
            for task, found in graph.task_dependencies.items()
        ],
    ]


def reference_rollup_links(db: Any) -> tuple[dict[str, list[str]], set[str]]:
    """``authoring_queries.rollup_links`` as two queries (the active links, the tasks
    rolling up)."""
    children: dict[str, list[str]] = {}
    for task_id, parent_id in db.execute(
        "SELECT id, parent_task_id FROM task WHERE parent_task_id IS NOT NULL AND archived IS NULL"
    ):
        children.setdefault(parent_id, []).append(task_id)
    return children, {r[0] for r in db.execute("SELECT id FROM task WHERE rollup = 1")}
