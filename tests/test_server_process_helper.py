"""The test helper's server process: it must answer from its own storage, even when
another worker's server took the port ``free_port`` picked (test_sync_fuzz once talked
to another test's server and found its own storage empty)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.sync_helpers import ServerProcess, raw


def test_a_server_whose_port_was_taken_starts_on_a_port_of_its_own(tmp_path: Path) -> None:
    first = ServerProcess(tmp_path / "first")
    first.init()
    first.start()
    second = ServerProcess(tmp_path / "second")
    second.init()
    second.port = first.port  # as if another worker had bound the port it picked
    try:
        second.start()
        assert second.port != first.port
        for server in (first, second):
            hello = raw(server, "GET", "/v1/hello")
            assert hello.status_code == 200, hello.text
            assert hello.json()["server_id"] == server.storage().meta("server_id")
        assert first.storage().meta("server_id") != second.storage().meta("server_id")
    finally:
        second.stop()
        first.stop()
