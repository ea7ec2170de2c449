"""Shared fixtures: real SQLite files in a temp folder, offscreen Qt."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "assets" / "demo-plan-changchun-2023.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Never touch the real user data folder or keyring from tests."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("LIANDONG_DATA_DIR", str(data))


@pytest.fixture(autouse=True)
def _nothing_frozen_between_tests() -> Iterator[None]:
    """A status pass freezes what the process holds (``sync.collector``): in a test run
    that is the earlier tests' garbage too. Thawed after each test, so the collector
    frees it as usual."""
    yield
    gc.unfreeze()


# -- server backends -------------------------------------------------------------------
# A server test module marked ``pytest.mark.both_backends`` runs every test that uses
# ``server_backend`` (through ``server_location``, ``sync_server``, ``fresh_server``) once
# on SQLite and once on PostgreSQL (one private cluster per session).


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_backends: run the server tests on SQLite and on PostgreSQL"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    """``--dist loadgroup`` (scripts/test.sh) runs each ``xdist_group`` whole on one
    worker, in order, by the group's name pytest-xdist appends to each test's id. Under
    pytest 9.2 that append is silently lost (pytest-xdist#1386; pyproject keeps pytest
    below 9.2), and a group's tests were spread over the workers: test_sync_fuzz's last
    test then found its own server empty. Such a test fails here, saying why."""
    if (
        getattr(item.config.option, "loadgroup", False)  # (set on xdist's workers)
        and item.get_closest_marker("xdist_group")
        and "@" not in item.nodeid.rpartition("::")[2]
    ):
        pytest.fail(
            f"pytest-xdist cannot group tests under pytest {pytest.__version__} "
            "(pytest-xdist#1386): this test's group is lost. Install the pytest that "
            "pyproject.toml names (pip install -e '.[test]').",
            pytrace=False,
        )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "server_backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_backends"
    ):
        metafunc.parametrize("server_backend", ["sqlite", "postgresql"], scope="session")


@pytest.fixture(scope="session")
def server_backend() -> str:
    return "sqlite"


_CLUSTER: list = []


@pytest.fixture(scope="session")
def pg_cluster():
    """One private PostgreSQL cluster for the session (skipped without the binaries)."""
    from tests.helpers import postgres

    if not _CLUSTER:
        bindir = postgres.binaries()
        if bindir is None:
            pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
        cluster = postgres.Cluster(bindir)
        cluster.start()
        _CLUSTER.append(cluster)
    return _CLUSTER[0]


def pytest_sessionfinish(session: pytest.Session) -> None:
    while _CLUSTER:
        _CLUSTER.pop().stop()


@pytest.fixture
def server_location(request: pytest.FixtureRequest, server_backend: str):
    """``make(folder)``: where a new server keeps its data — the folder (SQLite) or a new
    database of the session's PostgreSQL cluster.

    Function-scoped on purpose: a session-scoped fixture that depends on the parametrised
    ``server_backend`` keeps the value of the last both-backends test for every later
    test that asks for the plain (SQLite) backend — pytest caches it under the same key
    (tests/test_server_backend_fixture.py)."""
    if server_backend == "sqlite":
        return lambda folder: folder
    cluster = request.getfixturevalue("pg_cluster")
    return lambda folder: cluster.new_database()


@pytest.fixture(autouse=True)
def _no_blocking_message_boxes(monkeypatch):
    """A modal message box would block the run for ever (offscreen, nobody clicks): every
    test gets a recorder instead, and an error box (or crash dialog) nobody expected fails
    the test. Tests that expect a message patch ``show_message`` (or
    ``error_dialog.show_unexpected``) themselves (theirs wins)."""
    from desktop.views import dialogs

    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        dialogs,
        "show_message",
        lambda parent, kind, text, detail="": shown.append((kind, text, detail)),
    )
    from desktop.views import error_dialog

    bugs: list[BaseException] = []  # the crash dialog (a bug): tests expecting it restore it
    monkeypatch.setattr(error_dialog, "show_unexpected", lambda exc, parent=None: bugs.append(exc))
    yield
    errors = [(text, detail) for kind, text, detail in shown if kind == dialogs.ERROR]
    assert not errors, f"unexpected error message box: {errors}"
    assert not bugs, f"unexpected crash dialog: {bugs!r}"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "liandong.db"


@pytest.fixture
def store(db_path: Path):
    from desktop.models.store import Store

    s = Store.open(db_path)
    yield s
    s.close()


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def demo_path(db_path: Path, seed_path: Path) -> Path:
    """``db_path`` with the demo plan and realistic coordination data (milestones,
    reports, dependencies: ``tests/helpers/gui_coordination_data.py``)."""
    from desktop.models.store import Store
    from tests.helpers.gui_coordination_data import add_realistic, seed_demo

    store = Store.open(db_path)
    seed_demo(store, seed_path)
    add_realistic(store)
    store.close()
    return db_path


@pytest.fixture(params=["zh", "en"])
def ui_lang(request: pytest.FixtureRequest, qapp) -> Iterator[str]:  # noqa: ANN001
    """Each test once in Chinese and once under the English translator ("zh", "en")."""
    from tests.helpers.task_panel import english_translator

    if request.param == "en":
        with english_translator():
            yield request.param
    else:
        yield request.param
