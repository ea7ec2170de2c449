"""The status pass over compact rows (the rules are in ``desktop.models.status``).

A pass decides each milestone's status code (per distinct date, each date's code
found once), each task's and item's worst code and each task's milestones by one loop
over the rows (``_per_task``), and propagates risk over
the dependencies reading the rows directly. No state object is built while it runs:
the snapshot's ``milestones`` / ``items`` / ``tasks`` are ``LazyStates`` that build a
``MilestoneState`` / ``NodeState`` from those codes, the rows and the risk lists when
a reader first asks for it (most readers ask for a few): ``status_kept.PassTables``,
which keeps them as columns when the snapshot is kept long.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from datetime import date
from itertools import compress
from operator import itemgetter, not_
from typing import Any

from desktop.models import status as st
from desktop.models.cancellation import CHECK_EVERY, CancelCheck, check, chunks
from desktop.models.status_columns import ItemPlaces
from desktop.models.status_graph import find_cycles
from desktop.models.status_kept import PassTables
from desktop.models.status_ranking import HeldUp, Reach, rank_blocking
from desktop.models.status_rules import schedule_of

NodeKey = st.NodeKey
_ID = itemgetter(0)
# A root's flagged nodes scanned up to this many (most flag one or two), then in a set.
_SCAN = 16


def _apart(title: str) -> str:
    """An equal string that is another object, made now: a root milestone's title kept
    by its risk causes, not the row's (17,000 roots at 100k tasks held their rows' title
    strings, scattered among the 200,000 freed with the rows when the status cache keeps
    them as columns: each pymalloc pool of 96-byte blocks they sat in stayed ~10 %
    used, ~20 MB of the process). Only for that pass (``held_up``): another keeps its
    rows as long as its causes (17,000 copies at 100k, ~2 ms)."""
    return "".join((title, "")) if title else title


def _per_task(
    rows: list[tuple],
    extended: dict[str, str],
    open_code: dict[Any, int],
    new_day: Callable[[str], int],
) -> tuple[list[int], dict[str, tuple[str, ...]], dict[str, int], dict[str, int], dict[str, int]]:
    """(each row's status code, each task's milestones in row order, each task's worst
    code, each item's worst code of its own milestones, each task's worst code of its
    task-level milestones (without an item)), by one loop over the milestone rows (id,
    task id, item id, title, due, owner, done date). A row's code: 0 done, else the open
    code of its effective due (``extended``'s, else its due), from ``open_code``, or
    ``new_day(due)``'s for a due met the first time (a done one's too: it adds the due's
    days and code). A task id None or "" gets no code (a task-level milestone's item:
    None or ""). One loop in Python, not the three dicts filled in C code by code (a
    dict per node filled three times at 100k waited on memory: the same key's entries
    are at hand here), nor the codes made by three ``map``s over the rows first (each a
    pass over 200,000 rows at 100k tasks: ~30 ms more). Each task's milestones a tuple
    once they are all met: a list's separate array of pointers freed, ~2 MB of 66,666
    tasks' at 100k tasks held through the pass (the tuples take the lists' freed
    blocks)."""
    codes: list[int] = []
    add_code = codes.append
    task_ms: dict[Any, Any] = {}
    task_code: dict[Any, int] = {}
    own_code: dict[str, int] = {}
    level_code: dict[Any, int] = {}
    task_ms_get, own_get, level_get = task_ms.get, own_code.get, level_code.get
    code_get, extended_get, any_extended = open_code.get, extended.get, bool(extended)
    for ms_id, task_id, item_id, _title, due, _owner, done in rows:
        if any_extended:
            due = extended_get(ms_id, due)
        code = code_get(due)
        if code is None:
            code = new_day(due)
        if done:
            code = 0
        add_code(code)
        found = task_ms_get(task_id)
        if found is None:
            task_ms[task_id] = [ms_id]
            task_code[task_id] = code
        else:
            found.append(ms_id)
            if code > task_code[task_id]:
                task_code[task_id] = code
        if item_id:
            if code > own_get(item_id, -1):
                own_code[item_id] = code
        elif code > level_get(task_id, -1):
            level_code[task_id] = code
    for codes_of in (task_code, level_code):
        codes_of.pop(None, None)
        codes_of.pop("", None)
    for task_id, found in task_ms.items():  # (in place: each list freed as it goes)
        task_ms[task_id] = tuple(found)
    return codes, task_ms, task_code, own_code, level_code


def compute_pass(
    inputs: st.StatusInputs,
    today: date,
    window_days: int,
    cancelled: CancelCheck | None,
    held_up: bool = False,
) -> st.StatusSnapshot:
    """``status.compute``'s pass; ``held_up``: each root's unit and held-up tasks kept on
    the snapshot (for the status cache's ``Tally``), and each dependency's ends' tasks
    (for its links); the roots' titles then the pass's own (``_apart``: the status
    cache's full pass, whose rows ``keep_compact`` frees), else the rows'."""
    today_ord = today.toordinal()
    today_iso = today.isoformat()
    rows = inputs.milestones
    row_of = dict(zip(map(_ID, rows), rows, strict=True))
    # the effective due: the extended one (``milestone.current_due``), else ``due``
    extended = {ms_id: due for ms_id, due in inputs.current_due.items() if due}
    # per distinct effective due: (days left, the code of an open milestone due then),
    # and that code (a done milestone's is 0), each added as the rows meet it
    day_info: dict[str, tuple[int, int]] = {}
    open_code: dict[str | None, int] = {None: 1, "": 1}  # not scheduled

    def new_day(iso: str) -> int:
        info = day_info[iso] = st._day_info(iso, today_ord, window_days)
        open_code[iso] = info[1]
        return info[1]

    check(cancelled)
    codes, task_ms, task_code, own_code, level_code = _per_task(rows, extended, open_code, new_day)
    check(cancelled)
    tasks, items = inputs.tasks, inputs.items
    # membership in C (a column's keys are its index's own view)
    known_task, known_item = tasks.keys().__contains__, items.keys().__contains__
    # an item's task (without its (task, position) tuple when the items are columns)
    item_task: Callable[[str], str] = (
        items.task_of if isinstance(items, ItemPlaces) else lambda item_id: items[item_id][0]
    )
    closed_tasks, closed_items = inputs.closed_tasks, inputs.closed_items

    def item_code(item_id: str, task_id: str) -> int:
        """The worst code of an item's own and its task's task-level milestones, -1
        without any."""
        own, level = own_code.get(item_id, -1), level_code.get(task_id, -1)
        return own if own > level else level

    def item_milestones(item_id: str) -> list[str]:
        """The item's own milestones, then its task's task-level ones."""
        task_id = item_task(item_id)
        found = task_ms.get(task_id)
        if not found:
            return []
        own = [m for m in found if row_of[m][2] == item_id]
        return own + [m for m in found if not row_of[m][2]]

    # done or awaiting sign-off: approved, or every milestone done
    finished_tasks = closed_tasks.union(compress(task_code, map(not_, task_code.values())))
    schedule = schedule_of(inputs, finished_tasks, today)
    check(cancelled)
    # every effective due's ordinal (an open milestone's start read from it inline);
    # ``ordinal`` adds the other dates (done ones) as it meets them
    day_ordinal = {iso: left + today_ord for iso, (left, _code) in day_info.items()}
    ordinal = st._Dates(day_ordinal)

    def node_ids(key: NodeKey) -> Sequence[str]:
        kind, rid = key
        if kind == "milestone":
            return [rid] if rid in row_of else []
        if kind == "task":
            return task_ms.get(rid, ()) if known_task(rid) else ()
        return item_milestones(rid) if known_item(rid) else []

    extended_get = extended.get

    def code_at(ms_id: str) -> int | None:
        """A milestone's status code (its row's in ``codes``), None for an unknown one:
        0 done, else its effective due's open code (1 or more). Read from its row: no
        dict of 200,000 codes built, and a done check is its row's done date."""
        row = row_of.get(ms_id)
        if row is None:
            return None
        return 0 if row[6] else open_code[extended_get(ms_id) or row[4]]

    def is_done(key: NodeKey) -> bool:
        """Every milestone of the node done (and it has one): its worst code is 0."""
        kind, rid = key
        if kind == "milestone":
            return code_at(rid) == 0
        if kind == "task":
            return known_task(rid) and task_code.get(rid) == 0
        return known_item(rid) and item_code(rid, item_task(rid)) == 0

    def eff_of(ms_id: str) -> str | None:
        return extended.get(ms_id) or row_of[ms_id][4]

    def pred_info(key: NodeKey) -> tuple[str | None, str, int] | None:
        """None without milestones; else (root id, reason, finish ordinal): the earliest
        overdue milestone, else the last to finish (a done one at its actual date: a
        late finish still pushes the successor), else (None, "", 0)."""
        kind, rid = key
        if kind == "milestone":  # (most dependency ends: no lists)
            row = row_of.get(rid)
            if row is None:
                return None
            if code_at(rid) == 4:
                return rid, "overdue", 0
            finish = row[6] or extended.get(rid) or row[4]
            return (rid, "slip", ordinal(finish)) if finish else (None, "", 0)
        found = node_ids(key)
        if not found:
            return None
        overdue = [(eff_of(m), m) for m in found if code_at(m) == 4]
        if overdue:
            return min(overdue)[1], "overdue", 0
        dated = [(d, m) for m in found if (d := row_of[m][6] or eff_of(m))]
        if not dated:
            return None, "", 0
        finish, last = max(dated)
        return last, "slip", ordinal(finish)

    def start_of(key: NodeKey) -> int | None:
        """The earliest effective due of the node's open milestones."""
        kind, rid = key
        if kind == "milestone":
            if not code_at(rid):  # unknown or done
                return None
            due = extended.get(rid) or row_of[rid][4]
            return ordinal(due) if due else None
        days = [ordinal(d) for m in node_ids(key) if code_at(m) and (d := eff_of(m))]
        return min(days) if days else None

    item_unit_get, task_unit_get = inputs.item_unit.get, inputs.task_unit.get

    def unit_of(row: tuple) -> str | None:
        """A milestone's unit: its owner, else its item's lead unit, else its task's."""
        _id, task_id, item_id, _title, _due, owner, _done = row
        return owner or (item_unit_get(item_id) if item_id else None) or task_unit_get(task_id)

    end_tasks: list[list[str | None]] | None = [] if held_up else None
    cycle_paths, in_cycle = find_cycles(
        inputs,
        task_milestones=lambda task_id: [(m, row_of[m][2]) for m in task_ms.get(task_id, ())],
        milestone_rows=row_of,
        end_tasks=end_tasks,
    )
    # Direct causes on each dependency edge (none on an edge inside a cycle).
    out_edges: dict[NodeKey, list[NodeKey]] = defaultdict(list)
    queue: deque[tuple[NodeKey, st.RiskCause]] = deque()
    unit_names = inputs.unit_names
    as_pred: dict[NodeKey, tuple[str | None, str, int] | None] = {}
    starts: dict[str, int | None] = {}  # a task successor's start
    as_start: dict[NodeKey, int | None] = {}  # another successor's
    row_get, day_ordinal_get = row_of.get, day_ordinal.get
    task_code_get, task_ms_get = task_code.get, task_ms.get
    # each root milestone's (title, unit, unit name): the same for every cause it roots
    root_facts: dict[str, tuple[str, str | None, str]] = {}
    for deps in chunks(inputs.dependencies, cancelled):
        for dep_id, pk, pid, sk, sid, lag in deps:
            if in_cycle and dep_id in in_cycle:  # (no id hashed without a cycle)
                continue
            pred, succ = (pk, pid), (sk, sid)
            out_edges[pred].append(succ)
            # (the ends' checks inline: ``is_done``, ``pred_info`` and ``start_of`` of a
            # milestone, ``is_done`` and ``start_of`` of a task give the same)
            # (a milestone's code is 0 when its row has a done date: every open code is 1+)
            if sk == "milestone":
                succ_row = row_get(sid)
                if succ_row is not None and succ_row[6]:  # done
                    continue
            elif sk == "task":
                if task_code_get(sid) == 0 and known_task(sid):
                    continue
            elif is_done(succ):
                continue
            if pk == "milestone":
                row = row_get(pid)
                if row is None:
                    continue
                due = extended_get(pid) or row[4]
                if not row[6] and open_code[due] == 4:  # code 4
                    root_id, reason, finish = pid, "overdue", 0
                else:
                    last = row[6] or due
                    if not last:
                        continue
                    root_id, reason, finish = pid, "slip", day_ordinal_get(last) or ordinal(last)
            else:
                if pred in as_pred:
                    holds_up = as_pred[pred]
                else:
                    holds_up = as_pred[pred] = pred_info(pred)
                if holds_up is None:
                    continue
                root_id, reason, finish = holds_up
                if root_id is None:
                    continue
            if reason == "slip":
                if sk == "milestone":
                    if succ_row is None:  # unknown (done ones were left above)
                        continue
                    due = extended_get(sid) or succ_row[4]
                    start = day_ordinal[due] if due else None
                elif sk == "task":
                    if sid in starts:
                        start = starts[sid]
                    else:  # the earliest effective due of its open milestones
                        found = task_ms_get(sid) if known_task(sid) else None
                        days = (
                            [
                                day_ordinal[d]
                                for m in found
                                if not (m_row := row_of[m])[6]
                                and (d := extended_get(m) or m_row[4])
                            ]
                            if found
                            else None
                        )
                        start = starts[sid] = min(days) if days else None
                elif succ in as_start:
                    start = as_start[succ]
                else:
                    start = as_start[succ] = start_of(succ)
                if start is None or finish + (lag or 0) <= start:
                    continue
            facts = root_facts.get(root_id)
            if facts is None:  # (a milestone predecessor is the root: its row in hand)
                root_row = row if pk == "milestone" and row is not None else row_of[root_id]
                unit = unit_of(root_row)
                title = _apart(root_row[3]) if held_up else root_row[3]
                facts = root_facts[root_id] = (title, unit, unit_names.get(unit or "", ""))
            cause = st.RiskCause.first(
                root_id, *facts, reason, None if pk == "milestone" else pred, succ
            )  # fmt: skip
            queue.append((succ, cause))

    def parents(key: NodeKey) -> list[NodeKey]:
        """Containment: a troubled milestone/item troubles its item/task too."""
        kind, rid = key
        if kind == "milestone":
            row = row_of.get(rid)
            if row is None:
                return []
            up = [("task", row[1])]
            return [("item", row[2]), *up] if row[2] else up
        if kind == "item" and known_item(rid):
            return [("task", item_task(rid))]
        return []

    def finished(key: NodeKey) -> bool | None:
        """None for an unknown node; else whether its status (after 办结) is done."""
        kind, rid = key
        if kind == "milestone":
            code = code_at(rid)
            return None if code is None else code == 0
        if kind == "task":
            return (rid in closed_tasks) if known_task(rid) else None
        if not known_item(rid):
            return None
        return rid in closed_items or item_task(rid) in closed_tasks

    risks: dict[NodeKey, list[st.RiskCause]] = {}
    # root id -> the nodes it flagged, in order: a list, not a set (18,000 roots at 100k
    # tasks, most flagging one or two nodes: 216 bytes a small set), read as ``Reach``
    reached: dict[str, list[NodeKey]] = {}
    # (a root reaching more than ``_SCAN`` nodes: a set beside its list, for this pass
    # only; a scan of a hub milestone's thousands of nodes would be quadratic)
    reached_sets: dict[str, set[NodeKey]] = {}
    popped = 0
    out_get = out_edges.get
    while queue:
        popped += 1
        if not popped % CHECK_EVERY:
            check(cancelled)
        key, cause = queue.popleft()
        kind, rid = key
        # (inline: ``finished`` and ``parents`` of a milestone, a task and an item)
        if kind == "milestone":
            ms_row = row_get(rid)
            if ms_row is None or ms_row[6]:  # unknown or done
                continue
            ups: list[NodeKey] | None = None
        elif kind == "task":
            if rid in closed_tasks or not known_task(rid):
                continue
            ups = []
        elif kind == "item":
            if not known_item(rid):
                continue
            up_task = item_task(rid)
            if rid in closed_items or up_task in closed_tasks:
                continue
            ups = [("task", up_task)]
        elif finished(key) is not False:
            continue
        else:
            ups = parents(key)
        root_id = cause.root_milestone_id
        flagged = reached.get(root_id)
        if flagged is None:
            reached[root_id] = flagged = [key]
        elif len(flagged) < _SCAN:  # (a root's few nodes: a scan)
            if key in flagged:
                continue
            flagged.append(key)
        else:
            seen = reached_sets.get(root_id)
            if seen is None:
                seen = reached_sets[root_id] = set(flagged)
            if key in seen:
                continue
            seen.add(key)
            flagged.append(key)
        if key in risks:
            risks[key].append(cause)
        else:
            risks[key] = [cause]
        if ups is None:
            row = row_of[rid]
            if row[2]:
                item = ("item", row[2])
                queue.append((item, cause.onto(item)))
            task = ("task", row[1])
            queue.append((task, cause.onto(task)))
        else:
            for parent in ups:
                queue.append((parent, cause.onto(parent)))
        for succ in out_get(key, ()):
            succ_kind = succ[0]
            if succ_kind == "milestone":
                succ_row = row_get(succ[1])
                if succ_row is not None and succ_row[6]:  # done
                    continue
            elif succ_kind == "task":
                if task_code_get(succ[1]) == 0 and known_task(succ[1]):
                    continue
            elif is_done(succ):
                continue
            queue.append((succ, cause.onto(succ)))
    # the propagation's own tables (~6 MiB at 100k tasks) freed before the ranking: the
    # pass's memory is at its top there
    del out_edges, out_get, as_pred, as_start, starts

    # what the states are built from (``status_kept.keep_compact``: columns)
    kept = PassTables.of(
        inputs, today_iso, row_of, codes, extended, day_info, task_ms,
        (task_code, own_code, level_code), schedule, risks,
    )  # fmt: skip
    milestones, item_states, task_states = kept.states()

    def root_unit(root_id: str) -> str | None:
        facts = root_facts.get(root_id)
        return unit_of(row_of[root_id]) if facts is None else facts[1]

    held = HeldUp() if held_up else None
    blocking = rank_blocking(
        reached, milestones, item_states, unit_names,
        milestone_rows=row_of, item_places=items, unit_of=root_unit, held_up=held,
    )  # fmt: skip
    return st.StatusSnapshot(
        today, window_days, milestones, item_states, task_states, blocking, inputs, cycle_paths,
        in_cycle, Reach(reached), held, (end_tasks[0], end_tasks[1]) if end_tasks else None,
    )  # fmt: skip
