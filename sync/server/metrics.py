"""``/metrics`` (Prometheus text format) and the structured access log.

Counters and histograms come from ``prometheus_client``. With several worker
processes (``serve --workers N``) each process writes its values to files in
``PROMETHEUS_MULTIPROC_DIR`` (``serve`` sets a fresh folder when it is not set)
and ``/metrics``, whichever worker answers, sums them all (the client library's
multiprocess mode). With one process the values are in memory.

The access log (``serve --access-log FILE``, ``-`` for stderr) is one JSON object
per request: time, method, route, status, duration, client address.
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as multiprocess_mode

REQUESTS = Counter("liandong_requests", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "liandong_request_seconds",
    "Time to answer a request",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
)
PUSH_OPS = Counter("liandong_push_ops", "Pushed changes by outcome", ["status"])
PULL_OPS = Counter("liandong_pull_ops", "Changes sent to desktops by pulls")
CONFLICTS = Counter("liandong_conflicts", "Conflicts recorded by pushes")

access_log = logging.getLogger("liandong.access")


def setup_access_log(target: str | None) -> None:
    """Write the access log to ``target`` (a file, ``-`` for stderr); None: off."""
    if not target or access_log.handlers:
        return
    handler: logging.Handler = (
        logging.StreamHandler() if target == "-" else logging.FileHandler(target, "a", "utf-8")
    )
    handler.setFormatter(logging.Formatter("%(message)s"))
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False


def observe(method: str, route: str, status: int, seconds: float, ip: str) -> None:
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(route).observe(seconds)
    if access_log.isEnabledFor(logging.INFO):
        access_log.info(
            json.dumps(
                {
                    "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),
                    "method": method,
                    "route": route,
                    "status": status,
                    "ms": round(seconds * 1000, 1),
                    "ip": ip,
                    "pid": os.getpid(),
                },
                ensure_ascii=False,
            )
        )


def count_push(results: list[dict[str, Any]]) -> None:
    for result in results:
        if not result.get("duplicate"):
            PUSH_OPS.labels(str(result.get("status"))).inc()
            if result.get("conflicts"):
                CONFLICTS.inc(len(result["conflicts"]))


def exposition() -> tuple[bytes, str]:
    """The metrics text of this server (all workers in multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess_mode.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
