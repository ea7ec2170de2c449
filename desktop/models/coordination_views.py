"""Read-only helpers for the coordination views (plain Python, no Qt).

Choices for the dialogs' pickers, and the timeline's rows built from a
``StatusSnapshot``. The Qt views call these (in a background job when slow).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from desktop.models import messages
from desktop.models import status as st
from desktop.models.arrow_index import ArrowIndex, same_rows
from desktop.models.cancellation import CancelCheck
from desktop.models.queries import short_title
from desktop.models.status_columns import index_behind
from desktop.models.status_merge import field_of
from desktop.models.status_tables import state_of, values_list
from desktop.models.task_titles import TaskTitles, titles_from_pass
from desktop.models.timeline_arrows import Arrow, Arrows
from desktop.models.timeline_rows import (  # noqa: F401 - the timeline's row types, here too
    TimelineMilestone,
    TimelineRows,
    TimelineTask,
    first_day,
)

if TYPE_CHECKING:
    from desktop.models.round_queries import RoundRows
    from desktop.models.status_cache import StatusCache

NodeKey = tuple[str, str]
_FIRST = itemgetter(0)
ROLE_ORDER = {"lead": 0, "responsible": 1, "support": 2}


def task_units(db: Database, task_id: str) -> list[tuple[str, str, str]]:
    """Units assigned to a task: (unit id, name, best role), lead first."""
    best: dict[str, tuple[int, int, str, str]] = {}
    for unit_id, name, role, position in db.execute(
        "SELECT u.id, u.name, a.role, i.position * 100 + a.position FROM assignment a"
        " JOIN item i ON i.id = a.item_id JOIN unit u ON u.id = a.unit_id"
        " WHERE i.task_id = ? AND u.kind != 'group'",
        [task_id],
    ):
        rank = (ROLE_ORDER.get(role, 3), position, name, role)
        if unit_id not in best or rank < best[unit_id]:
            best[unit_id] = rank
    ordered = sorted(best.items(), key=lambda kv: kv[1])
    return [(unit_id, rank[2], rank[3]) for unit_id, rank in ordered]


def task_items(db: Database, task_id: str) -> list[tuple[str, str]]:
    """Work items of a task with a short label, only when it has several."""
    rows = db.execute(
        "SELECT i.id, i.position, i.text, t.no FROM item i JOIN task t ON t.id = i.task_id"
        " WHERE i.task_id = ? ORDER BY i.position",
        [task_id],
    ).fetchall()
    if len(rows) < 2:
        return []
    return [(r[0], f"{r[3]}-{r[1] + 1} {short_title(r[2] or '', 30)}") for r in rows]


def all_units(db: Database) -> list[tuple[str, str]]:
    return [tuple(r) for r in db.execute("SELECT id, name FROM unit ORDER BY kind, name")]


def task_label(db: Database, task_id: str) -> str:
    row = db.execute("SELECT no, title FROM task WHERE id = ?", [task_id]).fetchone()
    return f"{row[0]} {row[1]}" if row else ""


def node_choices(db: Database, plan_id: str | None = None) -> list[tuple[str, NodeKey]]:
    """Tasks, work items (of multi-item tasks) and milestones, in plan order."""
    where, params = ("WHERE t.plan_id = ?", [plan_id]) if plan_id else ("", [])
    tasks = db.execute(
        f"SELECT t.id, t.no, t.title FROM task t JOIN plan p ON p.id = t.plan_id {where}"
        " ORDER BY p.imported_at, t.no",
        params,
    ).fetchall()
    items: dict[str, list[tuple[str, int, str]]] = {}
    for item_id, task_id, position, text in db.execute(
        "SELECT id, task_id, position, text FROM item ORDER BY task_id, position"
    ):
        items.setdefault(task_id, []).append((item_id, position, text or ""))
    milestones: dict[str, list[tuple[str, str, str | None]]] = {}
    for ms_id, task_id, title, due in db.execute(
        "SELECT id, task_id, title, due FROM milestone ORDER BY task_id, position, due"
    ):
        milestones.setdefault(task_id, []).append((ms_id, title, due))
    out: list[tuple[str, NodeKey]] = []
    for task_id, no, title in tasks:
        out.append((f"任务{no} {short_title(title, 28)}", ("task", task_id)))
        task_items_ = items.get(task_id, [])
        if len(task_items_) > 1:
            for item_id, position, text in task_items_:
                out.append(
                    (f"  任务{no}-{position + 1} {short_title(text, 24)}", ("item", item_id))
                )
        for ms_id, ms_title, due in milestones.get(task_id, []):
            out.append((f"  任务{no}“{ms_title}” {due or ''}".rstrip(), ("milestone", ms_id)))
    return out


# -- timeline --------------------------------------------------------------------------


@dataclass
class TimelineData:
    # the rows (``timeline_data`` keeps them as columns: ``TimelineRows``)
    tasks: Sequence[TimelineTask] = field(default_factory=list)
    # (pred row, pred day, succ row, succ day, at risk) (``timeline_data`` keeps them as
    # columns: ``Arrows``)
    arrows: Sequence[Arrow] = field(default_factory=list)
    today: int = field(default_factory=lambda: date.today().toordinal())
    first_day: int = 0
    last_day: int = 0
    # task id → its row; dependency id → its arrow (for the next pass to keep;
    # ``Arrows.by_dependency`` when the arrows are ``Arrows``)
    row_of: Mapping[str, int] = field(default_factory=dict, repr=False)
    arrow_of: Mapping[str, Arrow] = field(default_factory=dict, repr=False)
    # the rows' first and last day without today (None without rows): kept for the next pass
    span: tuple[int, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.first_day and not self.last_day:  # (no rows yet: today, not year 1)
            self.first_day = self.last_day = self.today

    @property
    def index(self) -> ArrowIndex | None:
        """The arrows by row (``ArrowIndex``), built by the overview's background job
        (``with_index``) so that the view's first paint need not; None: the view builds
        it. Not a field: equality and ``asdict`` read the rows and arrows only."""
        return self.__dict__.get("_index")

    @index.setter
    def index(self, index: ArrowIndex | None) -> None:
        self.__dict__["_index"] = index

    @property
    def moves(self) -> tuple[list[str], list[str]] | None:
        """How the arrows follow from those of the rows these were made from
        (``timeline_after``): (the dependencies whose arrows went, those whose arrows
        were appended, in order; every other arrow in its order with its rows), None
        when not known. Not a field either."""
        return self.__dict__.get("_moves")

    @moves.setter
    def moves(self, moves: tuple[list[str], list[str]] | None) -> None:
        self.__dict__["_moves"] = moves


def with_index(data: TimelineData, previous: TimelineData | None = None) -> TimelineData:
    """``data`` with its ``ArrowIndex`` (a background job's work: ~50 ms at 30,000
    arrows), from the ``previous`` rows' index when they have one (``updated``: the same
    tree, the arrows an edit added or re-routed beside it)."""
    if data.index is None and data.arrows:
        kept = previous.index if previous is not None else None
        if kept is not None and previous is not None:
            before, after = previous.arrows, data.arrows
            if (
                isinstance(before, Arrows)
                and isinstance(after, Arrows)
                and kept.size == len(before)
            ):  # (each arrow with its dependency)
                data.index = kept.updated(before, after, data.moves)
            elif same_rows(after, before):
                data.index = kept
        if data.index is None:
            data.index = ArrowIndex(data.arrows)
    return data


def task_titles(
    db: Database,
    known: Iterable[str] = (),
    kept: RoundRows | None = None,
    index: Mapping[str, int] | None = None,
) -> TaskTitles:
    """task id → (no, title), in plan order (``TaskTitles``: columns, not a tuple per
    task); the ids are the ``known`` strings when given (a snapshot's task ids: one
    string per id, as the window keeps both). ``kept``: a full pass's rows (the tasks'
    titles taken from them, ``titles_from_pass``). ``index``: the snapshot's task index
    (``index_behind``), through which the titles find an id (no sorted copy of them)."""
    if kept is not None and (found := titles_from_pass(db, kept.tasks, index)) is not None:
        return found
    same = {task_id: task_id for task_id in known}.get
    return TaskTitles(
        (
            (same(task_id, task_id), no, title)
            for task_id, no, title in db.execute(
                "SELECT t.id, t.no, t.title FROM task t JOIN plan p ON p.id = t.plan_id"
                " ORDER BY p.imported_at, t.no"
            )
        ),
        index,
    )


def _short(title: str) -> str:
    """A timeline row's title (in its label after the task's number)."""
    return short_title(title, 20)


def _timeline_task(
    snap: st.StatusSnapshot,
    names: Mapping[str, str],
    task_id: str,
    no: int,
    title: str,
    ordinals: dict[str, int],
) -> TimelineTask | None:
    """A task's timeline row; None without dated milestones. ``ordinals``: ISO date →
    its ordinal, filled as dates are met (the rows share one int per day)."""
    # (states built for the row are not kept by the snapshot: ``state_of``)
    node = state_of(snap.tasks, task_id)
    if node is None:
        return None
    marks: list[TimelineMilestone] = []
    for ms_id in node.milestone_ids:
        ms = state_of(snap.milestones, ms_id)
        shown = ms.done_date if ms.status == st.DONE else ms.effective_due
        if not shown:
            continue
        day = ordinals.get(shown)
        if day is None:
            day = ordinals[shown] = date.fromisoformat(shown).toordinal()
        original = None
        if ms.extended and ms.original_due and ms.original_due != ms.effective_due:
            original = ordinals.get(ms.original_due)
            if original is None:
                original = ordinals[ms.original_due] = date.fromisoformat(
                    ms.original_due
                ).toordinal()
        marks.append(
            TimelineMilestone(
                ms_id,
                ms.title,
                ms.status,
                day,
                original,
                names.get(ms.unit_id or "", ""),
                bool(ms.risks),
            )  # fmt: skip
        )
    if not marks:
        return None
    marks.sort(key=lambda m: m.day)
    risk = messages.risk_text(node.risks[0]) if node.risks else ""
    return TimelineTask(
        task_id, f"{no} {_short(title)}", node.status, marks[0].day, marks[-1].day,
        marks, risk,
    )  # fmt: skip


def timeline_data(
    db: Database,
    snap: st.StatusSnapshot,
    task_ids: set[str] | None = None,
    titles: Mapping[str, tuple[int, str]] | None = None,
) -> TimelineData:
    """Rows for the tasks with dated milestones (optionally only ``task_ids``).

    ``titles`` (task id → (no, title) in plan order, ``task_titles``) when the caller
    has them (``timeline_after`` keeps the rows of a previous call)."""
    titles = task_titles(db) if titles is None else titles
    names = snap.inputs.unit_names
    rows = TimelineRows()  # kept as columns: each row made when read
    data = TimelineData(today=snap.today.toordinal(), tasks=rows)
    # the days of the milestones an arrow ends at (not every milestone's: a dict of
    # 200,000 at 100k tasks was ~10 MB of the overview's peak)
    ends = {dep[2] for dep in snap.inputs.dependencies if dep[1] == "milestone"}
    ends.update(dep[4] for dep in snap.inputs.dependencies if dep[3] == "milestone")
    day_of_ms: dict[str, int] = {}
    ordinals: dict[str, int] = {}
    # the tasks without milestones are passed over without building their states (a
    # list of the column, not a dict by milestone id)
    dated = set(values_list(snap.milestones, "task_id"))
    for task_id, (no, title) in titles.items():  # dict keeps the plan order
        if task_ids is not None and task_id not in task_ids:
            continue
        if task_id not in dated:
            continue
        row = _timeline_task(snap, names, task_id, no, title, ordinals)
        if row is None:
            continue
        for mark in row.milestones:
            if mark.id in ends:
                day_of_ms[mark.id] = mark.day
        rows.add(no, _short(title), row)
    data.row_of = rows.positions()  # task id → its row
    # the arrows as columns (the window keeps ~30,000 at 100k tasks: as tuples ~4.8 MB)
    data.arrows = arrows = Arrows(
        (dep[0], arrow)
        for dep in snap.inputs.dependencies
        if (arrow := _arrow(snap, dep, data, day_of_ms)) is not None
    )
    data.arrow_of = arrows.by_dependency()
    _extent(data)
    return data


def _arrow(
    snap: st.StatusSnapshot,
    dep: tuple,
    data: TimelineData,
    day_of_ms: Mapping[str, int],
    places: Mapping[str, int] | None = None,
) -> Arrow | None:
    """A dependency's arrow (pred row, day, succ row, day, at risk), None when an end
    has no row. ``places``: the rows of some tasks (``data.row_of``'s), looked up first
    (``data.row_of`` finds a task by bisection among every row's id)."""
    _dep_id, pk, pid, sk, sid, _lag = dep
    row_of = data.row_of

    def row_at(task_id: str) -> int | None:
        if places is not None and (row := places.get(task_id)) is not None:
            return row
        return row_of.get(task_id)

    def endpoint(kind: str, rid: str, finish: bool) -> tuple[int, int] | None:
        if kind == "milestone":
            if rid not in day_of_ms:
                return None
            task_of = field_of(snap.milestones, rid, "task_id")  # (no state built)
            row = None if task_of is None else row_at(task_of)
            return None if row is None else (row, day_of_ms[rid])
        task_id = rid if kind == "task" else snap.inputs.items.get(rid, ("", 0))[0]
        row = row_at(task_id)
        if row is None:
            return None
        tasks = data.tasks
        if isinstance(tasks, TimelineRows):  # (without making the row)
            return row, tasks.finish_of(row) if finish else tasks.start_of(row)
        task = tasks[row]
        return row, task.finish if finish else task.start

    pred, succ = endpoint(pk, pid, True), endpoint(sk, sid, False)
    if not (pred and succ):
        return None
    return (pred[0], pred[1], succ[0], succ[1], bool(snap.risks_of(sk, sid)))


def _extent(data: TimelineData, span: tuple[int, int] | None = None) -> None:
    """The first and last day shown (today always among them); ``span``: the rows'
    own first and last day when the caller knows them."""
    tasks = data.tasks
    if span is None and isinstance(tasks, TimelineRows) and tasks:  # (without making rows)
        span = (min(tasks.first_days()), max(tasks.finishes()))
    elif span is None and tasks:
        span = (min(first_day(t) for t in tasks), max(t.finish for t in tasks))
    data.span = span
    first, last = span or (data.today, data.today)
    data.first_day = min(first, data.today)
    data.last_day = max(last, data.today)


def _span_after(
    previous: TimelineData, old_places: list[int], new_rows: list[TimelineTask]
) -> tuple[int, int] | None:
    """The rows' span after the rows at ``old_places`` were replaced by ``new_rows``,
    from the previous span; None (count again) when a replaced row held one of its ends."""
    if previous.span is None:
        return None
    first, last = previous.span
    tasks = previous.tasks
    first_days: Iterable[int]
    finishes: Iterable[int]
    if isinstance(tasks, TimelineRows):  # (without making the rows)
        first_days, finishes = map(tasks.first_day_of, old_places), map(tasks.finish_of, old_places)
    else:
        first_days = (first_day(tasks[place]) for place in old_places)
        finishes = (tasks[place].finish for place in old_places)
    if any(day <= first for day in first_days) or any(day >= last for day in finishes):
        return None
    for row in new_rows:
        first, last = min(first, first_day(row)), max(last, row.finish)
    return first, last


def _replaced(
    tasks: Sequence[TimelineTask], rows: dict[int, TimelineTask]
) -> Sequence[TimelineTask]:
    """``tasks`` with the rows at the places of ``rows`` replaced (a new sequence)."""
    if not rows:
        return tasks
    if isinstance(tasks, TimelineRows):
        return tasks.replaced(rows)
    out = list(tasks)
    for place, row in rows.items():
        out[place] = row
    return out


def timeline_after(
    snap: st.StatusSnapshot,
    previous: TimelineData,
    titles: Mapping[str, tuple[int, str]],
    changed: set[str],
    dependencies: Iterable[tuple] | None = None,
    same_dependencies: bool = False,
    moved: Iterable[str] | None = None,
) -> TimelineData | None:
    """``timeline_data`` after the tasks ``changed`` were recomputed (whole components:
    a dependency touching one has both ends among them), from the previous rows; None
    when a row appears or goes (the rows below it move: build afresh).

    ``dependencies``: the rows of every dependency touching ``changed`` (the status
    cache knows them): only their arrows are made again, instead of walking every
    dependency to find them; ``same_dependencies``: no dependency was added, changed or
    removed since ``previous`` (their order is the same), so unless an arrow appears
    the others keep their places without walking every dependency. ``moved``: the
    dependencies added, changed or removed since ``previous`` (the status cache's
    ``take_moved``): each is gone or, in the order now, after every other one, so the
    others keep their order and those arrows follow them, again without walking every
    dependency (unless an arrow appears for another)."""
    names = snap.inputs.unit_names
    data = TimelineData(today=snap.today.toordinal(), tasks=previous.tasks)
    data.row_of = row_of = previous.row_of
    day_of_ms: dict[str, int] = {}
    old_places: list[int] = []
    new_rows: list[TimelineTask] = []
    replaced: dict[int, TimelineTask] = {}
    ordinals: dict[str, int] = {}
    # the changed tasks' rows, each looked up once (``row_of`` and ``titles`` find an id
    # by bisection among 100,000): the arrows below read them again
    places: dict[str, int] = {}
    for task_id in changed:
        found = titles.get(task_id)
        place = row_of.get(task_id, -1)
        row = None if found is None else _timeline_task(snap, names, task_id, *found, ordinals)
        if (row is None) != (place < 0):
            return None
        if row is not None:
            places[task_id] = place
            old_places.append(place)
            new_rows.append(row)
            replaced[place] = row
            day_of_ms.update((mark.id, mark.day) for mark in row.milestones)
    data.tasks = _replaced(previous.tasks, replaced)
    if dependencies is not None:
        # the previous arrows, copied only when one changes (30,000 at 100k tasks: most
        # edits change none, or a few)
        kept = previous.arrows
        if not isinstance(kept, Arrows):  # (rows made by hand: their arrows by dependency)
            kept = Arrows.of(previous.arrow_of)
        # the dependencies added, changed or removed: gone, or last in the order now
        last = set(moved or ())
        gone = [dep_id for dep_id in last if kept.position(dep_id) >= 0]
        changes: dict[str, Arrow] = {}  # the arrows replaced at their places, or come
        came = rerouted = False
        now_last: dict[str, Arrow | None] = {}
        for dep in dependencies:
            arrow = _arrow(snap, dep, data, day_of_ms, places)
            if dep[0] in last:
                now_last[dep[0]] = arrow
                continue
            at = kept.position(dep[0])
            before = kept.item_at(at) if at >= 0 else None
            if before == arrow:
                continue  # (none before and none now, or the same arrow: kept)
            if arrow is None:
                gone.append(dep[0])
            else:
                came = came or before is None
                rerouted = rerouted or (
                    before is not None and (before[0], before[2]) != (arrow[0], arrow[2])
                )
                changes[dep[0]] = arrow
        order = snap.inputs.dependencies
        tail = order[len(order) - len(now_last) :] if now_last else []
        appended: list[str] = []  # (the arrows appended last, after the others)
        arrows: Arrows | None = None  # (the arrows in the dependencies' order, when made)
        if moved is not None and not came and {dep[0] for dep in tail} == now_last.keys():
            for dep in tail:  # (the others keep their order: no walk over every one)
                if (arrow := now_last[dep[0]]) is not None:
                    changes[dep[0]] = arrow
                    appended.append(dep[0])
            if not rerouted:  # how the arrows follow from the previous ones (``with_index``)
                data.moves = (gone, appended)
        elif came or now_last or not same_dependencies:
            changes.update((k, a) for k, a in now_last.items() if a is not None)
            present = set(kept.ids).difference(gone).union(changes)
            # in the dependencies' order; a dependency removed meanwhile goes (in C)
            ids = list(filter(present.__contains__, map(_FIRST, order)))
            arrows = kept.picked(ids, changes)
        elif not rerouted:
            data.moves = (gone, [])
        if arrows is None and not (gone or changes or appended) and kept is previous.arrows:
            # no arrow changed: the same arrows and mapping (neither is changed once made)
            data.arrows, data.arrow_of = kept, previous.arrow_of
        else:  # (arrows replaced or gone keep the others' order)
            if arrows is None:
                arrows = kept.edited(gone, changes, appended)
            data.arrows = arrows
            data.arrow_of = arrows.by_dependency()
        _extent(data, _span_after(previous, old_places, new_rows))
        return data
    items = snap.inputs.items

    def arrows_now() -> Iterator[tuple[str, Arrow]]:
        for dep in snap.inputs.dependencies:
            dep_id, pred_kind, pred_id = dep[0], dep[1], dep[2]
            pred_task: str | None = pred_id if pred_kind == "task" else None
            if pred_kind == "item":
                pred_task = items.get(pred_id, ("", 0))[0]
            elif pred_kind == "milestone":
                ms = snap.milestones.get(pred_id)
                pred_task = ms.task_id if ms else None
            if pred_task in changed:
                arrow = _arrow(snap, dep, data, day_of_ms, places)
            else:
                arrow = previous.arrow_of.get(dep_id)
            if arrow is not None:
                yield dep_id, arrow

    data.arrows = arrows = Arrows(arrows_now())
    data.arrow_of = arrows.by_dependency()
    _extent(data, _span_after(previous, old_places, new_rows))
    return data


# -- everything the views show, in one background pass ------------------------------------


def current_period(today: date | None = None) -> str:
    today = today or date.today()
    return f"{today.year:04d}-{today.month:02d}"


def target_overview(db: Database, today: date | None = None) -> list[dict[str, Any]]:
    """Every target with its ``progress.target_state``, latest value and task
    (number and title), those needing attention (未达标, 逾期达成) first."""
    from desktop.models import progress
    from desktop.models.archive import active

    values = progress.target_values(db)
    today_iso = (today or date.today()).isoformat()
    rows = []
    # each state from the target's own row (not a second query: a plan imported between
    # two reads must not leave a target without its state)
    for r in db.query(
        "SELECT g.id, g.task_id, g.metric, g.text, g.uom, g.deadline, t.no, t.title,"
        " g.comparator AS _comparator, g.value AS _goal"
        f" FROM target g JOIN task t ON t.id = g.task_id WHERE {active('t')}"
        f" ORDER BY {progress.TARGET_READ_ORDER}"
    ):
        history = values.get(r["id"], [])
        state = progress.target_state_of(
            r.pop("_comparator"), r.pop("_goal"), r["deadline"], history, today_iso
        )
        as_of, value = history[-1] if history else (None, None)
        rows.append({**r, "state": state, "latest": value, "as_of": as_of})
    rows.sort(key=lambda row: progress.TARGET_ORDER.get(row["state"], 9))
    return rows


def overview(
    db: Database,
    today: date | None = None,
    period: str | None = None,
    timeline: bool = True,
    missing: bool = True,
    window_days: int | None = None,
    cache: StatusCache | None = None,
    *,
    cancelled: CancelCheck | None = None,
    dashboard: bool = True,
) -> dict:
    """Snapshot, dashboard, timeline rows, 催报 list, target states and task
    titles (one status pass; ``cache``: the window's ``StatusCache``, which
    recomputes only what changed since its last pass).

    ``cancelled`` (a background job's ``lambda: progress.cancelled``) is asked during the
    status pass: ``desktop.models.cancellation.Cancelled`` once it says stop.

    ``timeline=False`` leaves the timeline's rows (``"timeline"``) None: the window
    builds them only once its 时间轴 page is shown (~14 MB kept at 100k tasks with
    200,000 milestones, and their share of the first pass's time).
    ``missing=False`` leaves the 催报 list (``"missing"``) and the target states
    (``"targets"``) as None: the GUI fetches them in a second step
    (``second_step``) after the first paint.
    ``window_days`` is the due-soon window (default 14, set in the dashboard).
    ``dashboard=False`` leaves the 总览 page's counts and lists (``"dashboard"``) None:
    the window builds them only once that page is shown (at 100k tasks ~1 s of the
    first pass, before the matrix's lights could show)."""
    from desktop.models import duban_queries as dq
    from desktop.models import status as st
    from desktop.models import status_queries, workspace_queries

    days = st.DEFAULT_WINDOW_DAYS if window_days is None else window_days
    changed: set[str] | None = None
    if cache is None:
        snap = status_queries.compute_status(
            db, today, days, cancelled=cancelled, rounds=True
        )  # (its rows give the titles, the dashboard's units and the 催报 round below)
        titles = task_titles(db, snap.tasks, snap.inputs.round_rows)
        rows = with_index(timeline_data(db, snap, titles=titles)) if timeline else None
        dash = workspace_queries.dashboard(db, snapshot=snap) if dashboard else None
    else:
        try:
            # (the collector paused: its young collections walked the pass's new layers,
            # lists and dicts again and again, ~40 ms of a 150-task component's pass;
            # what the pass keeps goes straight to the oldest generation)
            with st.collector_paused(promote=True):
                snap, changed, titles, rows, dash = _kept_parts(
                    db, cache, today, days, timeline, cancelled, dashboard
                )
        except BaseException:
            cache.invalidate()  # never keep half-updated parts: the next pass is full
            raise
    period = period or current_period(snap.today)
    return {
        "snapshot": snap,
        "dashboard": dash,
        "timeline": rows,
        "missing": (
            dq.report_round(db, snap.today, shared=snap.inputs.round_rows).with_lists()
            if missing
            else None
        ),
        "targets": target_overview(db, snap.today) if missing else None,
        "period": period,
        "titles": titles,
        # tasks recomputed since the cache's previous pass (rows of the others kept)
        "changed": changed,
    }


def _kept_parts(
    db: Database,
    cache: StatusCache,
    today: date | None,
    days: int,
    timeline: bool,
    cancelled: CancelCheck | None = None,
    dashboard: bool = True,
) -> tuple[st.StatusSnapshot, set[str], TaskTitles, TimelineData | None, dict | None]:
    """The overview's snapshot, titles, timeline and dashboard from the window's cache:
    the parts of the tasks an edit did not reach are kept from the pass before. Without
    ``dashboard`` none, and none kept: the next one is built whole."""
    from desktop.models import dashboard_delta

    snap = cache.snapshot(db, today, days, cancelled=cancelled)
    changed, moved = cache.take_changed(), cache.take_moved()
    # the tasks whose own rows (titles, sections), items or units changed: the others'
    # read as before, not read again
    edited = cache.take_edited() & changed
    titles = _titles_after(db, cache.memo.get("titles"), edited)
    previous = cache.memo.get("timeline") if titles is not None else None
    titles = (
        titles
        if titles is not None
        else task_titles(db, snap.tasks, index=index_behind(snap.inputs.tasks))
    )
    rows: TimelineData | None = None
    if timeline:
        found = (
            timeline_after(
                snap,
                previous,
                titles,
                changed,
                cache.dependency_rows(changed),
                same_dependencies=cache.memo.get("dependency_ops") == cache.dependency_ops,
                moved=moved,
            )  # fmt: skip
            if previous
            else None
        )
        rows = with_index(found or timeline_data(db, snap, titles=titles), previous)
    cache.memo.update(titles=titles, timeline=rows, dependency_ops=cache.dependency_ops)
    items_before = cache.take_items_before()  # (taken either way: kept for this pass only)
    if not dashboard:  # (a dashboard kept from before would miss this pass's changes)
        cache.memo.pop("dashboard", None)
        cache.memo.pop("rows", None)
        return snap, changed, titles, rows, None
    dash = dashboard_delta.dashboard(
        db, snap, cache.memo, changed, edited,
        items_of=cache.task_items(), items_before=items_before,
    )  # fmt: skip
    return snap, changed, titles, rows, dash


def _titles_after(db: Database, titles: TaskTitles | None, changed: set[str]) -> TaskTitles | None:
    """``task_titles`` after the tasks ``changed`` were edited (their task rows: every
    other task's reads as before), from the previous ``titles`` (a new mapping when a
    title changed); None when the order may have changed (a task added, removed or
    renumbered): then read them all again."""
    if titles is None:
        return None
    if not changed:
        return titles
    rows = db.execute(
        "SELECT id, no, title FROM task WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(changed))],
    ).fetchall()
    known = [(titles.get(task_id), no, title) for task_id, no, title in rows]
    if len(rows) != len(changed) or any(old is None or old[0] != no for old, no, _t in known):
        return None
    if all(old is not None and old[1] == title for old, _no, title in known):
        return titles  # the same titles: the same mapping (never changed once handed out)
    return titles.with_titles({task_id: title for task_id, _no, title in rows})


SECOND_STEP_PARTS = ("missing", "targets")


def second_step(
    db: Database,
    period: str,
    today: date | None = None,
    titles: Mapping[str, tuple[int, str]] | None = None,
    parts: Iterable[str] = SECOND_STEP_PARTS,
    again: tuple[Any, Iterable[str]] | None = None,
) -> dict[str, Any]:
    """The overview's second step: the 催报 list (``"missing"``:
    ``duban_queries.report_round`` as of ``today``, each task by its reporting cycle,
    迟报 apart from 未报; the CLI's ``remind`` uses the same) and the target states
    (``"targets"``: ``target_overview``'s as columns, ``progress.target_table``, read
    once the round is built); only the ``parts`` named (the window keeps the other one
    when an edit did not change what it reads). ``again`` (the window's round before and
    the tasks whose reports changed since, nothing else the round reads having changed):
    those tasks' places judged again in it (``round_queries.rejudged``). ``period`` is
    kept for callers; ``titles`` (the overview's): the round and the targets share their
    strings."""
    from desktop.models import duban_queries as dq
    from desktop.models import progress
    from desktop.models.round_queries import rejudged

    parts = set(parts)
    later: dict[str, Any] = {}
    if "missing" in parts and again is not None:
        later["missing"] = rejudged(db, again[0], again[1])
    if "missing" in parts and later.get("missing") is None:
        later["missing"] = dq.report_round(db, today or date.today(), titles=titles).with_lists()
    if "targets" in parts:
        later["targets"] = progress.target_table(db, today, titles or ())
    return later
