"""The plan tree's node table kept small once built (``TreeData.compact``, issue 14):
the plans' and sections' labels and tooltips packed (no string object each), the
positions and places in 2 bytes when they fit; every column reads and searches as the
lists it was, and an add after ``compact`` widens what it needs (no overflow).
"""

from __future__ import annotations

import gc

import pytest

from desktop.models.packed_strings import PackedStrings
from desktop.models.qt.plan_tree_model import TreeData

#: Sections under the first plan: more than a packed run (``PackedStrings.RUN``).
SECTIONS = 2 * PackedStrings.RUN + 10


def _fields(tree: TreeData) -> tuple[object, ...]:
    return (
        list(tree.kinds),
        list(tree.ids),
        list(tree.labels),
        list(tree.tooltips),
        list(tree.parents),
        list(tree.rows),
        bytes(tree.levels),
        [list(children) for children in tree.children],
    )


def _build(tree: TreeData) -> None:
    """Plans and sections of every kind of label and tooltip: an empty title, a
    character outside the BMP, a plan without a document number (no tooltip)."""
    plan = tree.add("plan", "p1", "计划", 0, "计划\n文号")
    for n in range(SECTIONS):
        section = tree.add("section", f"s{n}", f"{n}、章节𠀀" if n % 97 == 0 else f"{n}、章节", plan,
                           level=1 + n % 2)  # fmt: skip
        if n % 50 == 0:
            tree.add_tasks([10_000 + n, 20_000 + n], [section, section])
    untitled = tree.add("plan", "p2", "", 0)  # an empty title: its label "", no tooltip
    tree.add("section", "t1", "一、", untitled, level=1)
    tree.add_tasks([7], [untitled])


def _strings_kept(tree: TreeData) -> int:
    """String objects the tree keeps but its ids (shared with the matrix index)."""
    seen: set[int] = {id(tree._ids)}
    stack = [value for name, value in vars(tree).items() if name != "_ids"]
    count = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (TreeData, type)):
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            count += 1
        else:
            stack.extend(gc.get_referents(obj))
    return count


def test_a_compacted_tree_keeps_labels_and_tooltips_packed_and_reads_them_as_given() -> None:
    compacted, plain = TreeData(), TreeData()
    for tree in (compacted, plain):
        _build(tree)
    compacted.compact()
    assert _fields(compacted) == _fields(plain)
    assert compacted.tooltips[0] == "" and compacted.tooltips[2] is None  # the root's, a section's
    assert compacted.labels[len(plain.kinds) - 3] == ""  # the untitled plan's
    # (the last, unfilled run of each packed column kept as its strings)
    assert _strings_kept(compacted) < 100 < SECTIONS <= _strings_kept(plain)
    for name in ("labels", "tooltips"):
        column, listed = getattr(compacted, name), list(getattr(plain, name))
        assert [column[n] for n in range(len(listed))] == listed
        assert column[-3:] == listed[-3:] and column[5:2000:37] == listed[5:2000:37]
        for value in ("", None, "计划\n文号", "97、章节𠀀", f"{SECTIONS - 1}、章节", "no such"):
            for start in (0, 1, 5, len(listed) - 4):
                if value in listed[start:]:
                    assert column.index(value, start) == listed.index(value, start), (name, value)
                else:
                    with pytest.raises(ValueError):
                        column.index(value, start)
    # an add after ``compact``: the same adds give the same tree
    for tree in (compacted, plain):
        tree.add("section", "s-new", "新章节", 1, level=1)
        tree.add("plan", "p3", "计划三", 0, "计划三\n文号三")
        tree.add("task", 99, None, 1)  # (a task added one by one: its label None)
    assert _fields(compacted) == _fields(plain)
    assert compacted.labels[-1] is None and compacted.labels[-2] == "计划三"
    compacted.compact()
    assert _fields(compacted) == _fields(plain)


def test_positions_and_places_kept_narrow_and_widened_by_a_later_add() -> None:
    compacted, plain = TreeData(), TreeData()
    for tree in (compacted, plain):
        _build(tree)
    compacted.compact()
    assert compacted.rows.itemsize == compacted.places.itemsize == 2
    assert compacted.rowids.itemsize <= 4
    many = 40_000  # more siblings than 2 bytes hold, and a rowid past 4 bytes
    for tree in (compacted, plain):
        tree.add_tasks([*range(1, many), 2**40], [1] * many)
    assert _fields(compacted) == _fields(plain)
    assert compacted.rows[-1] == len(plain.children[1]) - 1 > 2**15
    assert compacted.ids[-1] == 2**40
