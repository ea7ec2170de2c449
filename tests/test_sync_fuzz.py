"""Malformed requests to a real server: a 4xx with a Chinese message, never a 500.

Regression cases found by fuzzing the API with schemathesis (lone surrogates
stored into SQLite, FastAPI's English error bodies, unbounded bodies), plus a
small deterministic hypothesis sweep. After each, a normal pull still works
and a real client still syncs everything the server stored.
"""

from __future__ import annotations

import json
import re
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sync import protocol as p
from tests.helpers.sync_helpers import PASSWORD, Client, ServerProcess, raw

# one worker runs the whole module, in order (``scripts/test.sh``: ``--dist loadgroup``):
# the last test pulls what the sweeps before it stored on the module's server
pytestmark = pytest.mark.xdist_group("sync_fuzz")

CJK = re.compile(r"[\u4e00-\u9fff]")
JSON_HEADERS = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server of its own: the junk pushed here must not reach other tests' clients."""
    proc = ServerProcess(tmp_path_factory.mktemp("fuzz-server"))
    proc.init()
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def token(server: ServerProcess) -> str:
    reply = raw(server, "POST", "/v1/login", json={"username": "admin", "password": PASSWORD})
    assert reply.status_code == 200, reply.text
    return reply.json()["access_token"]


def assert_refusal(reply: Any, status: int | None = None) -> dict[str, Any]:
    assert 400 <= reply.status_code < 500, (reply.status_code, reply.text[:300])
    if status is not None:
        assert reply.status_code == status, reply.text[:300]
    body = reply.json()
    assert isinstance(body.get("error"), str) and body["error"]
    assert CJK.search(body.get("message", "")), body
    return body


def assert_serves(server: ServerProcess, token: str) -> None:
    reply = raw(server, "GET", "/v1/pull", token, params={"since": 0, "limit": 5})
    assert reply.status_code == 200, reply.text[:300]
    assert set(reply.json()) == {"ops", "next", "more"}


def body(text: str) -> dict[str, Any]:
    """A hand-written JSON body (for escapes ``requests`` would never produce)."""
    return {"data": text.encode("utf-8"), "headers": JSON_HEADERS}


def op(**kw: Any) -> dict[str, Any]:
    return {"op": uuid.uuid4().hex, "tbl": "unit", "id": "r1", "kind": "insert", **kw}


# (name, method, path, request kwargs, expected status)
REFUSED: list[tuple[str, str, str, dict[str, Any], int]] = [
    ("invalid json", "POST", "/v1/push", body("{not json"), 422),
    ("truncated json", "POST", "/v1/push", body('{"ops": ['), 422),
    ("body is an array", "POST", "/v1/push", {"json": [1, 2]}, 422),
    ("ops is a string", "POST", "/v1/push", {"json": {"ops": "x"}}, 422),
    ("ops missing", "POST", "/v1/push", {"json": {}}, 422),
    ("no content type", "POST", "/v1/push", {"data": b'{"ops": []}'}, 422),
    (
        "invalid utf-8",
        "POST",
        "/v1/push",
        {"data": b'{"ops": ["\xff"]}', "headers": JSON_HEADERS},
        400,
    ),
    ("deep nesting", "POST", "/v1/push", body('{"ops": [' + "[" * 50000 + "]" * 50000 + "]}"), 400),
    ("too many ops", "POST", "/v1/push", {"json": {"ops": [{}] * (p.MAX_OPS_PER_PUSH + 1)}}, 413),
    (
        "login surrogate user",
        "POST",
        "/v1/login",
        body('{"username": "\\ud800", "password": "x"}'),
        422,
    ),
    (
        "login surrogate pw",
        "POST",
        "/v1/login",
        body('{"username": "admin", "password": "\\udfff"}'),
        422,
    ),
    (
        "login long username",
        "POST",
        "/v1/login",
        {"json": {"username": "u" * 100_000, "password": "x"}},
        422,
    ),
    (
        "login null password",
        "POST",
        "/v1/login",
        {"json": {"username": "admin", "password": None}},
        422,
    ),
    ("refresh surrogate", "POST", "/v1/refresh", body('{"refresh_token": "\\ud800"}'), 422),
    ("refresh wrong type", "POST", "/v1/refresh", {"json": {"refresh_token": ["\ud800"]}}, 422),
    ("pull since not a number", "GET", "/v1/pull", {"params": {"since": "abc"}}, 422),
    ("pull since 5000 digits", "GET", "/v1/pull", {"params": {"since": "9" * 5000}}, 422),
    ("pull limit float", "GET", "/v1/pull", {"params": {"limit": "1.5"}}, 422),
    ("snapshot limit text", "GET", "/v1/snapshot", {"params": {"limit": "many"}}, 422),
    ("notices after huge float", "POST", "/v1/conflicts/notices", {"json": {"after": 1e308}}, 422),
    ("resolve ids not ints", "POST", "/v1/conflicts/resolve", {"json": {"ids": ["a", None]}}, 422),
    ("unknown endpoint", "GET", "/v1/nothing", {}, 404),
    ("wrong method", "GET", "/v1/push", {}, 405),
    (
        "no version headers",
        "GET",
        "/v1/pull",
        {"headers": {p.HEADER_PROTOCOL: "", p.HEADER_SCHEMA: ""}},
        426,
    ),
    ("version header huge", "GET", "/v1/hello", {"headers": {p.HEADER_PROTOCOL: "9" * 5000}}, 426),
]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_malformed_request_is_refused_in_chinese(
    server: ServerProcess, token: str, method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    assert_refusal(raw(server, method, path, token, **kwargs), status)
    assert_serves(server, token)


def test_surrogates_in_ops_are_rejected_not_stored(server: ServerProcess, token: str) -> None:
    """Lone surrogates used to reach SQLite (UnicodeEncodeError: HTTP 500)."""
    before = server.storage().max_seq()
    ops = [
        '{"op": "\\ud800", "tbl": "fuzz_t", "id": "r", "kind": "insert"}',
        '{"op": "s-rec", "tbl": "fuzz_t", "id": "\\udfff", "kind": "insert"}',
        '{"op": "s-val", "tbl": "fuzz_t", "id": "r", "kind": "insert", "fields": {"a": "x\\ud83d"}}',
        '{"op": "n-val", "tbl": "fuzz_t", "id": "r", "kind": "insert", "fields": {"a": NaN}}',
    ]
    reply = raw(server, "POST", "/v1/push", token, **body('{"ops": [' + ",".join(ops) + "]}"))
    assert reply.status_code == 200, reply.text
    results = reply.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 4
    assert [r["op"] for r in results] == [None, "s-rec", "s-val", "n-val"]
    assert all(CJK.search(r["reason"]) for r in results)
    assert server.storage().max_seq() == before
    # Valid non-ASCII text (astral plane, line separators in multi-line text) is stored and
    # pulled back; NUL and out-of-range numbers are refused by the schema registry.
    text = "𠀀测试\n\u2028😀\t"
    good = op(tbl="plan", id="unicode", fields={"title": "𠀀测试😀", "source_text": text})
    nul = op(tbl="plan", id="nul", fields={"title": "测试\x00"})
    huge = op(tbl="task", id="huge", fields={"plan_id": "unicode", "no": 2**63 - 1})
    reply = raw(server, "POST", "/v1/push", token, json={"ops": [good, nul, huge]})
    results = reply.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "rejected", "rejected"]
    assert "空字符" in results[1]["reason"] and "任务序号" in results[2]["reason"]
    seq = results[0]["seq"]
    other = _login(server, "fuzz-reader")
    pulled = raw(server, "GET", "/v1/pull", other, params={"since": seq - 1, "limit": 5}).json()
    assert [o["fields"] for o in pulled["ops"]] == [{"title": "𠀀测试😀", "source_text": text}]


def _login(server: ServerProcess, name: str) -> str:
    server.user(name)
    reply = raw(server, "POST", "/v1/login", json={"username": name, "password": PASSWORD})
    assert reply.status_code == 200, reply.text
    return reply.json()["access_token"]


def _raw_http(
    server: ServerProcess, request_line: bytes, headers: dict[str, str], data: bytes
) -> bytes:
    head = [request_line, b"Host: 127.0.0.1"]
    head += [f"{k}: {v}".encode() for k, v in {**p.version_headers(3), **headers}.items()]
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"\r\n".join(head) + b"\r\n\r\n" + data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and b"}" in chunks[-1]:
                break
        return b"".join(chunks)


def test_huge_declared_body_is_refused_before_it_is_read(server: ServerProcess, token: str) -> None:
    # 100 MB announced, 10 bytes sent: the answer comes at once, nothing is awaited.
    reply = _raw_http(
        server,
        b"POST /v1/push HTTP/1.1",
        {
            "Content-Length": "100000000",
            "Content-Type": "application/json",
            "Authorization": f"Bearer {token}",
        },
        b'{"ops": ["',
    )
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    payload = json.loads(reply.split(b"\r\n\r\n", 1)[1])
    assert payload["error"] == "too_large" and CJK.search(payload["message"])
    assert_serves(server, token)


def test_unreadable_content_length_is_refused(server: ServerProcess, token: str) -> None:
    reply = _raw_http(server, b"POST /v1/push HTTP/1.1", {"Content-Length": "-1"}, b"{}")
    assert reply.split(b" ", 2)[1].startswith(b"4"), reply[:200]
    assert_serves(server, token)


def test_huge_chunked_body_is_cut_off(server: ServerProcess, token: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"ops": ["'
        for _ in range(p.MAX_BODY_BYTES // 1_000_000 + 5):
            yield b"a" * 1_000_000
        yield b'"]}'

    reply = raw(server, "POST", "/v1/push", token, data=chunks(), headers=JSON_HEADERS)
    assert assert_refusal(reply, 413)["error"] == "too_large"
    assert_serves(server, token)


def test_pull_limit_and_since_are_clamped(server: ServerProcess, token: str) -> None:
    writer = _login(server, "fuzz-writer")
    ops = [op(id=f"clamp-{i}", fields={"name": f"单位{i}"}) for i in range(3)]
    reply = raw(server, "POST", "/v1/push", writer, json={"ops": ops})
    seqs = [r["seq"] for r in reply.json()["results"]]
    first = seqs[0] - 1
    page = raw(server, "GET", "/v1/pull", token, params={"since": first, "limit": -5}).json()
    assert [o["seq"] for o in page["ops"]] == seqs[:1] and page["more"] is True
    page = raw(server, "GET", "/v1/pull", token, params={"since": first, "limit": 10**30}).json()
    assert [o["seq"] for o in page["ops"]][:3] == seqs
    page = raw(server, "GET", "/v1/pull", token, params={"since": -(10**30), "limit": 1}).json()
    assert page["next"] == 1
    page = raw(server, "GET", "/v1/pull", token, params={"since": 10**30}).json()
    assert page == {"ops": [], "next": p.INT64_MAX, "more": False}
    snap = raw(server, "GET", "/v1/snapshot", token, params={"limit": 0, "after_tbl": "\x00"})
    assert snap.status_code == 200 and len(snap.json()["records"]) == 1


# -- a small deterministic property sweep ------------------------------------------------

_SPECIAL = st.sampled_from(["\ud800", "\udfff x", "\x00", "\u2028", "𠀀", "a" * 70, "", "id"])
_TEXT = st.one_of(st.text(max_size=8), _SPECIAL)
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6,
)
_OP = st.fixed_dictionaries(
    {},
    optional={
        "op": st.one_of(_TEXT, _JSON),
        "tbl": st.one_of(st.sampled_from(["fuzz_t", "task", "report", "Bad", "_"]), _JSON),
        "id": st.one_of(_TEXT, _JSON),
        "kind": st.one_of(st.sampled_from(list(p.KINDS)), _JSON),
        "fields": st.one_of(st.dictionaries(_TEXT, _JSON, max_size=3), _JSON),
        "base": st.one_of(st.integers(min_value=-(2**70), max_value=2**70), _JSON),
    },
)
# Nearly valid ops: each part valid or one of the awkward values.
_NEAR_OP = st.fixed_dictionaries(
    {
        "op": st.one_of(st.uuids().map(str), _SPECIAL),
        "tbl": st.sampled_from(["unit", "plan", "fuzz_t"]),
        "id": st.one_of(st.sampled_from(["r1", "r2", "记录"]), _SPECIAL),
        "kind": st.sampled_from(list(p.KINDS)),
        "fields": st.dictionaries(
            st.sampled_from(["title", "name", "kind", "aliases", "n", "a_b"]),
            st.one_of(_SPECIAL, st.integers(min_value=-(2**64), max_value=2**64), _JSON),
            max_size=3,
        ),
    },
    optional={"base": st.one_of(st.integers(min_value=-1, max_value=2**64), _JSON)},
)
_SWEEP = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure reports at once
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _ok_or_refused(reply: Any) -> Any:
    assert reply.status_code < 500, reply.text[:300]
    if reply.status_code >= 400:
        assert_refusal(reply)
    return reply.json()


@_SWEEP
@given(ops=st.lists(st.one_of(_NEAR_OP, _OP, _JSON), max_size=4))
def test_push_sweep(server: ServerProcess, token: str, ops: list[Any]) -> None:
    data = json.dumps({"ops": ops}, allow_nan=True).encode()
    reply = _ok_or_refused(raw(server, "POST", "/v1/push", token, data=data, headers=JSON_HEADERS))
    assert len(reply["results"]) == len(ops)
    for result in reply["results"]:
        assert result["status"] in (p.ACCEPTED, p.CONFLICT, p.REJECTED)


@_SWEEP
@given(
    path=st.sampled_from(
        ["/v1/login", "/v1/refresh", "/v1/conflicts/resolve", "/v1/conflicts/notices"]
    ),
    payload=_JSON,
)
def test_json_body_sweep(server: ServerProcess, token: str, path: str, payload: Any) -> None:
    data = json.dumps(payload, allow_nan=True).encode()
    _ok_or_refused(raw(server, "POST", path, token, data=data, headers=JSON_HEADERS))


@_SWEEP
@given(
    path=st.sampled_from(["/v1/pull", "/v1/snapshot"]),
    params=st.dictionaries(
        st.sampled_from(["since", "limit", "after_tbl", "after_id"]),
        st.one_of(st.integers(min_value=-(10**40), max_value=10**40), st.text(max_size=10)),
    ),
)
def test_query_sweep(server: ServerProcess, token: str, path: str, params: dict[str, Any]) -> None:
    _ok_or_refused(raw(server, "GET", path, token, params=params))


def test_a_real_client_still_syncs_after_the_junk(
    tmp_path: Path, server: ServerProcess, token: str
) -> None:
    """Whatever the sweeps got stored, another desktop pulls it without an error."""
    before = server.storage().max_seq()
    assert before > 0
    client = Client(tmp_path / "after-fuzz.db", server, server.user("fuzz-client"))
    client.login()
    report = client.sync()
    assert report.pulled >= 1
    cursor = client.query("SELECT value FROM sync_state WHERE key = 'cursor'")
    assert int(cursor[0][0]) >= before
    # The server stored nothing the schema registry refuses: nothing was kept aside.
    assert client.query("SELECT reason FROM sync_deferred") == []
