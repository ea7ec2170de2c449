"""Failures give a plain Chinese message and lose nothing; tokens never touch disk."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from keyring.backends.fail import Keyring as FailKeyring
from keyrings.alt.file import PlaintextKeyring

from desktop.errors import UserError
from desktop.models.store import Store
from desktop.models.sync_engine import sync_engine
from sync import apply as sync_apply
from sync import client as client_module
from sync import protocol
from sync.client import (
    AuthFailed,
    BadServerReply,
    NotLoggedIn,
    ServerUnreachable,
    SyncError,
    TLSFailed,
    TokenStore,
    UpgradeRequired,
)
from tests.helpers.plans import small_plan
from tests.helpers.sync_helpers import (  # noqa: F401
    PASSWORD,
    ROOT,
    Client,
    ServerProcess,
    logged_in,
    new_fingerprint,
    raw,
    refused_url,
    sync_server,
)


def _offline_client(tmp_path: Path, url: str) -> tuple[Client, str]:
    """A client with a plan and pending changes, pointed at ``url``."""
    client = Client(tmp_path / "c.db", ServerProcess(tmp_path / "unused"), "coord")
    plan = client.import_plan(new_fingerprint())
    with client.opened() as store:  # as if logged in earlier: the device and its token are known
        for key, value in (("server_url", url), ("username", "coord"), ("device_id", "dev1")):
            sync_apply.set_state(store.db, key, value)
    client.engine = sync_engine(client.path, url, token_store=client.tokens, username="coord")
    client.tokens.set(url, "coord", "some-refresh-token", "dev1")
    return client, plan


def _assert_nothing_lost(client: Client, plan: str, pending: int) -> None:
    assert client.pending() == pending
    assert client.query("SELECT count(*) FROM task WHERE plan_id = ?", [plan]) == [(2,)]


def test_wrong_password_and_rate_limit(tmp_path: Path, sync_server: ServerProcess) -> None:  # noqa: F811
    user = sync_server.user("ratelimited")
    client = Client(tmp_path / "a.db", sync_server, user)
    client.import_plan(new_fingerprint())
    with pytest.raises(AuthFailed) as err:
        client.engine.login(user, "wrong-password", "x")
    assert err.value.message == "用户名或密码错误。"
    assert client.pending() == 15
    for _ in range(4):
        with pytest.raises(AuthFailed):
            client.engine.login(user, "wrong-password", "x")
    with pytest.raises(SyncError) as err:  # even the right password is refused for a while
        client.engine.login(user, PASSWORD, "x")
    assert "次数过多" in err.value.message
    assert client.pending() == 15


def test_server_down(tmp_path: Path) -> None:
    with refused_url() as url:
        client, plan = _offline_client(tmp_path, url)
        with pytest.raises(ServerUnreachable) as err:
            client.sync()
    assert "无法连接同步服务器" in err.value.message and "本机数据未受影响" in err.value.message
    _assert_nothing_lost(client, plan, 15)


class _BadHandler(http.server.BaseHTTPRequestHandler):
    bodies = {
        "/html": (200, "text/html", "<html><body>登录门户</body></html>"),
        "/garbage": (200, "application/json", "\x00\x01{not json"),
        "/gateway": (502, "text/html", "<h1>502 Bad Gateway</h1>"),
    }

    def _reply(self) -> None:
        prefix = "/" + self.path.strip("/").split("/")[0]
        status, ctype, body = self.bodies.get(prefix, (404, "text/plain", "no"))
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _reply

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def bad_server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BadHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.mark.parametrize(
    ("path", "error"),
    [("html", BadServerReply), ("garbage", BadServerReply), ("gateway", SyncError)],
)
def test_garbage_html_and_5xx_replies(tmp_path: Path, bad_server: str, path: str, error) -> None:
    client, plan = _offline_client(tmp_path, f"{bad_server}/{path}")
    with pytest.raises(error) as err:
        client.sync()
    assert isinstance(err.value, UserError) and "本机数据未受影响" in err.value.message
    with pytest.raises(UserError):
        client.engine.login("coord", PASSWORD, "x")
    _assert_nothing_lost(client, plan, 15)


def test_tls_failure_then_custom_ca_bundle(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    server = ServerProcess(tmp_path / "tls-server")
    server.init()
    server.user("coord")
    server.start(["--ssl-certfile", str(cert), "--ssl-keyfile", str(key)])
    try:
        url = f"https://127.0.0.1:{server.port}"
        client, plan = _offline_client(tmp_path, url)
        with pytest.raises(TLSFailed) as err:
            client.engine.login("coord", PASSWORD, "x")
        assert "证书校验失败" in err.value.message
        _assert_nothing_lost(client, plan, 15)
        engine = sync_engine(client.path, url, token_store=client.tokens, ca_bundle=str(cert))
        engine.login("coord", PASSWORD, "x")
        assert engine.sync().pushed == 15
        engine.close()
        client.engine.close()
    finally:
        server.stop()


def test_too_old_client_gets_upgrade_message(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
    monkeypatch,
) -> None:
    reply = raw(sync_server, "GET", "/v1/hello", headers={protocol.HEADER_PROTOCOL: "0"})
    assert reply.status_code == 426 and "请升级联动" in reply.json()["message"]
    client = logged_in(tmp_path, sync_server, "a")
    plan = client.import_plan(new_fingerprint())
    monkeypatch.setattr(client_module.p, "version_headers", lambda _s: {"X-Liandong-Protocol": "0"})
    old = sync_engine(client.path, sync_server.url, token_store=client.tokens, username="coord")
    with pytest.raises(UpgradeRequired) as err:
        old.sync()
    assert "请升级联动" in err.value.message
    _assert_nothing_lost(client, plan, 15)


def test_no_keyring_keeps_token_for_the_session_only(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    sync_server.user("coord")
    tokens = TokenStore(FailKeyring())
    assert not tokens.available and "钥匙串" in tokens.warning
    path = tmp_path / "a.db"
    engine = sync_engine(path, sync_server.url, token_store=tokens)
    engine.login("coord", PASSWORD, "x")
    engine._access = None  # forces a refresh from the in-memory token
    engine.sync()
    later = sync_engine(path, token_store=TokenStore(FailKeyring()))  # "next run"
    with pytest.raises(NotLoggedIn) as err:
        later.sync()
    assert "钥匙串" in err.value.message
    assert b"refresh" not in path.read_bytes()


def _cli(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def test_cli_server_admin_login_sync_conflicts_with_file_keyring(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    import os

    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "LIANDONG_DATA_DIR": str(tmp_path / "d"),
    }
    data = str(sync_server.data_dir)
    done = _cli(
        [
            "server",
            "user",
            "add",
            "cliuser",
            "--role",
            "coordinator",
            "--data",
            data,
            "--password-stdin",
        ],
        env,
        PASSWORD + "\n",
    )
    assert done.returncode == 0, done.stderr
    listed = _cli(["server", "user", "list", "--data", data], env)
    assert "cliuser\t协调员" in listed.stdout
    short = _cli(
        ["server", "user", "add", "x", "--role", "admin", "--data", data, "--password-stdin"],
        env,
        "1\n",
    )
    assert short.returncode == 2 and "密码至少" in short.stderr
    db = str(tmp_path / "cli.db")
    with refused_url() as nowhere:
        down = _cli(
            ["sync", "--db", db, "--server", nowhere, "--user", "cliuser", "--password-stdin"],
            env,
            PASSWORD + "\n",
        )
    assert down.returncode == 2 and "无法连接同步服务器" in down.stderr
    # One-shot sync with the password on stdin: works, and stores no token anywhere.
    once = _cli(
        ["sync", "--db", str(tmp_path / "once.db"), "--server", sync_server.url, "--user",
         "cliuser", "--password-stdin"],
        env,
        PASSWORD + "\n",
    )  # fmt: skip
    assert once.returncode == 0 and "同步完成" in once.stdout, once.stderr
    assert not (tmp_path / "xdg").exists()  # the file keyring was never written
    audit = _cli(["server", "audit", "--data", data, "--user", "cliuser", "--json"], env)
    assert audit.returncode == 0 and audit.stdout.strip() == "[]"  # pulled only, no writes
    login = _cli(
        ["login", "--db", db, "--server", sync_server.url, "--user", "cliuser", "--password-stdin"],
        env,
        PASSWORD + "\n",
    )
    assert login.returncode == 0, login.stderr
    assert "已登录" in login.stdout
    local = Store.open(db)
    local.import_plan(small_plan(new_fingerprint()))
    local.close()
    synced = _cli(["sync", "--db", db], env)
    assert synced.returncode == 0, synced.stderr
    assert "同步完成" in synced.stdout
    conflicts = _cli(["conflicts", "--db", db], env)
    assert conflicts.returncode == 0 and "没有未处理的冲突" in conflicts.stdout
    # The refresh token is in the keyring file, never in the database.
    keyring_file = PlaintextKeyring().file_path.replace(
        str(Path.home() / ".local" / "share"), str(tmp_path / "xdg")
    )
    assert Path(keyring_file).exists()
    assert b"refresh" not in Path(db).read_bytes()
    trail = _cli(["server", "audit", "--data", data, "--user", "cliuser", "--limit", "5"], env)
    lines = trail.stdout.splitlines()
    assert trail.returncode == 0 and len(lines) == 5
    assert all("cliuser" in line and "已接受" in line for line in lines)
    disabled = _cli(["server", "user", "disable", "cliuser", "--data", data], env)
    assert disabled.returncode == 0
    stopped = _cli(["sync", "--db", db], env)
    assert stopped.returncode == 2 and "停用" in stopped.stderr


def test_a_malformed_server_address_is_explained(tmp_path) -> None:
    from keyring.backends.null import Keyring as NullKeyring

    from desktop.errors import UserError
    from desktop.models.sync_engine import sync_engine
    from sync.client import TokenStore

    engine = sync_engine(tmp_path / "x.db", "not-a-url", token_store=TokenStore(NullKeyring()))
    with pytest.raises(UserError, match="地址无效"):
        engine.login("someone", "password123")
    engine.close()
