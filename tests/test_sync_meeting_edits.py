"""Meeting edits and deletion travel through a real sync server (issue 12)."""

from __future__ import annotations

from pathlib import Path

from desktop.models import meeting_edits as me
from desktop.models import meetings as mt
from tests.helpers.sync_helpers import (  # noqa: F401
    ServerProcess,
    coordinator_with_plan,
    logged_in,
    sync_server,
)


def test_meeting_edit_and_delete_reach_the_other_desktop(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a, _plan = coordinator_with_plan(tmp_path, sync_server)
    with a.opened() as store:
        unit = store.db.execute("SELECT id FROM unit ORDER BY name LIMIT 1").fetchone()[0]
        meeting = mt.new_meeting(store, "2026-11-02", "第九次调度会")
        item = mt.add_meeting_item(store, meeting, "完成选址", unit, "2026-11-20")
    assert a.sync().rejected == 0
    b = logged_in(tmp_path, sync_server, "b")
    b.sync()
    with a.opened() as store:
        me.edit_meeting(store, meeting, title="第九次调度会（扩大）")
        me.edit_meeting_item(store, item, due="2026-12-31")
    assert a.sync().rejected == 0
    b.sync()
    assert b.query("SELECT title FROM meeting") == [("第九次调度会（扩大）",)]
    task_id = b.query("SELECT task_id, due FROM meeting_item")[0]
    assert task_id[1] == "2026-12-31"
    assert b.query("SELECT deadline FROM task WHERE id = ?", [task_id[0]]) == [("2026-12-31",)]
    with a.opened() as store:
        me.delete_meeting(store, meeting, tasks="archive")
    assert a.sync().rejected == 0
    b.sync()
    assert b.query("SELECT count(*) FROM meeting") == [(0,)]
    assert b.query("SELECT count(*) FROM meeting_item") == [(0,)]
    assert b.query("SELECT archived IS NOT NULL FROM task WHERE id = ?", [task_id[0]]) == [(1,)]
