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
from PySide6.QtCore import QModelIndex

from desktop.models import queries
from desktop.models.matrix_rows import document_tasks, load_matrix_index
from desktop.models.qt.plan_tree_model import TreeData, load_tree
from desktop.models.store import Store
from tests.helpers.generated import generated_db
from tests.helpers.tree_reference import load_tree_reference


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_db(tmp_path_factory, "tree", 8)


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
            # the matrix index's plan and section id strings kept by the nodes
            shared, shared_parents = load_tree(
                db, tasks=given, ids=[*index.section_ids, *index.plan_ids]
            )
            assert _fields(shared) == _fields(reference) and shared_parents == parents
            known = {id(i) for i in (*index.section_ids, *index.plan_ids)}
            texts = {*index.section_ids, *index.plan_ids}
            nodes = [n for n, kind in enumerate(shared.kinds) if kind in ("plan", "section")]
            listed = [n for n in nodes if shared.ids[n] in texts]
            assert len(listed) > len(nodes) // 2
            assert all(id(shared.ids[n]) in known for n in listed)
            assert any(id(tree.ids[n]) not in known for n in nodes)  # (without: their own)
    finally:
        store.close()


def test_the_packed_node_table_reads_as_the_lists_and_keeps_less(generated: Path) -> None:
    """``TreeData`` keeps a run's tasks as a rowid each (no Python object per task): its
    fields read, iterate, count and search as the reference's lists, and it keeps less
    (~25 bytes less per task here, where the task list holds the rowids: ~55 in the
    window, where it is let go)."""
    import tracemalloc

    store = Store.open(generated)
    try:
        db = store.db
        tasks = document_tasks(load_matrix_index(db))

        def kept(build):  # noqa: ANN001, ANN202
            tracemalloc.start()
            try:
                tree = build()[0]
                return tree, tracemalloc.get_traced_memory()[0]
            finally:
                tracemalloc.stop()

        load_tree(db, tasks=list(tasks)), load_tree_reference(db, tasks=list(tasks))  # warm
        tree, packed = kept(lambda: load_tree(db, tasks=list(tasks)))
        reference, plain = kept(lambda: load_tree_reference(db, tasks=list(tasks)))
    finally:
        store.close()
    assert plain - packed > 20 * len(tasks)
    for name in ("kinds", "ids", "labels", "tooltips", "children"):
        column, listed = getattr(tree, name), getattr(reference, name)
        assert list(column) == listed and len(column) == len(listed)
        assert [column[n] for n in range(len(listed))] == listed and column[-1] == listed[-1]
        assert column[3:40:7] == listed[3:40:7]
        for value in {repr(v): v for v in listed[::97] + listed[-3:]}.values():
            for start in (0, 1, len(listed) // 2):
                if value in listed[start:]:
                    assert column.index(value, start) == listed.index(value, start)
                else:
                    with pytest.raises(ValueError):
                        column.index(value, start)
    assert tree.kinds.count("task") == reference.kinds.count("task") == len(tasks)
    assert tree.kinds.count("plan") == reference.kinds.count("plan")
    assert tree.kinds.count("nothing") == 0
    with pytest.raises(ValueError):
        tree.ids.index(10**12)
    with pytest.raises(ValueError):
        tree.ids.index("no such id")


def test_tasks_added_one_by_one_read_and_search_as_tasks_of_a_run() -> None:
    by_runs, one_by_one = TreeData(), TreeData()
    for tree in (by_runs, one_by_one):
        plan = tree.add("plan", "p1", "计划", 0, "计划\n文号")
        tree.add("section", "s1", "一、章节", plan, level=1)
    by_runs.add_tasks([11, 12, 13], [1, 2, 2])
    for rowid, parent in ((11, 1), (12, 2), (13, 2)):
        one_by_one.add("task", rowid, None, parent)
    assert by_runs == one_by_one and not by_runs.int_ids and one_by_one.int_ids
    for tree in (by_runs, one_by_one):
        assert list(tree.ids) == ["", "p1", "s1", 11, 12, 13]
        assert tree.ids.index(12, 1) == 4 and tree.ids.index("s1") == 2
        assert tree.labels.index(None) == 3 and tree.children[5] == ()
        assert list(tree.children[2]) == [4, 5] and list(tree.rows) == [0, 0, 0, 1, 0, 1]
        with pytest.raises(ValueError):
            tree.ids.index(12, 5)


def test_compacted_children_read_and_grow_as_the_arrays() -> None:
    """``TreeData.compact`` keeps consecutive children as first and count: the tree
    reads as before, and adding under a compacted node (a task run, a section) gives the
    tree the same adds give the uncompacted one."""
    trees = TreeData(), TreeData()
    for tree in trees:
        plan = tree.add("plan", "p1", "计划", 0, "计划\n文号")
        first = tree.add("section", "s1", "一、章节", plan, level=1)
        tree.add("section", "s2", "二、章节", plan, level=1)
        tree.add_tasks([11, 12, 13], [first, first, first])
        tree.add("section", "s3", "三、空章节", plan, level=1)
        other = tree.add("plan", "p2", "计划二", 0)  # its sections with a task between
        tree.add_tasks([21], [tree.add("section", "t1", "一、", other, level=1)])
        tree.add("section", "t2", "二、", other, level=1)
    compacted, plain = trees
    compacted.compact()
    assert _fields(compacted) == _fields(plain)
    assert compacted._children.count(None) >= 4  # the root, the plan, s1 and the empty s3
    nodes = range(len(plain.children))
    assert [list(compacted.child_nodes(n)) for n in nodes] == [list(c) for c in plain.children]
    assert compacted.children.index(plain.children[2]) == plain.children.index(plain.children[2])
    for tree in trees:
        tree.add_tasks([14, 15], [2, 2])  # under s1 again (consecutive no longer)
        tree.add("section", "s4", "四、章节", 1, level=1)
        tree.add_tasks([16], [3])
    assert _fields(compacted) == _fields(plain)
    assert list(compacted.children[2]) == [4, 5, 6, 12, 13]


def test_the_model_over_a_compacted_tree_passes_the_model_tester(generated: Path, qapp) -> None:
    """The plan tree model over a loaded (compacted) tree: Qt's model tester walks every
    node (a failure is a Qt warning: the test fails), each node's rows are its children."""
    from PySide6.QtTest import QAbstractItemModelTester

    from desktop.models.qt.plan_tree_model import PlanTreeModel

    store = Store.open(generated)
    try:
        tree, _parents = load_tree(store.db)
        assert None in tree._children  # (compacted)
        model = PlanTreeModel()
        tester = QAbstractItemModelTester(  # noqa: F841 - kept alive for the test
            model, QAbstractItemModelTester.FailureReportingMode.Warning
        )
        model.set_tree(tree, db=store.db)
        stack, seen = [QModelIndex()], 0
        while stack:
            parent = stack.pop()
            node = parent.internalId() if parent.isValid() else 0
            rows = model.rowCount(parent)
            assert rows == len(tree.children[node])
            for row in range(rows):
                index = model.index(row, 0, parent)
                assert index.internalId() == tree.children[node][row] and index.parent() == parent
                stack.append(index)
                seen += 1
        assert seen == len(tree.children) - 1
    finally:
        store.close()
