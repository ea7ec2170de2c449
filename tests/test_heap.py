"""Freed heap memory handed back to the system after the window's big loads."""

from __future__ import annotations

import sys

import pytest

from desktop.heap import release_freed_memory


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
