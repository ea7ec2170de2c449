"""``RiskCause`` kept compact answers as the dataclass it was.

``desktop.models.status_cause.RiskCause`` holds a shared tuple of the root's facts and a
link to the cause it was carried from; the former dataclass
(``tests/helpers/risk_cause_reference.py``) held every field and the whole ``via``
path. Compared: fields, ``via``, equality, ``repr``, copies and pickles of single causes
and chains, and every node's causes (and their ``chain_text``) of the status pass
against the straightforward pass building former causes, on generated graphs with deep
chains, diamonds, cycles, done milestones, 办结 tasks and items, and dependencies to
archived (unloaded) tasks and deleted milestones. What the causes link to is freed by
reference counts alone (the status cache's collector is paused and frozen).
"""

from __future__ import annotations

import copy
import gc
import pickle
import sys
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from desktop.models import status as st
from desktop.models.status_cause import RiskCause
from tests.helpers import risk_cause_reference as former_cause
from tests.helpers.status_inputs_drawn import UNITS, draw_links_and_closed, draw_tasks_and_items
from tests.helpers.status_reference import reference_compute

TODAY = date(2026, 11, 29)
DAYS = [None, *((TODAY + timedelta(days=d)).isoformat() for d in (-30, -1, 0, 1, 14, 90))]
KINDS = ("task", "item", "milestone")
Former = former_cause.RiskCause


def as_former(cause: RiskCause) -> Former:
    return Former(
        cause.root_milestone_id, cause.root_title, cause.root_unit_id, cause.root_unit_name,
        cause.reason, cause.via,
    )  # fmt: skip


def assert_reads_as(cause: RiskCause, former: Former) -> None:
    """Every way a reader sees a cause: fields, via, equality, repr, copies."""
    assert as_former(cause) == former
    assert repr(cause) == repr(former)
    rebuilt = RiskCause(*(getattr(former, name) for name in RiskCause.__match_args__))
    assert cause == rebuilt and rebuilt == cause and (cause != rebuilt) is False
    for other in (copy.copy(cause), copy.deepcopy(cause), pickle.loads(pickle.dumps(cause))):
        assert other == cause and repr(other) == repr(former)
    assert cause != former and former != cause  # (another class: never equal)
    with pytest.raises(TypeError):
        hash(cause)  # (a dataclass comparing its fields has no hash)


keys = hs.tuples(hs.sampled_from(KINDS), hs.sampled_from(["m1", "m2", "t1", "i1", "x"]))


@settings(max_examples=200, deadline=None)
@given(
    root=hs.sampled_from(["m1", "m2"]),
    title=hs.sampled_from(["节点", ""]),
    unit=hs.sampled_from([None, "u1"]),
    name=hs.sampled_from(["", "市发改委"]),
    reason=hs.sampled_from(["overdue", "slip"]),
    head=hs.lists(keys, max_size=3),
    rooted=hs.booleans(),
    steps=hs.lists(keys, max_size=6),
)
def test_a_cause_and_the_causes_carried_from_it_read_as_the_dataclass(
    root: str,
    title: str,
    unit: str | None,
    name: str,
    reason: str,
    head: list[tuple[str, str]],
    rooted: bool,
    steps: list[tuple[str, str]],
) -> None:
    """Made with any path (the root's own key first or not, empty), or as the pass makes
    its first ones (``first``), then carried along ``steps``."""
    via = (("milestone", root), *head) if rooted else tuple(head)
    made = [
        (
            RiskCause(root, title, unit, name, reason, via),
            Former(root, title, unit, name, reason, via),
        )
    ]
    if head:
        facts = (root, title, unit, name, reason)
        pred = None if len(head) == 1 else head[0]
        first_via = (("milestone", root), *((pred,) if pred else ()), head[-1])
        made.append((RiskCause.first(*facts, pred, head[-1]), Former(*facts, first_via)))
    for cause, former in made:
        assert_reads_as(cause, former)
        for key in steps:
            cause, former = cause.onto(key), former.onto(key)
            assert_reads_as(cause, former)
    first, *others = [cause for cause, _former in made]
    for other in others:  # equal when their fields are, however made
        assert (first == other) == (as_former(first) == as_former(other))


def test_causes_differing_in_one_field_are_not_equal() -> None:
    fields = ["m1", "节点", "u1", "市发改委", "slip", (("milestone", "m1"), ("task", "t1"))]
    cause = RiskCause(*fields)  # type: ignore[arg-type]
    for n, other in enumerate(["m2", "节点2", None, "", "overdue", (("milestone", "m1"),)]):
        changed = [*fields[:n], other, *fields[n + 1 :]]
        assert cause != RiskCause(*changed)  # type: ignore[arg-type]
        assert (as_former(cause) == Former(*changed)) is False  # type: ignore[arg-type]
    carried = RiskCause.first(*fields[:5], None, ("task", "t1")).onto(("task", "t2"))  # type: ignore[arg-type]
    assert carried.via == (("milestone", "m1"), ("task", "t1"), ("task", "t2"))
    assert carried != cause and carried == RiskCause(*fields[:5], carried.via)  # type: ignore[arg-type]


@hs.composite
def deep_graphs(draw: hs.DrawFn) -> st.StatusInputs:
    """Tasks with items and milestones, a chain of dependencies through many of their
    nodes (deep paths), more edges (diamonds, cycles), ends that are not loaded."""
    inputs = st.StatusInputs()
    tasks, items = draw_tasks_and_items(draw, inputs, 24, 2)
    milestones: list[str] = []
    for n in range(draw(hs.integers(1, 40))):
        task_id = draw(hs.sampled_from(tasks))
        own = [i for i in items if inputs.items[i][0] == task_id]
        item_id = draw(hs.sampled_from([None, *own])) if own else None
        done = draw(hs.sampled_from([None, None, None, DAYS[1], DAYS[4]]))
        owner = draw(hs.sampled_from([None, None, *UNITS]))
        due = draw(hs.sampled_from(DAYS))
        inputs.milestones.append((f"m{n}", task_id, item_id, f"节点{n}", due, owner, done))
        milestones.append(f"m{n}")
        if due and draw(hs.booleans()):
            inputs.current_due[f"m{n}"] = draw(hs.sampled_from(DAYS[1:]))
    nodes = [("task", t) for t in tasks] + [("item", i) for i in items]
    nodes += [("milestone", m) for m in milestones]
    gone = [("task", "archived"), ("milestone", "deleted"), ("item", "archived-1")]
    chain = draw(hs.permutations(nodes))[: draw(hs.integers(0, len(nodes)))]
    edges = list(zip(chain, chain[1:], strict=False))
    for _ in range(draw(hs.integers(0, 12))):  # diamonds, cycles, unloaded ends
        edges.append((draw(hs.sampled_from(nodes + gone)), draw(hs.sampled_from(nodes + gone))))
    draw_links_and_closed(draw, inputs, edges, [None, 0, 3, -2, 60], tasks, items)
    return inputs


def assert_same_causes(snap: st.StatusSnapshot, reference: st.StatusSnapshot) -> int:
    """Each node's causes read as the reference's former ones; returns the longest path."""
    longest = 0
    tables = {"milestone": reference.milestones, "item": reference.items, "task": reference.tasks}
    for kind, table in tables.items():
        for rid, state in table.items():
            causes = list(snap.risks_of(kind, rid))
            node = snap.node((kind, rid))
            assert node is not None and list(node.risks) == causes
            assert [as_former(cause) for cause in causes] == list(state.risks), (kind, rid)
            for cause, former in zip(causes, state.risks, strict=True):
                assert repr(cause) == repr(former)
                assert snap.chain_text(cause) == reference.chain_text(former)
                longest = max(longest, len(cause.via))
    return longest


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=deep_graphs(), window=hs.sampled_from([0, 14]))
def test_the_pass_causes_read_as_the_former_dataclass(inputs: st.StatusInputs, window: int) -> None:
    snap = st.compute(inputs, TODAY, window)
    assert_same_causes(snap, reference_compute(inputs, TODAY, window, cause_type=Former))


def chain_inputs(depth: int) -> st.StatusInputs:
    """An overdue milestone holding up a chain of ``depth`` tasks (each one's milestone
    due later), with a diamond and a cycle on the way and a done task at the end (the
    tasks of the cycle have no milestone: held up by the chain, not by each other)."""
    inputs = st.StatusInputs()
    inputs.tasks = {f"t{n}": n + 1 for n in range(depth + 1)} | {"c1": 0, "c2": 0}  # c: a cycle
    inputs.items = {"t1-i0": ("t1", 0)}
    inputs.unit_names = {"u1": "市发改委"}
    for n in range(depth + 1):
        due = (TODAY + timedelta(days=n * 10 - 5)).isoformat()
        done = due if n == depth else None
        inputs.milestones.append(
            (f"m{n}", f"t{n}", "t1-i0" if n == 1 else None, f"节点{n}", due, "u1", done)
        )
    edges = [("milestone", "m0", "task", "t1")]
    edges += [("task", f"t{n}", "task", f"t{n + 1}") for n in range(1, depth)]
    edges += [("item", "t1-i0", "task", "t3")]  # a diamond
    edges += [
        ("task", "t2", "task", "c1"),
        ("task", "c1", "task", "c2"),
        ("task", "c2", "task", "c1"),
    ]
    edges += [("task", f"t{depth - 1}", "task", "archived")]
    inputs.dependencies = [(f"d{n}", *edge, 0) for n, edge in enumerate(edges)]
    return inputs


def test_a_deep_chain_reads_as_the_former_dataclass() -> None:
    inputs = chain_inputs(40)
    snap = st.compute(inputs, TODAY)
    reference = reference_compute(inputs, TODAY, st.DEFAULT_WINDOW_DAYS, cause_type=Former)
    assert assert_same_causes(snap, reference) >= 30
    assert snap.tasks["t30"].risks and not snap.tasks["t40"].risks  # (done: no risk)


@pytest.mark.parametrize("held_up", [False, True])
def test_a_pass_leaves_its_causes_to_reference_counts(held_up: bool) -> None:
    """With the collector off, a pass's causes (read through ``via``, carried further)
    are freed when the snapshot is: no reference cycle among them; the root's facts
    return to the count they had. The root's title: the status cache's full pass's
    (``held_up``) its own copy, another's the row's."""
    inputs = chain_inputs(30)
    gc.collect()
    gc.disable()
    try:
        snap = st.compute(inputs, TODAY, held_up=held_up)
        causes = [cause for state in snap.tasks.values() for cause in state.risks]
        assert len(causes) >= 29 and max(len(cause.via) for cause in causes) >= 30
        first = min(causes, key=lambda cause: len(cause.via))  # every other one's link
        title = first.root_title  # (held up: the pass's own copy, ``status_pass._apart``)
        row_title = next(row[3] for row in inputs.milestones if row[0] == first.root_milestone_id)
        assert title == row_title and (title is row_title) is not held_up
        before = sys.getrefcount(first), sys.getrefcount(title)
        further = [cause.onto(("task", "t0")) for cause in causes]
        assert sys.getrefcount(title) == before[1] + len(further)
        del further
        assert (sys.getrefcount(first), sys.getrefcount(title)) == before
        del snap, causes
        # nothing else holds them: here, ``first`` holding ``title``, the call's argument
        # (and the row and ``row_title`` when it is the row's)
        assert sys.getrefcount(first) == 2
        assert sys.getrefcount(title) == (3 if held_up else 5)
        assert gc.collect() == 0
    finally:
        gc.enable()
