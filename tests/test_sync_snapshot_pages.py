"""A new desktop's first download (the snapshot) in pages, the next page fetched while the
current one is applied: cancelled after a page, it keeps what it applied and resumes where
it stopped; nothing is lost, nothing doubled (a real server; small pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync import client as sync_client
from tests.helpers.sync_helpers import (  # noqa: F401
    ServerProcess,
    fresh_server,
    logged_in,
    new_fingerprint,
)


def test_snapshot_pages_prefetched_cancel_and_resume(
    tmp_path: Path,
    fresh_server: ServerProcess,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_client, "SNAPSHOT_PAGE", 40)
    a = logged_in(tmp_path, fresh_server, "a")
    plan = a.import_plan(new_fingerprint())
    a.insert_many(
        "plan_warning",
        [{"plan_id": plan, "position": i, "message": f"警告{i}"} for i in range(200)],
    )
    assert a.sync().rejected == 0
    records = len(fresh_server.server_ops())
    assert records > 3 * 40  # several pages

    b = logged_in(tmp_path, fresh_server, "b", "coord2")
    pages: list[int] = []
    report = b.sync(
        progress=lambda phase, done, _total: pages.append(done) if phase == "snapshot" else None,
        cancelled=lambda: len(pages) >= 2,
    )
    assert report.cancelled and report.pulled == 80 == pages[-1]  # two pages applied
    assert b.query("SELECT value FROM sync_state WHERE key = 'snapshot_after'")[0][0]

    report = b.sync()  # resumes after the second page (the prefetched third is asked again)
    assert not report.cancelled and report.pulled == records - 80
    assert b.dump(plan) == a.dump(plan)
    assert b.pending() == 0
