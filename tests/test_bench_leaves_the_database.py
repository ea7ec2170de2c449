"""Benches that open a given database with the store measure a private copy: the store
migrates what it opens, and a shared database migrated by a newer tree can no longer be
opened by an older one measured against it ("由更新版本的联动创建")."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.models.store import Store

ROOT = Path(__file__).resolve().parent.parent
LAST = "indexes_0002_target_value_covering"  # (an idempotent migration: applied again)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def older(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated database as a tree before ``LAST`` left it."""
    from bench.generate import generate

    path = tmp_path_factory.mktemp("older") / "older.db"
    generate(path, plans=2)
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [LAST])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # (all of it in the file itself)
    conn.close()
    return path


def test_the_store_would_migrate_it(older: Path, tmp_path: Path) -> None:
    """(What makes the tests below able to fail.)"""
    copy = tmp_path / "copy.db"
    shutil.copyfile(older, copy)
    before = _digest(copy)
    Store.open(copy).close()
    assert _digest(copy) != before


def test_bench_write_reads_its_rows_from_a_copy(older: Path) -> None:
    from bench.write import table_rows

    before = _digest(older)
    rows = table_rows(older)
    assert len(rows["task"][1]) > 0
    assert _digest(older) == before


def test_bench_status_pass_measures_a_copy(older: Path) -> None:
    before = _digest(older)
    done = subprocess.run(
        [sys.executable, "-m", "bench.status_pass", str(older), "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "compute_status: full pass" in done.stdout
    assert _digest(older) == before


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="Linux's clear_refs")
def test_bench_status_pass_peaks_by_step_on_a_copy(older: Path) -> None:
    """``--peaks``: every step of the status cache's full pass, with its figures, once
    the snapshot is returned (a step's name missing: its wrapper lost), on a copy."""
    before = _digest(older)
    done = subprocess.run(
        [sys.executable, "-m", "bench.status_pass", str(older), "--peaks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    steps = [line.split()[0] for line in lines[1:]]
    for step in (
        "_loaded_compact:", "load_workflow_inputs", "compute_pass", "keep_compact", "apply_rollup",
    ):  # fmt: skip
        assert any(name.startswith(step) for name in steps), (step, lines)
    assert lines[-1].split()[:3] == ["the", "snapshot", "returned"]
    resident, peak, _cpu = map(float, lines[-1].split()[-3:])
    assert 0 < resident <= peak
    assert _digest(older) == before
