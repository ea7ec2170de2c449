"""Login limits under parallel load, on a loopback server.

    python -m bench.login [--flood 200]

Starts a real ``liandong serve`` (``tests.helpers.sync_helpers.ServerProcess``) and sends
(1) 40 wrong passwords for one account at once from one address, (2) a flood of
logins for different unknown names from different addresses (``X-Forwarded-For``),
then reads the server's CPU time from ``/proc``. Prints ``name: value unit (goal …)``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.helpers.sync_helpers import PASSWORD, ServerProcess, raw


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.1f} {unit} (goal {goal})", flush=True)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def login(server: ServerProcess, user: str, password: str, ip: str) -> tuple[int, str]:
    body = {"username": user, "password": password, "device_name": "bench"}
    reply = raw(server, "POST", "/v1/login", json=body, headers={"X-Forwarded-For": ip})
    return reply.status_code, reply.json().get("error", "")


def parallel(calls: list, workers: int = 40) -> Counter:  # type: ignore[type-arg]
    with ThreadPoolExecutor(workers) as pool:
        return Counter(pool.map(lambda call: call(), calls))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--flood", type=int, default=200, help="logins in the flood")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp) / "server")
        server.init()
        server.user("target")
        server.start()
        try:
            assert server.proc is not None
            codes = parallel([lambda: login(server, "target", "wrong", "10.0.0.1")] * 40)
            report(
                "parallel wrong passwords checked", codes[(401, "bad_credentials")], "of 40", "5"
            )
            before = cpu_seconds(server.proc.pid)
            started = time.perf_counter()
            calls = [
                (lambda i=i: login(server, f"nobody{i}", "x" * 8, f"10.1.{i // 250}.{i % 250}"))
                for i in range(args.flood)
            ]
            codes = parallel(calls)
            elapsed = time.perf_counter() - started
            used = cpu_seconds(server.proc.pid) - before
            report(
                "flood: passwords hashed",
                codes[(401, "bad_credentials")],
                f"of {args.flood}",
                "bounded",
            )
            report("flood: answered busy", codes[(429, "busy")], f"of {args.flood}", "the rest")
            report("flood: server CPU per wall second", used / elapsed, "cores", "≤ hash slots (2)")
            code = login(server, "admin", PASSWORD, "10.9.9.9")[0]
            report("login right after the flood", float(code), "HTTP status", "200")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
