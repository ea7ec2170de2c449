"""A full pass's milestone fields read as lists (``status_tables.values_list``, issue
14): every field equals the built states' in key order, also with states built and
changed before (they answer themselves); the dashboard's overdue and late lists chosen
over those lists equal the lists made from every built state (the reference), on a
generated database (overdue, done, extended and late milestones, an archived task);
an item's status by its own and its task's codes read from a table equals the rule
(the higher code's) for every pair of codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models import status as st
from desktop.models import workspace_queries
from desktop.models.status_queries import compute_status
from desktop.models.status_tables import values_list, values_of
from desktop.models.store import Store
from tests.helpers.dashboard_reference import dashboard_lists_reference
from tests.helpers.status_pass_data import generate_status_db

FIELDS = ("status", "id", "task_id", "item_id", "title", "original_due", "done_date",
          "late_vs_original", "risks", "unit_id", "days_left")  # fmt: skip


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_status_db(tmp_path_factory.mktemp("lists") / "db.sqlite")


def test_the_lists_equal_the_built_states(db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        snap, reference = compute_status(store.db), compute_status(store.db)
        built = list(reference.milestones.values())
        assert {st.OVERDUE, st.DONE} <= {m.status for m in built}
        assert any(m.late_vs_original for m in built)
        for name in FIELDS:
            expected = [getattr(m, name) for m in built]
            assert values_list(snap.milestones, name) == expected, name
            assert list(values_of(snap.milestones, name).values()) == expected, name
        # a state built and changed before answers itself
        first = next(iter(snap.milestones))
        snap.milestones[first].status = "changed"
        assert values_list(snap.milestones, "status")[0] == "changed"
        assert values_list({first: snap.milestones[first]}, "status") == ["changed"]
    finally:
        store.close()


def test_the_dashboard_lists_equal_the_reference(db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        dash = workspace_queries.dashboard(store.db, snapshot=compute_status(store.db))
        reference = dashboard_lists_reference(compute_status(store.db))
    finally:
        store.close()
    assert dash["overdue"] and dash["late_vs_original"]
    for name in ("overdue", "late_vs_original", "at_risk"):
        assert dash[name] == reference[name], name


def test_an_item_status_by_its_two_codes_is_that_of_the_higher() -> None:
    from desktop.models.status_kept import ITEM_STATUS, ITEM_STATUS_BY_CODES

    for own in range(-1, 5):
        for level in range(-1, 5):
            assert ITEM_STATUS_BY_CODES[own][level] == ITEM_STATUS[max(own, level)]
