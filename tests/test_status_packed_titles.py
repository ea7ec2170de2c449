"""The status cache's milestone titles packed as read (issue 14, session 28: the window's
peak at 100k tasks).

The compact full pass's loader keeps no title per milestone row: it packs the titles
into ``StatusInputs.milestone_titles`` as read, each row holding its title's place.
The pass reads a risk root's title from them, its states (``RowDicts``) and the kept
columns (``MilestoneRows``, the packed titles themselves or repacked without the
archived tasks' rows) read each milestone's. Compared with the pass over the loader as
first written (``tests/helpers/status_inputs_reference.py``) on drawn titles (odd
characters, characters outside the BMP, empty ones), archived tasks, more rows than
two of the loader's batches, and an empty database: every milestone state (every
field, the risk causes' root titles), read built or in bulk, before and after
``keep_compact``."""

from __future__ import annotations

import gc
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from desktop.models import status as st
from desktop.models import status_queries
from desktop.models.cancellation import CHECK_EVERY
from desktop.models.packed_strings import PackedStrings
from desktop.models.status_kept import MilestoneRows, RowDicts, keep_compact, pass_tables
from desktop.models.status_tables import values_of
from desktop.models.store import Store
from tests.helpers.generated import store_copy
from tests.helpers.status_inputs_reference import reference_load_inputs
from tests.helpers.status_pass_data import generate_status_db

TODAY = date.today()
FIELDS = (
    "id", "task_id", "item_id", "title", "status", "original_due", "effective_due",
    "done_date", "done_late", "late_vs_original", "extension_count", "unit_id", "days_left",
    "risks",
)  # fmt: skip
TITLES = hs.one_of(
    hs.just(""),
    hs.sampled_from(["\x1f", "节点\n二", "𝔘𝔫𝔦", "a", " ", "é" * 300]),
    hs.text(hs.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated database (risks, a cycle, extensions) with more milestones than two
    of the loader's batches (copies of each, titled apart)."""
    path = generate_status_db(tmp_path_factory.mktemp("titles") / "db.sqlite")
    store = Store.open(path)
    try:
        count = store.db.execute("SELECT count(*) FROM milestone").fetchone()[0]
        with store.db.conn:
            store.db.execute(
                "INSERT INTO milestone (id, task_id, item_id, title, due, done_date)"
                " SELECT 'copy-' || n.value || '-' || m.id, m.task_id, m.item_id,"
                " m.title || n.value, m.due, m.done_date FROM milestone m, json_each(?) n",
                [json.dumps(list(range(2 * CHECK_EVERY // count + 1)))],
            )
    finally:
        store.close()
    return path


def _states(snap: st.StatusSnapshot) -> dict[str, tuple]:
    return {key: tuple(getattr(ms, name) for name in FIELDS) for key, ms in snap.milestones.items()}


def _bulk(snap: st.StatusSnapshot) -> dict[str, tuple]:
    columns = [values_of(snap.milestones, name) for name in FIELDS]
    return {key: tuple(column[key] for column in columns) for key in snap.milestones}


def _assert_the_reference_pass(db) -> None:
    """The cache's pass (packed titles) equals the pass over the first loader's rows."""
    old = reference_load_inputs(db)
    reference = st.compute(old, TODAY)
    expected = _states(reference)
    title_of = {row[0]: row[3] for row in old.milestones}
    for bulk in (False, True):
        inputs = status_queries.load_status_inputs(db, rounds=False, compact=True)
        titles = inputs.milestone_titles
        assert isinstance(titles, PackedStrings) and len(titles) >= len(inputs.milestones)
        assert inputs.titled_milestones() == old.milestones
        snap = st.compute(inputs, TODAY, held_up=True)
        tables = pass_tables(snap.milestones)
        assert tables is not None and isinstance(tables.rows, RowDicts)
        for kept in (False, True):  # (the pass's rows, then the kept columns)
            if kept:
                keep_compact(snap)
                if old.milestones:
                    assert isinstance(tables.rows, MilestoneRows)
                    # (none left out: the packed titles kept as they are, not a copy)
                    column = tables.rows._fields[2]
                    assert (column is titles) == (len(titles) == len(old.milestones))
            assert (_bulk(snap) if bulk else _states(snap)) == expected, (bulk, kept)
            assert [tables.rows.row(m) for m in title_of] == old.milestones
            assert [tables.rows.field(m, 3) for m in title_of] == list(title_of.values())
            assert tables.rows.column(3) == list(title_of.values())
        causes = [c for ms in snap.milestones.values() for c in ms.risks]
        assert all(c.root_title == title_of[c.root_milestone_id] for c in causes)
        assert [c.root_title for c in causes] == [
            c.root_title for ms in reference.milestones.values() for c in ms.risks
        ]
        assert snap.blocking == reference.blocking


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=hs.data())
def test_the_cache_s_pass_over_packed_titles_equals_the_reference_pass(
    template: Path, tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    with store_copy(template, tmp_path_factory.mktemp("drawn")) as store:
        db = store.db
        milestones = [r[0] for r in db.execute("SELECT id FROM milestone ORDER BY rowid")]
        tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid")]
        # (the roots' titles too: the milestones of the risk causes' roots)
        roots = [r[0] for r in db.execute("SELECT DISTINCT pred_id FROM dependency")]
        with db.conn:
            drawn = data.draw(hs.lists(hs.sampled_from(milestones + roots), max_size=40))
            for ms_id in drawn:
                title = data.draw(TITLES)
                db.execute("UPDATE milestone SET title = ? WHERE id = ?", [title, ms_id])
            if data.draw(hs.booleans()):  # (none archived: the kept titles the packed ones)
                db.execute("UPDATE task SET archived = NULL")
            for task_id in data.draw(hs.sets(hs.sampled_from(tasks), max_size=3)):
                db.execute("UPDATE task SET archived = '2026-01-05' WHERE id = ?", [task_id])
        assert db.execute("SELECT count(*) FROM milestone").fetchone()[0] > 2 * CHECK_EVERY
        _assert_the_reference_pass(db)


def test_every_title_empty_and_the_roots_titles(template: Path, tmp_path: Path) -> None:
    """Every title empty, then every root's title one outside the BMP: the risk causes
    hold their root's."""
    with store_copy(template, tmp_path) as store:
        db = store.db
        with db.conn:
            db.execute("UPDATE milestone SET title = ''")
        _assert_the_reference_pass(db)
        with db.conn:
            db.execute(
                "UPDATE milestone SET title = '𝔯' || rowid"
                " WHERE id IN (SELECT pred_id FROM dependency)"
            )
        inputs = status_queries.load_status_inputs(db, rounds=False, compact=True)
        snap = st.compute(inputs, TODAY)
        causes = [c for ms in snap.milestones.values() for c in ms.risks]
        assert causes and all(c.root_title.startswith("𝔯") for c in causes)
        _assert_the_reference_pass(db)


def test_an_empty_database(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "empty.db")
    try:
        _assert_the_reference_pass(store.db)
    finally:
        store.close()


def test_the_pass_s_rows_with_packed_titles_are_freed_without_the_collector() -> None:
    """``RowDicts`` over packed titles makes no reference cycle: the status cache pauses
    and freezes the collector, and a cycle kept each task's milestone ids (~10 MB at
    100k tasks) after ``keep_compact`` replaced the rows."""
    titles = PackedStrings(["一", ""])
    row_of = {"m1": ("m1", "t1", None, 0, None, None, None)}
    task_ms = {"t1": ["m1"]}
    gc.disable()
    try:
        before = sys.getrefcount(task_ms)
        rows = RowDicts(row_of, [1], task_ms, {}, {}, titles)
        assert rows.row("m1")[3] == "一" and rows.field("m1", 3) == "一"
        assert sys.getrefcount(task_ms) > before
        del rows
        assert sys.getrefcount(task_ms) == before
    finally:
        gc.enable()
