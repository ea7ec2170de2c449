"""The unit workspace (工作台) and the dashboard (总览): what they show, from one snapshot."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain, compress, repeat
from operator import gt, itemgetter
from typing import Any

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.lazy_sequence import SortedStates
from desktop.models.report_queries import REPORTING_ROLES
from desktop.models.status_queries import compute_status
from desktop.models.status_tables import values_for, values_list, values_of

_ITEM_AND_UNIT = itemgetter(0, 1)  # of a kept (item id, unit id, role, position) row
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def unit_workspace(
    db: Database,
    unit_id: str,
    today: date | None = None,
    snapshot: st.StatusSnapshot | None = None,
    *,
    next_limit: int = 10,
) -> dict[str, Any]:
    """What a unit leads / supports / is responsible for (items with status and
    risks), its next and overdue milestones, what it blocks and who blocks it."""
    from desktop.models.queries import unit_assignments

    snap = snapshot or compute_status(db, today)
    roles: dict[str, list[dict[str, Any]]] = {"lead": [], "support": [], "responsible": []}
    mine_items: set[str] = set()
    for row in unit_assignments(db, unit_id):
        if row["task_id"] not in snap.tasks:  # archived: no longer to be worked on
            continue
        node = snap.items.get(row["item_id"])
        row["status"] = node.status if node else st.NOT_SCHEDULED
        row["risks"] = node.risks if node else []
        row["label"] = snap.label(("item", row["item_id"]))
        roles[row["role"]].append(row)
        if row["role"] in REPORTING_ROLES:
            mine_items.add(row["item_id"])
    own = [
        m
        for m in snap.milestones.values()
        if m.unit_id == unit_id or (m.item_id is not None and m.item_id in mine_items)
    ]
    open_ms = [m for m in own if m.status not in (st.DONE, st.NOT_SCHEDULED)]
    due_next = sorted(
        (m for m in open_ms if m.status != st.OVERDUE), key=lambda m: (m.effective_due, m.id)
    )[:next_limit]
    overdue = sorted(
        (m for m in open_ms if m.status == st.OVERDUE), key=lambda m: m.effective_due or ""
    )
    blocking: list[tuple[tuple[str, str], st.RiskCause]] = []
    tables: dict[str, Mapping[str, st.MilestoneState | st.NodeState]] = {
        "task": snap.tasks, "milestone": snap.milestones
    }  # fmt: skip
    for kind, table in tables.items():
        for rid, state in table.items():
            for cause in state.risks:
                if cause.root_unit_id == unit_id:
                    blocking.append(((kind, rid), cause))
    blocked_by: dict[str, st.RiskCause] = {}
    for rows in roles.values():
        for row in rows:
            for cause in row["risks"]:
                blocked_by.setdefault(cause.root_milestone_id, cause)
    return {
        "unit_id": unit_id,
        "roles": roles,
        "due_next": due_next,
        "overdue": overdue,
        "blocking": blocking,
        "blocked_by": list(blocked_by.values()),
        "snapshot": snap,
    }


def dashboard(
    db: Database,
    today: date | None = None,
    window_days: int = st.DEFAULT_WINDOW_DAYS,
    snapshot: st.StatusSnapshot | None = None,
    *,
    task_section: tuple[Iterable[str], Sequence[str | None]] | None = None,
    item_units: tuple[Iterable[str], Sequence[Sequence[str]]] | None = None,
    at_risk: list[tuple[str, Any]] | None = None,
) -> dict[str, Any]:
    """Counts of task statuses per section and of item statuses per lead unit,
    the overdue milestones, the at-risk tasks, the blocking ranking and the
    dependency cycles (``cycles``: labels such as "任务8 → 任务10 → 任务8").

    ``task_section`` (every task id, in the task table's order for those with a
    status, and each one's section, in the same order) and ``item_units`` (work item
    ids and each one's lead and responsible units, each once), ``at_risk``
    (``at_risk_tasks``): what the caller read already (``dashboard_delta``, the maps
    as its kept slots), else read here."""
    snap = snapshot or compute_status(db, today, window_days)
    if task_section is None:
        rows = db.execute("SELECT id, section_id FROM task").fetchall()
        task_section = list(map(_FIRST, rows)), list(map(_SECOND, rows))
        del rows
    # statuses read without building every state (a full pass builds them when read);
    # counted in C (``Counter`` over zipped columns), a section in the order of its
    # first task with a status (an archived task has none)
    tasks, section_of = task_section
    statuses = values_for(snap.tasks, "status", tasks)
    counted = Counter(zip(section_of, statuses, strict=True))
    by_section: dict[str | None, Any] = dict.fromkeys(compress(section_of, statuses))
    # (each column let go once counted: the sections' rows below and the milestones'
    # lists come on top of what is held then, the overview's peak at 100k tasks)
    del task_section, tasks, section_of, statuses
    same: dict[tuple[int, ...], tuple[int, ...]] = {}  # (most sections share their counts)
    # each counted section's entry made as its row is read (not a table of every
    # section's fields first: at 100k tasks 14,000 tuples and their fetched ids, ~3 MB);
    # one string per parent id, number and title (the sections keep theirs: 14,000
    # sections of a few distinct numbers and titles, ~1.9 MB as a string each); each
    # section's plan, "" with one plan loaded (``section_plans``)
    parents: dict[Any, Any] = {}
    one = parents.setdefault
    plan_of = section_plans(db)
    for section_id, no, title, level, parent, plan in db.execute(
        "SELECT id, no, title, level, parent_id, plan_id FROM section"
    ):
        if section_id in by_section:
            by_section[section_id] = SectionEntry(
                one(no, no), one(title, title), level, one(parent, parent) if parent else parent,
                plan_of(plan), _counts(counted, section_id, same),
            )  # fmt: skip
    no, title, level, parent, plan = NO_SECTION
    for section_id, entry in by_section.items():
        if entry is None:  # the tasks without a section (or of one not found)
            by_section[section_id] = SectionEntry(
                no, title, level, parent, plan, _counts(counted, section_id, same)
            )
    del counted, same, parents
    names = dict(db.execute("SELECT id, name FROM unit").fetchall())
    if item_units is None:
        # each (item, unit) once: a scan of the table and a dict (DISTINCT read the table
        # in the order of an index, ~3x slower); the same rows in the same order as the
        # full pass read them for a reporting round, when it kept them
        kept = snap.inputs.round_rows
        kept_items = [] if kept is None else list(map(_FIRST, kept.assignments))
        if kept is not None and len(set(kept_items)) == len(kept_items):
            # one row per item (the usual single lead unit): the pairs are the rows'
            # own, each once, in their order (no pair tuple made and hashed)
            unit_of = list(map(_SECOND, kept.assignments))
            statuses = values_for(snap.items, "status", kept_items)
        else:
            rows = list(dict.fromkeys(
                map(_ITEM_AND_UNIT, kept.assignments) if kept is not None else db.execute(
                    "SELECT item_id, unit_id FROM assignment"
                    " WHERE role IN ('lead', 'responsible')"
                )
            ))  # fmt: skip
            unit_of = [unit_id for _item_id, unit_id in rows]
            statuses = values_for(snap.items, "status", [item_id for item_id, _u in rows])
            del rows
        del kept_items
        pairs = zip(unit_of, statuses, strict=True)
        del unit_of
    else:
        items, units_of = item_units
        statuses = values_for(snap.items, "status", items)
        # each unit beside its item's status, in C (not a list of every unit and one of
        # every status: at 100k tasks 2 MB of the overview's peak)
        pairs = zip(
            chain.from_iterable(units_of),
            chain.from_iterable(map(repeat, statuses, map(len, units_of))),
            strict=True,
        )
        del item_units, items, units_of
    counted = Counter(pairs)
    del pairs, statuses
    # the units in the order of their first item with a status (that of their first
    # (unit, status) pair with one)
    by_unit = {
        unit_id: {"name": names.get(unit_id, "")}
        for unit_id in dict.fromkeys(unit_id for unit_id, status in counted if status)
    }
    _count_into(by_unit, counted)
    del counted
    milestones = snap.milestones
    # (the ids chosen over the columns in C, in key order: no dict per field, a byte per
    # milestone; no state built: each list holds its sorted keys, a state read from the
    # snapshot when an item is read)
    is_overdue = bytearray(map(st.OVERDUE.__eq__, values_list(milestones, "status")))
    # (effective due, id); the late ones (original due or "", id): ``dashboard_delta``'s keys
    overdue = SortedStates(_sorted_keys(milestones, is_overdue, "effective_due", None), milestones)
    # ``status_queries.late_against_original``, with the statuses read above
    is_late = bytearray(map(gt, values_list(milestones, "late_vs_original"), is_overdue))
    late = SortedStates(_sorted_keys(milestones, is_late, "original_due", ""), milestones)
    del is_overdue, is_late
    if at_risk is None:
        at_risk = at_risk_tasks(snap)
    return {
        "by_section": by_section,
        "by_unit": by_unit,
        "overdue": overdue,
        "late_vs_original": late,
        "at_risk": at_risk,
        "blocking": snap.blocking,
        "cycles": snap.cycles,
        "snapshot": snap,
    }


def at_risk_tasks(snap: st.StatusSnapshot) -> list[tuple[str, Any]]:
    """``snap.at_risk("task")`` with each task's risks, (task id, risks) in the tasks'
    order, read without building a state (through a dict of every task's risks: at
    100k tasks 3.7 MB, ~5.5 MB while it grows)."""
    task_risks = values_of(snap.tasks, "risks")
    return list(compress(task_risks.items(), task_risks.values()))


def _sorted_keys(
    milestones: Mapping[str, Any], chosen: bytearray, name: str, blank: Any
) -> list[tuple[Any, str]]:
    """(the field ``name`` or ``blank``, id) of the milestones ``chosen`` (a byte per
    milestone, in key order), sorted: read from the columns, no state built; one string
    per date (a few hundred dates)."""
    dues = compress(values_list(milestones, name), chosen)
    one: dict[Any, Any] = {}
    return sorted(
        zip(
            [one.setdefault(due, due if blank is None else due or blank) for due in dues],
            compress(milestones, chosen),
            strict=True,
        )
    )


#: (no, title, level, parent id, plan) of the tasks without a section
NO_SECTION: tuple[Any, ...] = ("", "（无章节）", 0, None, "")


def section_plans(db: Database) -> Callable[[str | None], str]:
    """``plan id -> the plan's 发文字号`` (its title without one) to name beside a
    section when several plans are loaded (their sections are often named alike:
    "二、主要任务"), "" for every plan when one is (a ``get`` with that default)."""
    from desktop.models.coordination_queries import plan_prefixes

    named = {plan: prefix.strip() for plan, prefix in plan_prefixes(db).items()}
    return lambda plan_id: named.get(plan_id or "", "")


class SectionEntry(Mapping[str, Any]):
    """A section of ``dashboard``'s ``by_section``: reads as the dict ``{"no", "title",
    "level", "parent_id", "plan", "counts"}`` it stands for (equal to it), ``"counts"``
    a new dict (every status → its count) each read; ``"plan"``: ``section_plans``'.
    Its fields in slots, its counts one tuple shared with every section of the same
    counts: a dict and a counts dict per section were ~9.9 MB at 12,000 sections (100k
    tasks)."""

    __slots__ = ("_no", "_title", "_level", "_parent_id", "_plan", "_counts")

    KEYS = ("no", "title", "level", "parent_id", "plan", "counts")

    def __init__(
        self,
        no: Any,
        title: str,
        level: int,
        parent_id: str | None,
        plan: str,
        counts: tuple[int, ...],
    ) -> None:
        if len(counts) != len(st.STATUSES):
            raise ValueError("a count for every status")
        self._no, self._title, self._level, self._parent_id = no, title, level, parent_id
        self._plan, self._counts = plan, counts

    def __getitem__(self, key: str) -> Any:
        if key == "counts":
            return dict(zip(st.STATUSES, self._counts, strict=True))
        if key == "title":
            return self._title
        if key == "no":
            return self._no
        if key == "level":
            return self._level
        if key == "parent_id":
            return self._parent_id
        if key == "plan":
            return self._plan
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.KEYS)

    def __len__(self) -> int:
        return len(self.KEYS)

    def __repr__(self) -> str:
        return f"SectionEntry({dict(self)!r})"


def _counts(
    counted: Counter, key: Any, same: dict[tuple[int, ...], tuple[int, ...]]
) -> tuple[int, ...]:
    """The ``(key, status)`` counts of every status, one tuple for equal counts (``same``)."""
    counts = tuple([counted[key, status] for status in st.STATUSES])
    return same.setdefault(counts, counts)


def _count_into(entries: dict[Any, dict[str, Any]], counted: Counter) -> None:
    """Each entry's ``counts`` (every status, 0 when none) from ``(key, status)`` counts."""
    for key, entry in entries.items():
        entry["counts"] = {status: counted[key, status] for status in st.STATUSES}
