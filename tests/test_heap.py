"""Freed heap memory handed back to the system after the window's big loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.heap import release_freed_memory

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_memory_goes_back_to_the_system() -> None:
    rows = [(str(n), str(n * 7)) for n in range(300_000)]  # a load's rows, then let go
    del rows
    assert release_freed_memory() is True


def test_does_nothing_without_glibc(monkeypatch) -> None:
    import desktop.heap as heap

    monkeypatch.setattr(heap, "_looked", False)
    monkeypatch.setattr(heap, "_trim", None)
    monkeypatch.setattr(heap.sys, "platform", "win32")
    assert release_freed_memory() is False
    assert heap._trim is None


# A child process: a large free first (glibc then keeps blocks up to its size in the
# heap), then 64 blocks of 1 MiB between small ones that stay, all freed: what the
# resident size loses when they go (KiB), with or without ``return_large_blocks``.
_FREED_BACK = """
import sys
from pathlib import Path
from desktop.heap import return_large_blocks

def resident() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise SystemExit("no VmRSS")

if sys.argv[1] == "tuned":
    assert return_large_blocks()
first = bytearray(16 << 20)  # (at most 32 MiB: glibc raises its threshold to it)
del first
kept, large = [], []
for _ in range(64):
    large.append(bytearray(1 << 20))  # zero-filled: resident
    kept.append(bytearray(100_000))  # from the heap either way, between the large ones
before = resident()
del large
print(before - resident())
"""


def _freed_back(mode: str) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MALLOC_MMAP_THRESHOLD_", None)
    done = subprocess.run(
        [sys.executable, "-c", _FREED_BACK, mode],
        capture_output=True, text=True, env=env, check=True, timeout=60,
    )  # fmt: skip
    return int(done.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_large_blocks_go_back_to_the_system_when_freed() -> None:
    # without: the 64 MiB stay resident after the free (glibc's raised threshold)
    assert _freed_back("default") < 16 * 1024
    assert _freed_back("tuned") > 56 * 1024


def test_large_blocks_left_to_the_user_or_the_platform(monkeypatch) -> None:
    import desktop.heap as heap

    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    assert heap.return_large_blocks() is False
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
    monkeypatch.setattr(heap.sys, "platform", "win32")
    assert heap.return_large_blocks() is False
