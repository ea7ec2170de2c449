"""The task panel's 附件 tab downloads content this desktop lacks from the sync server
before saving it (a background job; real server process, offscreen Qt)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from desktop.models import attachments as at
from desktop.models.attachment_sync import fetch_one
from desktop.views import dialogs, jobs
from desktop.views.coordination.task_panel import TaskPanel
from tests.helpers.sync_helpers import (  # noqa: F401
    ServerProcess,
    coordinator_with_plan,
    logged_in,
    sync_server,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_save_as_downloads_missing_content_first(
    qtbot,
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
    monkeypatch,
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, exc: errors.append(str(exc)))
    a, plan = coordinator_with_plan(tmp_path, sync_server)
    t1 = a.task_id(plan, 1)
    evidence = tmp_path / "现场照片.jpg"
    evidence.write_bytes(b"\xff\xd8 photo " * 500)
    with a.opened() as store:
        attachment_id = at.add_attachment(store, t1, evidence)
    assert a.sync().content_up == 1
    (tmp_path / "b").mkdir()
    b = logged_in(tmp_path / "b", sync_server, "b")
    b.sync()
    store = b.store()
    try:
        record = store.db["attachment"].get(attachment_id)
        at.content_path(store, record["sha256"]).unlink()  # as if not downloaded yet
        panel = TaskPanel(store)
        qtbot.addWidget(panel)
        panel.show_task(t1)
        tab = panel.attachments
        assert "本机无文件内容" in tab.files.row(0).cells[4]
        tab.view.setCurrentIndex(tab.files.index(0, 0))
        out = tmp_path / "copy.jpg"
        tab.fetcher = lambda: partial(fetch_one, b.engine)
        tab.save_file(str(out))
        qtbot.waitUntil(lambda: jobs.active_jobs() == 0 and out.exists(), timeout=20_000)
        assert out.read_bytes() == evidence.read_bytes() and errors == []
        assert "本机无文件内容" not in tab.files.row(0).cells[4]
        # offline (no way to the server): the message says what to do, nothing written
        at.content_path(store, record["sha256"]).unlink()
        tab.fetcher = lambda: None
        tab.view.setCurrentIndex(tab.files.index(0, 0))
        tab.save_file(str(tmp_path / "again.jpg"))
        assert errors and "请同步后再试" in errors[-1]
        assert not (tmp_path / "again.jpg").exists()
    finally:
        store.close()
