"""A task's new title relabels the window's kept second step: equal to a fresh one.

The window keeps the overview's second step (the 催报 round, the target rows) while an
edit writes nothing they read (``SecondStepCache``). A task's new title only changes
labels: the kept parts are relabelled by the overview's titles (``dashboard.relabelled``:
``round_queries.relabelled``, ``TargetRows.relabelled``), not computed again from the
whole database. On a generated database (three plans: the plan prefixes; tasks of
several items; reports, cycles and targets with values; an archived task), titles are
changed, changed back (undo), changed with columns no part reads, interleaved with
reports, renumberings and syncs (a title pulled: computed again), and after every
overview the parts the window holds equal a fresh ``second_step_job`` field by field; a
title edit computes no part."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies

from desktop.models import authoring, progress
from desktop.models.coordination_common import AlreadyReported
from desktop.models.second_step_cache import SecondStepCache
from desktop.models.status_cache import StatusCache
from desktop.models.store import Store
from desktop.views.coordination.dashboard import overview_job, relabelled, second_step_job
from sync.apply import apply_remote_ops
from tests.helpers.status_pass_data import generate_status_db

STATES = ("on_time", "late", "missing", "open")


class Window:
    """The window's hand-off of the second step without its widgets: the store's
    ``Written`` to the cache, the overview job (a status cache), the parts it asks for
    computed and landed as ``CoordinationHub._load_missing`` / ``_missing_done`` do."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.status = StatusCache()
        self.steps = SecondStepCache(relabelled)
        self.computed: list[tuple[str, ...]] = []
        store.add_listener(lambda _action, tables: self.steps.changed(tables))

    def refresh(self) -> dict[str, Any]:
        result = overview_job(self.store, 14, self.status)
        parts = self.steps.overview(result, self.status.last_pass == "full")
        if parts:
            self.computed.append(parts)
            again, generations = self.steps.request(parts)
            key = (result["period"], result["snapshot"].today)
            later = second_step_job(
                self.store, result["period"], key[1], result["titles"], parts, again
            )
            self.steps.landed(later, key, generations)
            result.update(later)
        return result


def assert_fresh(store: Store, result: dict[str, Any]) -> None:
    """The parts in ``result`` equal a fresh second step, field by field."""
    fresh = second_step_job(store, result["period"], result["snapshot"].today, result["titles"])
    kept, new = result["missing"], fresh["missing"]
    assert kept.entries == new.entries  # (each entry's label: prefix, number, title, item)
    assert kept.contacts == new.contacts
    for state in STATES:
        assert kept.count(state) == new.count(state), state
        assert kept.unit_counts(state) == new.unit_counts(state), state
    for state in ("missing", "late"):
        assert {u: list(e) for u, e in kept.by_unit(state).items()} == {
            u: list(e) for u, e in new.by_unit(state).items()
        }, state
    assert [(g.key, g.title, g.status) for g in result["missing_groups"]] == [
        (g.key, g.title, g.status) for g in fresh["missing_groups"]
    ]
    for group, fresh_group in zip(result["missing_groups"], fresh["missing_groups"], strict=True):
        assert list(group.rows) == list(fresh_group.rows), group.key  # cells, tooltip…
    assert result["missing_counts"] == fresh["missing_counts"]
    assert list(result["target_rows"]) == list(fresh["target_rows"])
    assert result["targets_missed"] == fresh["targets_missed"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_status_db(tmp_path_factory.mktemp("relabel") / "gen.db", plans=3)


def _copy(generated: Path, folder: str) -> Store:
    path = Path(folder) / "copy.db"
    shutil.copy(generated, path)
    return Store.open(path)


def _title(store: Store, task_id: str) -> str:
    return store.db.execute("SELECT title FROM task WHERE id = ?", [task_id]).fetchone()[0]


def _shown_tasks(store: Store) -> tuple[str, str, str]:
    """A task of several items in the round, a task with targets, an archived task."""
    several = store.db.execute(
        "SELECT i.task_id FROM item i JOIN task t ON t.id = i.task_id JOIN assignment a"
        " ON a.item_id = i.id WHERE t.archived IS NULL GROUP BY i.task_id"
        " HAVING count(DISTINCT i.id) > 1 ORDER BY t.rowid LIMIT 1"
    ).fetchone()[0]
    with_targets = store.db.execute(
        "SELECT g.task_id FROM target g JOIN task t ON t.id = g.task_id"
        " WHERE t.archived IS NULL ORDER BY t.rowid DESC LIMIT 1"
    ).fetchone()[0]
    archived = store.db.execute("SELECT id FROM task WHERE archived IS NOT NULL").fetchone()[0]
    return several, with_targets, archived


def test_titles_changed_and_undone_relabel_without_computing_a_part(generated: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _copy(generated, folder)
        try:
            window = Window(store)
            window.refresh()
            assert window.computed == [("missing", "targets")]
            several, with_targets, archived = _shown_tasks(store)
            before = {t: _title(store, t) for t in (several, with_targets, archived)}
            authoring.edit_task(store, several, title="改名：多个事项的任务")
            result = window.refresh()
            assert window.computed == [("missing", "targets")]  # relabelled, not computed
            assert any(e.task_id == several and "改名：多个事项的任务" in e.label
                       for e in result["missing"].entries)  # fmt: skip
            assert_fresh(store, result)
            # two renames before one overview; a task with targets; an archived task
            authoring.edit_task(store, with_targets, title="改名：有目标的任务")
            authoring.edit_task(store, archived, title="改名：已归档")
            result = window.refresh()
            assert window.computed == [("missing", "targets")]
            assert any("改名：有目标的任务" in row.cells[0] for row in result["target_rows"])
            assert_fresh(store, result)
            # undone (the window's undo writes the old values back), redone, undone
            for task_id in (several, with_targets, several, several):
                old = before[task_id] if _title(store, task_id) != before[task_id] else "重做"
                authoring.edit_task(store, task_id, title=old, basis=authoring.UNDO_REDO_BASIS)
                result = window.refresh()
                assert_fresh(store, result)
            assert window.computed == [("missing", "targets")]
            # a title with columns no part reads (the text: a single item's text too)
            authoring.edit_task(store, with_targets, title="又改名", text="新的内容", deadline=None)
            assert_fresh(store, window.refresh())
            assert window.computed == [("missing", "targets")]
            # a new number moves rows: both parts computed again
            authoring.move_task(store, with_targets, 1)
            assert_fresh(store, window.refresh())
            assert window.computed[1:] == [("missing", "targets")]
            # a title pulled by sync (written outside a store action, the cursor moved; the
            # window is told "sync" with no tables): computed again, the new title shown
            with store.db.atomic():
                # (everything pushed: a pending local edit of the task would be kept)
                store.db.execute("UPDATE change_log SET acked_seq = 1 WHERE acked_seq IS NULL")
                pulled = {"title": "同步来的标题"}
                op = {"tbl": "task", "id": several, "kind": "update", "fields": pulled}
                apply_remote_ops(store.db, [{**op, "seq": 10**6}])
                store.db.execute(
                    "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('cursor', ?)", [10**6]
                )
            window.steps.changed(())
            result = window.refresh()
            assert window.computed[2:] == [("missing", "targets")]
            assert any("同步来的标题" in e.label for e in result["missing"].entries)
            assert_fresh(store, result)
        finally:
            store.close()


OPS = strategies.lists(
    strategies.tuples(
        strategies.sampled_from(["title", "title", "undo", "text", "report", "move", "sync",
                                 "refresh"]),
        strategies.integers(0, 10_000),
        strategies.sampled_from(["甲", "乙乙", "同名", "Title B", "任务“引号”"]),
    ),
    min_size=1, max_size=8,
)  # fmt: skip


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(ops=OPS)
def test_any_edits_leave_the_kept_parts_equal_to_a_fresh_step(
    generated: Path, ops: list[tuple[str, int, str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _copy(generated, folder)
        try:
            window = Window(store)
            window.refresh()
            tasks = [r[0] for r in store.db.execute("SELECT id FROM task ORDER BY rowid")]
            undo: list[tuple[str, str]] = []
            settled = True  # nothing written since the last overview
            for kind, pick, text in ops:
                task_id = tasks[pick % len(tasks)]
                computed = len(window.computed)
                if kind == "title":
                    undo.append((task_id, _title(store, task_id)))
                    authoring.edit_task(store, task_id, title=f"{text}{pick % 3}")
                elif kind == "undo" and undo:
                    task_id, old = undo.pop()
                    authoring.edit_task(store, task_id, title=old, basis=authoring.UNDO_REDO_BASIS)
                elif kind == "text":
                    authoring.edit_task(store, task_id, text=f"{text}的内容")
                elif kind == "report":
                    found = store.db.execute(
                        "SELECT a.unit_id FROM item i JOIN assignment a ON a.item_id = i.id"
                        " WHERE i.task_id = ? LIMIT 1",
                        [task_id],
                    ).fetchone()
                    with contextlib.suppress(AlreadyReported):
                        if found is not None:
                            progress.add_report(store, task_id, found[0],
                                                period=f"{date.today():%Y-%m}", text=text)  # fmt: skip
                elif kind == "move":
                    authoring.move_task(store, task_id, pick % 7 + 1)
                elif kind == "sync":
                    window.steps.changed(())  # (a pull: the tables are not named)
                if kind == "refresh" or pick % 2:
                    result = window.refresh()
                    if kind in ("title", "undo", "text") and settled:
                        assert len(window.computed) == computed  # relabelled, or nothing
                    assert_fresh(store, result)
                settled = kind == "refresh" or bool(pick % 2)
            assert_fresh(store, window.refresh())
        finally:
            store.close()
