"""Sync test helpers: a real ``liandong serve`` process on 127.0.0.1, real client dbs."""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from keyring.backends.null import Keyring as NullKeyring
from urllib3.exceptions import InsecureRequestWarning

from desktop.models.schema_registry import wire_columns
from desktop.models.store import Store
from desktop.models.sync_engine import sync_engine
from sync.client import SyncReport, TokenStore
from sync.server import admin
from tests.helpers.plans import small_plan

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_was_taken(stderr: str) -> bool:
    """Whether ``liandong serve`` exited because its port was bound by another process
    (``sync.server.cli``: "端口已被占用", errno 98)."""
    return "端口已被占用" in stderr


@contextmanager
def refused_url() -> Iterator[str]:
    """The URL of a port where a connection is refused: held bound, never listening,
    so no other test's server takes it meanwhile (a port ``free_port`` found may be
    bound by another worker before the test connects)."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{held.getsockname()[1]}"


class ServerProcess:
    """``python -m desktop.cli serve`` in a subprocess with its own data: a folder
    (SQLite) or a PostgreSQL database URL (see the ``server_location`` fixture)."""

    def __init__(self, data_dir: Path | str, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self._storage: Any = None
        self.env = env or {}
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.users: set[str] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def init(self) -> None:
        admin.init_server(self.data_dir, "admin", PASSWORD)
        self.users = {"admin"}

    def start(self, extra_args: list[str] | None = None) -> None:
        """Start the server and wait until it answers. ``free_port`` only finds a port
        free a moment ago: another worker's server may bind it first, and then the one
        answering there is not ours (its storage holds other tests' data). The server is
        asked for its id; on another's port, this one starts again on a new port."""
        for _attempt in range(5):
            if self._launch(extra_args or []):
                return
            self.stop()
            self.port = free_port()
        raise RuntimeError("server did not start on a port of its own")

    def _launch(self, extra_args: list[str]) -> bool:
        env = {**os.environ, **self.env}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "desktop.cli",
                "serve",
                "--database" if isinstance(self.data_dir, str) else "--data",
                str(self.data_dir),
                "--port",
                str(self.port),
                *extra_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60  # several workers on a busy machine
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                stderr = self.proc.stderr.read().decode() if self.proc.stderr else ""
                if port_was_taken(stderr):
                    return False  # another test's server bound the port first
                raise RuntimeError(stderr)
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    pass
            except OSError:
                time.sleep(0.05)
                continue
            return self._answers_as_ours("--ssl-certfile" in extra_args)
        self.stop()  # not left running (with its worker processes) after the test
        raise RuntimeError("server did not start")

    def _answers_as_ours(self, tls: bool) -> bool:
        """Whether the server on our port has our storage's server id."""
        from sync.protocol import version_headers

        storage = admin.open_storage(self.data_dir, must_exist=False)  # no migration
        try:
            ours = storage.meta("server_id")
        finally:
            storage.close()
        url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}/v1/hello"
        with warnings.catch_warnings():  # a test's self-signed certificate
            warnings.simplefilter("ignore", InsecureRequestWarning)
            reply = requests.get(url, headers=version_headers(3), timeout=30, verify=False)
        return reply.status_code == 200 and reply.json()["server_id"] == ours

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None
        if self._storage is not None:
            self._storage.close()
            self._storage = None

    def user(self, name: str, role: str = "coordinator", unit: str = "") -> str:
        if name not in self.users:
            admin.add_user(self.data_dir, name, PASSWORD, unit, role)
            self.users.add(name)
        return name

    def storage(self) -> Any:
        if self._storage is None:  # one connection pool per test server
            self._storage = admin.open_storage(self.data_dir)
        return self._storage

    def server_ops(self) -> list[tuple[Any, ...]]:
        return self.storage().ops_since(0, 10**9)


_SHARED: dict[str, ServerProcess] = {}


def _stop_shared() -> None:
    for server in _SHARED.values():
        server.stop()


@pytest.fixture
def sync_server(
    tmp_path_factory: pytest.TempPathFactory, server_backend: str, server_location: Any
) -> ServerProcess:
    """One server per backend for the whole run (tests use their own plan fingerprints).
    The servers live in ``_SHARED``; the fixture itself is per test, so each test gets the
    backend it asks for (see ``server_location``)."""
    if server_backend not in _SHARED:
        if not _SHARED:
            atexit.register(_stop_shared)
        server = ServerProcess(server_location(tmp_path_factory.mktemp("server")))
        server.init()
        server.start()
        _SHARED[server_backend] = server
    return _SHARED[server_backend]


@pytest.fixture
def fresh_server(tmp_path: Path, server_location: Any):
    server = ServerProcess(server_location(tmp_path / "fresh-server"))
    server.init()
    server.start()
    yield server
    server.stop()


class Client:
    """One desktop: its own SQLite file, engine and (in-memory) token store."""

    def __init__(self, path: Path, server: ServerProcess, user: str, *, keyring: Any = None):
        self.path = path
        self.server = server
        # Memory only (the null backend) unless a test passes a real keyring.
        self.tokens = TokenStore(keyring or NullKeyring())
        Store.open(path).close()
        self.engine = sync_engine(path, server.url, token_store=self.tokens, username=user)
        self.user = user

    def login(self) -> dict[str, Any]:
        return self.engine.login(self.user, PASSWORD, self.path.stem)

    def sync(self, **kw: Any) -> SyncReport:
        return self.engine.sync(**kw)

    def store(self) -> Store:
        return Store.open(self.path)

    @contextmanager
    def opened(self) -> Iterator[Store]:
        """``with client.opened() as store:`` — this desktop's store, closed after."""
        store = self.store()
        try:
            yield store
        finally:
            store.close()

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with self.opened() as store:
            return store.db.execute(sql, params or []).fetchall()

    def edit(self, table: str, record_id: str, fields: dict[str, Any]) -> None:
        with self.opened() as store, store.action("test_edit") as tx:
            tx.update(table, record_id, fields)

    def delete(self, table: str, record_id: str) -> None:
        with self.opened() as store, store.action("test_delete") as tx:
            tx.delete(table, record_id)

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        with self.opened() as store, store.action("bulk") as tx:
            tx.insert_many(table, rows)

    def import_plan(self, fingerprint: str) -> str:
        with self.opened() as store:
            return store.import_plan(small_plan(fingerprint, doc_no=f"测〔{fingerprint}〕")).plan_id

    def pending(self) -> int:
        return self.query("SELECT count(*) FROM change_log WHERE acked_seq IS NULL")[0][0]

    def dump(self, plan_id: str) -> dict[str, Any]:
        """Everything of one plan, for convergence comparisons."""
        return {
            # Only what travels: imported_at / source_name are local facts.
            "plan": self.query(
                f"SELECT id, {', '.join(wire_columns('plan'))} FROM plan WHERE id = ?", [plan_id]
            ),
            "task": self.query("SELECT * FROM task WHERE plan_id = ? ORDER BY id", [plan_id]),
            "item": self.query(
                "SELECT i.* FROM item i JOIN task t ON t.id = i.task_id WHERE t.plan_id = ?"
                " ORDER BY i.id",
                [plan_id],
            ),
            "assignment": self.query(
                "SELECT a.* FROM assignment a JOIN item i ON i.id = a.item_id JOIN task t"
                " ON t.id = i.task_id WHERE t.plan_id = ? ORDER BY a.id",
                [plan_id],
            ),
        }

    def task_id(self, plan_id: str, no: int) -> str:
        return self.query("SELECT id FROM task WHERE plan_id = ? AND no = ?", [plan_id, no])[0][0]


def new_fingerprint() -> str:
    return uuid.uuid4().hex


def logged_in(
    tmp_path: Path,
    server: ServerProcess,
    name: str,
    user: str = "coord",
    role: str = "coordinator",
    unit: str = "",
) -> Client:
    """A desktop ``<name>.db`` logged in as ``user`` (created on the server if new)."""
    client = Client(tmp_path / f"{name}.db", server, server.user(user, role, unit))
    client.login()
    return client


def coordinator_with_plan(tmp_path: Path, server: ServerProcess) -> tuple[Client, str]:
    """Desktop ``a.db`` logged in as ``coord`` with a fresh small plan imported (not synced)."""
    client = logged_in(tmp_path, server, "a")
    return client, client.import_plan(new_fingerprint())


def drop_unit_from_task(client: Client, task_id: str, unit_name: str) -> str:
    """Remove ``unit_name``'s assignment on ``task_id`` (its only one there); its unit id."""
    unit = client.query("SELECT id FROM unit WHERE name = ?", [unit_name])[0][0]
    assignment = client.query(
        "SELECT a.id FROM assignment a JOIN item i ON i.id = a.item_id"
        " WHERE i.task_id = ? AND a.unit_id = ?",
        [task_id, unit],
    )[0][0]
    client.delete("assignment", assignment)
    return unit


def raw(server: ServerProcess, method: str, path: str, token: str | None = None, **kw: Any):
    from sync.protocol import version_headers

    headers = {**version_headers(3), **kw.pop("headers", {})}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.request(method, server.url + path, headers=headers, timeout=10, **kw)
