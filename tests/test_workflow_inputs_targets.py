"""The 督办 workflow inputs of a status pass (``workflow_inputs.load_workflow_inputs``:
each target's percent computed inline, the supersedes check left out when no report is
corrected) equal the loader as first written (``tests/helpers/workflow_inputs_reference.py``)
on generated targets and reports: every comparator (ceilings, an unknown one), goals of
None, 0 and below 0, several values on the latest date, reports with and without a
percent, corrected (superseded) ones or none, ties on the period; every task or some."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies
from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.store import Store
from desktop.models.workflow_inputs import load_workflow_inputs
from tests.helpers.workflow_inputs_reference import reference_load_workflow_inputs

TASKS = ("t0", "t1", "t2", "t3")
PLANS = {"t0": "p0", "t1": "p0", "t2": "p1", "t3": "p1"}
# milestone rows as the pass reads them (id, task, item, title, due, owner, done)
MILESTONES = [
    ("m0", "t0", None, "a", "2026-11-30", None, None),
    ("m1", "t0", None, "b", "2027-01-15", None, None),
    ("m2", "t2", None, "c", None, None, None),
]

_TARGET = strategies.tuples(
    strategies.sampled_from(TASKS),
    strategies.sampled_from([">=", ">", "=", "<=", "<", "≈"]),
    strategies.sampled_from([None, 0.0, -20.0, 3.0, 50.0, 80.0]),
    strategies.sampled_from([None, "", "2026-12-31", "2027-03-01"]),
    strategies.lists(
        strategies.tuples(
            strategies.sampled_from([0.0, -5.0, 2.5, 10.0, 40.0, 120.0]),
            strategies.sampled_from(["2026-01-01", "2026-02-01", "2026-03-01"]),
        ),
        max_size=4,
    ),
)
_REPORT = strategies.tuples(
    strategies.sampled_from(TASKS),
    strategies.sampled_from(["2026-09", "2026-10"]),
    strategies.sampled_from([None, 0.0, 30.0, 45.5, 100.0]),
    strategies.one_of(strategies.none(), strategies.integers(0, 7)),  # the report corrected
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("workflow") / "template.db"
    store = Store.open(path)
    try:
        db = store.db
        with db.conn:
            for plan_id, written in (("p0", "2026-01-10"), ("p1", None)):
                db.execute(
                    "INSERT INTO plan (id, title, written_date) VALUES (?, ?, ?)",
                    [plan_id, plan_id, written],
                )
            for n, task_id in enumerate(TASKS):
                db.execute(
                    "INSERT INTO task (id, plan_id, no, title) VALUES (?, ?, ?, ?)",
                    [task_id, PLANS[task_id], n + 1, task_id],
                )
    finally:
        store.close()
    return path


@given(
    targets=strategies.lists(_TARGET, max_size=6),
    reports=strategies.lists(_REPORT, max_size=8),
)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_targets_and_reports_equal_the_first_loader(
    template: Path, tmp_path: Path, targets: list, reports: list
) -> None:
    path = tmp_path / "db.sqlite"
    shutil.copy(template, path)
    db = Database(path)
    try:
        with db.conn:
            for n, (task_id, comparator, goal, deadline, values) in enumerate(targets):
                # (ids out of the rows' order: the values are read by target id)
                target_id = f"g{n * 3 % 7}"
                db.execute(
                    "INSERT INTO target (id, task_id, comparator, value, deadline)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [target_id, task_id, comparator, goal, deadline],
                )
                for k, (value, as_of) in enumerate(values):
                    db.execute(
                        "INSERT INTO target_value (id, target_id, value, as_of)"
                        " VALUES (?, ?, ?, ?)",
                        [f"v{n}-{k}", target_id, value, as_of],
                    )
            # (a value whose target is gone: counts for nothing)
            db.execute(
                "INSERT INTO target_value (id, target_id, value, as_of)"
                " VALUES ('gone', 'no-such-target', 1.0, '2026-01-01')"
            )
            for n, (task_id, period, percent, corrects) in enumerate(reports):
                supersedes = f"r{corrects}" if corrects is not None and corrects < n else None
                db.execute(
                    "INSERT INTO report (id, task_id, unit_id, period, percent, created_at,"
                    " supersedes_id) VALUES (?, ?, 'u', ?, ?, ?, ?)",
                    [f"r{n}", task_id, period, percent, f"2026-10-{n + 1:02d}T08:00", supersedes],
                )
        # the loader's own id strings of three tasks (t3 unknown: its key the rows')
        own = {task_id: task_id[:1] + task_id[1:] for task_id in TASKS[:3]}
        assert all(key is not task_id for task_id, key in own.items())
        for only, keep in ((None, True), (None, False), (["t0", "t2"], True)):
            found, expected = st.StatusInputs(), st.StatusInputs()
            for inputs in (found, expected):
                inputs.milestones = list(MILESTONES)
            plans = dict(PLANS) if only is None else {t: PLANS[t] for t in only}
            rows = load_workflow_inputs(
                db, found, only, task_plans=(list(plans), [*plans.values()]),
                keep_reports=keep, task_key=None if keep else own,
            )  # fmt: skip
            reference = reference_load_workflow_inputs(db, expected, only, task_plans=plans)
            assert rows == (reference if keep else [])
            for name in ("task_percent", "target_percent", "plan_date"):
                assert list(getattr(found, name).items()) == list(
                    getattr(expected, name).items()
                ), name
            if not keep:  # the percents' keys: the loader's own strings when it has one
                for percents in (found.task_percent, found.target_percent):
                    assert all(own.get(key, key) is key for key in percents)
            # (the reference read the targets' deadlines grouped by task: another order)
            assert found.task_deadline == expected.task_deadline
            assert found.closed_tasks == expected.closed_tasks
    finally:
        db.conn.close()


def test_a_corrected_report_no_longer_counts(template: Path, tmp_path: Path) -> None:
    """With a correction in the table the check is made: the corrected report's percent
    is not the task's (left out, the first report's lower percent would win)."""
    path = tmp_path / "db.sqlite"
    shutil.copy(template, path)
    db = Database(path)
    try:
        with db.conn:
            for report_id, percent, supersedes in (("r0", 10.0, None), ("r1", 60.0, "r0")):
                db.execute(
                    "INSERT INTO report (id, task_id, unit_id, period, percent, created_at,"
                    " supersedes_id) VALUES (?, 't1', 'u', '2026-10', ?, '2026-10-02', ?)",
                    [report_id, percent, supersedes],
                )
        inputs = st.StatusInputs()
        rows = load_workflow_inputs(db, inputs, None)
        assert inputs.task_percent == {"t1": 60.0}
        assert [row[5] for row in rows] == [0, 1]
    finally:
        db.conn.close()
