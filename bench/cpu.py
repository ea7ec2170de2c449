"""CPU time of other processes (server workers, PostgreSQL), for benches on a shared machine.

Wall times on the shared 2-core machine mostly measure the other jobs; the CPU time a
process tree used is the figure to compare. Read from ``/proc`` (Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def cpu_of(pids: list[int]) -> float:
    """User + system CPU seconds used so far by these processes (gone ones count 0)."""
    total = 0.0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            total += (int(fields[11]) + int(fields[12])) / _TICK
    return total


def tree(root: int) -> list[int]:
    """``root`` and all its descendants (e.g. uvicorn's worker processes)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def postgres_pids(data_dir: Path | None = None) -> list[int]:
    """Every running PostgreSQL process (postmaster and backends); with ``data_dir``
    only that cluster's (its postmaster and the processes it started)."""
    if data_dir is not None:
        try:
            return tree(int((data_dir / "postmaster.pid").read_text().split()[0]))
        except (OSError, ValueError, IndexError):
            return []
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process, in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def load_average() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def cluster_pids(data_dir: Path) -> list[int]:
    """The processes of one PostgreSQL cluster (its postmaster and backends), found from
    ``postmaster.pid`` in its data folder: other clusters on the machine do not count."""
    try:
        postmaster = int((Path(data_dir) / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return []
    return tree(postmaster)
