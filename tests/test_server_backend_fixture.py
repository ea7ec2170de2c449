"""The ``server_backend`` fixture gives each test the backend it asks for.

A both-backends module runs its tests on SQLite and PostgreSQL; a plain test run after it
must get SQLite again (a session-scoped dependent fixture used to keep PostgreSQL). The
check runs a small pytest session of its own (a subprocess) with the project's real
``tests/conftest.py`` as a plugin, a both-backends module first and plain tests after it;
the PostgreSQL cluster is replaced by a stand-in (no server is needed to see which backend
a test gets)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STAND_IN_CLUSTER = """
import pytest

class StandIn:
    def new_database(self):
        return "postgresql://stand-in/db"

@pytest.fixture(scope="session")
def pg_cluster():
    return StandIn()
"""

BOTH_BACKENDS = """
import pytest

pytestmark = pytest.mark.both_backends

def test_location(server_backend, server_location):
    expected = "folder" if server_backend == "sqlite" else "postgresql://stand-in/db"
    assert server_location("folder") == expected
"""

PLAIN = """
def test_plain_location_is_sqlite(server_backend, server_location):
    assert server_backend == "sqlite"
    assert server_location("folder") == "folder"

def test_plain_backend_is_sqlite(server_backend):
    assert server_backend == "sqlite"
"""


def test_a_plain_test_after_a_both_backends_module_gets_sqlite(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(STAND_IN_CLUSTER, encoding="utf-8")
    (tmp_path / "test_1_both.py").write_text(BOTH_BACKENDS, encoding="utf-8")
    (tmp_path / "test_2_plain.py").write_text(PLAIN, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
         "--rootdir", str(tmp_path), str(tmp_path / "test_1_both.py"),
         str(tmp_path / "test_2_plain.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "4 passed" in done.stdout, done.stdout[-2000:]
