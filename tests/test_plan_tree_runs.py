"""The plan tree built a run of sibling tasks at a time (issue 14: the row load at 100k)
equals the tree built node by node (``tests/helpers/tree_reference.py``): every node's
kind, id, label, tooltip, parent, position, level and children, and the section parents.

Generated plans (``bench.generate``: several plans, sections and subsections), with
tasks moved out of every section, into another plan's section, archived, and a task
without work items, both with the matrix rows' task list and with the tree's own query.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models import queries
from desktop.models.matrix_rows import document_tasks, load_matrix_index
from desktop.models.qt.plan_tree_model import TreeData, load_tree
from desktop.models.store import Store
from tests.helpers.tree_reference import load_tree_reference


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.generate import generate

    path = tmp_path_factory.mktemp("tree") / "generated.db"
    generate(path, plans=8)
    return path


def _fields(tree: TreeData) -> tuple[object, ...]:
    return (
        tree.kinds,
        tree.ids,
        tree.labels,
        tree.tooltips,
        list(tree.parents),
        list(tree.rows),
        bytes(tree.levels),
        [list(children) for children in tree.children],
    )


def test_the_tree_by_runs_equals_the_tree_node_by_node(generated: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    path.write_bytes(generated.read_bytes())
    store = Store.open(path)
    try:
        db = store.db
        plans = [row[0] for row in db.execute("SELECT id FROM plan ORDER BY rowid")]
        tasks = [row[0] for row in db.execute("SELECT id FROM task ORDER BY rowid")]
        other_section = db.execute(
            "SELECT id FROM section WHERE plan_id = ? LIMIT 1", [plans[1]]
        ).fetchone()[0]
        with db.conn:  # odd data a long-lived database may hold
            db.execute("UPDATE task SET section_id = NULL WHERE id IN (?, ?)", tasks[3:5])
            db.execute("UPDATE task SET section_id = ? WHERE id = ?", [other_section, tasks[7]])
            db.execute("UPDATE task SET archived = '2024-07-01' WHERE id = ?", [tasks[9]])
            db.execute("DELETE FROM item WHERE task_id = ?", [tasks[11]])
        index = load_matrix_index(db)
        for given in (document_tasks(index), None):
            tree, parents = load_tree(db, tasks=given)
            assert _fields(load_tree(db, tasks=given, plans=queries.plans(db))[0]) == _fields(tree)
            reference, reference_parents = load_tree_reference(db, tasks=given)
            assert _fields(tree) == _fields(reference)
            assert parents == reference_parents
            assert tree.kinds.count("task") == len(given if given is not None else tasks)
    finally:
        store.close()
