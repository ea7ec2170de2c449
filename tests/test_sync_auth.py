"""Login limits, password hashing limit, refresh-token families: a real server, parallel HTTP.

Addresses are simulated with ``X-Forwarded-For``, which the server trusts from
127.0.0.1 (as behind nginx).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from sync.server import auth
from tests.helpers.sync_helpers import PASSWORD, ROOT, ServerProcess, logged_in, raw

pytestmark = pytest.mark.both_backends


@pytest.fixture
def server(tmp_path: Path, server_location: Any):
    # A queue big enough that only the login limits (not the hashing limit) refuse here.
    server = ServerProcess(server_location(tmp_path / "server"), env={"LIANDONG_HASH_QUEUE": "64"})
    server.init()
    server.start()
    yield server
    server.stop()


def _login(
    server: ServerProcess, user: str, password: str, ip: str, device_id: str | None = None
) -> Any:
    body = {"username": user, "password": password, "device_name": "pc", "device_id": device_id}
    return raw(server, "POST", "/v1/login", json=body, headers={"X-Forwarded-For": ip})


def _parallel(calls: list[Any]) -> list[Any]:
    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def _login_audit(server: ServerProcess, user: str) -> list[tuple[str, str, str]]:
    return (
        server.storage()
        .conn()
        .execute(
            "SELECT kind, status, reason FROM audit WHERE username = ? AND kind = 'login'", [user]
        )
        .fetchall()
    )


def test_parallel_wrong_passwords_are_cut_off_at_the_limit(server: ServerProcess) -> None:
    user = server.user("target")
    replies = _parallel([lambda: _login(server, user, "wrong-password", "10.0.0.9")] * 40)
    codes = Counter((r.status_code, r.json()["error"]) for r in replies)
    assert codes == {(401, "bad_credentials"): auth.MAX_FAILURES, (429, "rate_limited"): 35}
    assert all(int(r.headers["Retry-After"]) > 0 for r in replies if r.status_code == 429)
    # Exactly the checked attempts are in the audit log.
    audit = _login_audit(server, user)
    assert audit == [("login", "rejected", "登录失败：密码错误")] * auth.MAX_FAILURES
    # Even the right password waits now (the reply does not depend on it).
    assert _login(server, user, PASSWORD, "10.0.0.9").status_code == 429


def test_colleagues_behind_one_office_nat_do_not_lock_each_other_out(
    server: ServerProcess,
) -> None:
    office = "10.1.1.1"
    careless, colleague = server.user("careless"), server.user("colleague")
    for _ in range(auth.MAX_FAILURES):
        assert _login(server, careless, "wrong-password", office).status_code == 401
    assert _login(server, careless, PASSWORD, office).status_code == 429
    assert _login(server, colleague, PASSWORD, office).status_code == 200
    # The careless user from home is still only checked, not blocked.
    assert _login(server, careless, PASSWORD, "10.2.2.2").status_code == 200


def test_account_backoff_across_addresses_spares_known_devices(
    tmp_path: Path, server: ServerProcess
) -> None:
    user = server.user("popular")
    known = _login(server, user, PASSWORD, "10.3.0.1").json()["device_id"]
    free = auth.ACCOUNT_FREE_FAILURES
    # A distributed guesser: every request from its own address, all at once.
    replies = _parallel(
        [(lambda i=i: _login(server, user, f"guess-{i}", f"10.4.0.{i}")) for i in range(free + 10)]
    )
    codes = Counter(r.status_code for r in replies)
    assert codes == {401: free, 429: 10}
    waits = [int(r.headers["Retry-After"]) for r in replies if r.status_code == 429]
    assert all(0 < wait <= auth.ACCOUNT_BACKOFF for wait in waits)
    assert "秒后再试" in next(r for r in replies if r.status_code == 429).json()["message"]
    # A new address waits, whatever the password; the desktop that logged in before does not.
    assert _login(server, user, PASSWORD, "10.5.0.1").status_code == 429
    again = _login(server, user, PASSWORD, "10.3.0.1", device_id=known)
    assert again.status_code == 200 and again.json()["device_id"] == known


def test_password_hashing_has_a_global_limit(tmp_path: Path) -> None:
    server = ServerProcess(
        tmp_path / "server",
        env={"LIANDONG_HASH_SLOTS": "1", "LIANDONG_HASH_QUEUE": "2", "LIANDONG_HASH_WAIT": "30"},
    )
    server.init()
    server.start()
    try:
        # A flood of different (unknown) names from different addresses: no login limit
        # applies, only the hashing limit. At most 1 hash runs and 2 wait; the rest are
        # told the server is busy at once, and those checks never ran (they do not count).
        together = threading.Barrier(30)

        def flood(i: int) -> Any:
            together.wait(10)
            return _login(server, f"nobody{i}", "x" * 8, f"10.6.0.{i}")

        replies = _parallel([(lambda i=i: flood(i)) for i in range(30)])
        codes = Counter((r.status_code, r.json()["error"]) for r in replies)
        assert set(codes) == {(401, "bad_credentials"), (429, "busy")}
        assert codes[(429, "busy")] >= 15
        checked = (
            server.storage()
            .conn()
            .execute("SELECT count(*) FROM audit WHERE kind = 'login'")
            .fetchone()[0]
        )
        assert checked == codes[(401, "bad_credentials")]
        assert (
            server.storage().conn().execute("SELECT count(*) FROM login_attempt").fetchone()[0]
            == codes[(401, "bad_credentials")]
        )
        # Once the flood is over, a real user logs in.
        assert _login(server, "admin", PASSWORD, "10.7.0.1").status_code == 200
    finally:
        server.stop()


def test_a_disabled_account_answers_the_same_to_right_and_wrong_passwords(
    server: ServerProcess,
) -> None:
    user = server.user("leaver")
    from sync.server import admin

    admin.set_disabled(server.data_dir, user, True)
    right = _login(server, user, PASSWORD, "10.8.0.1")
    wrong = _login(server, user, "not-the-password", "10.8.0.1")
    assert (right.status_code, right.json()) == (wrong.status_code, wrong.json())
    assert right.status_code == 403 and right.json()["error"] == "disabled"
    reasons = [reason for _kind, _status, reason in _login_audit(server, user)]
    assert reasons == ["登录失败：账号已停用"] * 2


def test_refresh_retries_get_the_same_token_and_other_reuse_revokes_the_login(
    tmp_path: Path, server: ServerProcess
) -> None:
    a = logged_in(tmp_path, server, "a")
    device = a.engine.device_id
    first = a.tokens.get(server.url, "coord", device)

    def refresh(token: str) -> Any:
        return raw(server, "POST", "/v1/refresh", json={"refresh_token": token})

    # The same token sent 8 times at once (retries after lost replies): one successor.
    replies = _parallel([lambda: refresh(first)] * 8)
    assert {r.status_code for r in replies} == {200}
    successors = {r.json()["refresh_token"] for r in replies}
    assert len(successors) == 1 and first not in successors
    second = successors.pop()
    # The successor is used (the desktop got it): the first token again is a copy.
    third = refresh(second).json()["refresh_token"]
    stolen = refresh(first)
    assert stolen.status_code == 401 and stolen.json()["error"] == "revoked"
    assert "重复使用" in stolen.json()["message"] and "重新输入密码" in stolen.json()["message"]
    # The whole family is dead: the newest token too, for both holders.
    assert refresh(third).status_code == 401
    revocations = (
        server.storage()
        .conn()
        .execute("SELECT username, device_id, status FROM audit WHERE kind = 'refresh'")
        .fetchall()
    )
    assert revocations == [("coord", device, "revoked")]
    # The real user logs in again with the password, as the same device.
    a.login()
    assert a.engine.device_id == device
    a.sync()


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [("        ", "全是空格"), ("short", "至少需要 8 个字符"), ("pass\x1bword12", "控制字符")],
)
def test_user_add_refuses_weak_passwords(tmp_path: Path, password: str, message: str) -> None:
    data = str(tmp_path / "data")
    init = _cli("server", "init", "--data", data, "--password-stdin", stdin=PASSWORD + "\n")
    assert init.returncode == 0, init.stderr
    added = _cli(
        "server", "user", "add", "bob", "--role", "coordinator", "--data", data,
        "--password-stdin", stdin=password + "\n",
    )  # fmt: skip
    assert added.returncode == 2 and message in added.stderr and "Traceback" not in added.stderr
    users = _cli("server", "user", "list", "--data", data)
    assert "bob" not in users.stdout


def test_a_copy_used_within_the_grace_window_is_caught_at_the_next_rotation(
    tmp_path: Path, server: ServerProcess
) -> None:
    a = logged_in(tmp_path, server, "a")
    copied = a.tokens.get(server.url, "coord", a.engine.device_id)
    a.engine._access = None
    a.sync()  # the desktop rotates: it holds the successor now
    # The thief, seconds later, gets the same successor: no second valid branch exists.
    thief = raw(server, "POST", "/v1/refresh", json={"refresh_token": copied}).json()
    assert thief["refresh_token"] == a.tokens.get(server.url, "coord", a.engine.device_id)
    live = (
        server.storage()
        .conn()
        .execute(
            "SELECT count(*) FROM token WHERE kind = 'refresh' AND rotated_at IS NULL"
            " AND revoked = 0 AND device_id = ?",
            [a.engine.device_id],
        )
        .fetchone()[0]
    )
    assert live == 1
    for _ in range(2):  # the desktop goes on (every 15 minutes in real life)
        a.engine._access = None
        a.sync()
    # The thief's token was used by the desktop and so was its successor: a reuse.
    stolen = raw(server, "POST", "/v1/refresh", json={"refresh_token": thief["refresh_token"]})
    assert stolen.status_code == 401 and "重复使用" in stolen.json()["message"]
    # ... and the thief's access token died with the family.
    pull = raw(server, "GET", "/v1/pull", thief["access_token"], params={"since": 0})
    assert pull.status_code == 401
