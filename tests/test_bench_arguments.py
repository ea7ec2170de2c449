"""The benches' DB_PATH argument: a mistyped flag never becomes a new database file."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from bench.run import database_argument

DOC = """What the bench measures.

    python -m bench.example DB_PATH [--runs N]

More text.
"""


def _call(monkeypatch, *args: str) -> Path:
    monkeypatch.setattr(sys, "argv", ["bench.example", *args])
    return database_argument(DOC)


def test_help_prints_the_docstring_and_creates_nothing(monkeypatch, capsys, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    for flag in ("--help", "-h"):
        with pytest.raises(SystemExit) as ended:
            _call(monkeypatch, flag)
        assert ended.value.code == 0
        assert "python -m bench.example DB_PATH" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_a_missing_or_wrong_path_is_refused(monkeypatch, capsys, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    for args in ((), ("--runs", "3"), ("nothing.db",), (str(tmp_path),)):
        with pytest.raises(SystemExit) as ended:
            _call(monkeypatch, *args)
        assert ended.value.code == 2
        err = capsys.readouterr().err
        assert "python -m bench.example DB_PATH [--runs N]" in err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_the_database(monkeypatch, tmp_path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"")
    assert _call(monkeypatch, str(db), "--runs", "3") == db


def test_counts_are_whole_numbers_in_their_range() -> None:
    import argparse

    from bench.run import bounded_int

    edits = bounded_int(1, 200)
    assert edits("1") == 1 and edits("200") == 200
    for bad in ("0", "-3", "201", "1e9", "abc", "", "2.5"):
        with pytest.raises(argparse.ArgumentTypeError):
            edits(bad)


def test_status_pass_refuses_a_bad_run_count(tmp_path: Path) -> None:
    import subprocess

    db = tmp_path / "x.db"
    db.write_bytes(b"")
    root = Path(__file__).resolve().parent.parent
    for bad in ("0", "abc", "1e9"):
        done = subprocess.run(
            [sys.executable, "-m", "bench.status_pass", str(db), "--runs", bad],
            cwd=root, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert "--runs" in done.stderr and "Traceback" not in done.stderr


def test_write_bench_refuses_a_pull_page_outside_the_servers_limit(capsys, tmp_path) -> None:
    from bench.write import main
    from sync.protocol import MAX_PULL_LIMIT

    db = tmp_path / "x.db"
    db.write_bytes(b"")
    for bad in ("0", "abc", str(MAX_PULL_LIMIT + 1), "2.5"):
        with pytest.raises(SystemExit) as ended:
            main([str(db), "--pull-page", bad])
        assert ended.value.code == 2
        assert "--pull-page" in capsys.readouterr().err
    assert db.read_bytes() == b""


def test_ledger_bench_refuses_bad_runs_paths_and_baselines(tmp_path: Path) -> None:
    import subprocess

    db = tmp_path / "x.db"
    db.write_bytes(b"")
    root = Path(__file__).resolve().parent.parent
    for args, flag in (
        ([str(db), "--export-only", "--runs", "0"], "--runs"),
        ([str(db), "--export-only", "--runs", "abc"], "--runs"),
        ([str(tmp_path / "missing.db"), "--export-only"], "no database file"),
        ([str(db), "--export-only", "--baseline", str(tmp_path)], "--baseline"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "bench.ledger", *args],
            cwd=root, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert flag in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == b""


def test_status_pass_refuses_a_baseline_that_is_no_checkout(tmp_path: Path) -> None:
    import subprocess

    db = tmp_path / "x.db"
    db.write_bytes(b"")
    root = Path(__file__).resolve().parent.parent
    for bad in (str(tmp_path), str(tmp_path / "missing")):
        done = subprocess.run(
            [sys.executable, "-m", "bench.status_pass", str(db), "--baseline", bad],
            cwd=root, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert "--baseline" in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == b""


def test_status_pass_compares_two_trees_on_a_real_plan(tmp_path: Path) -> None:
    """This tree against itself as the baseline: each tree's child times real passes of
    the seed plan (its statuses read from a read-only connection) and the ratio is
    printed; the database is left as it was."""
    import subprocess

    from desktop.importer import parse_file
    from desktop.models.store import Store
    from tests.helpers.coordination import SEED

    root = Path(__file__).resolve().parent.parent
    db = tmp_path / "plan.db"
    store = Store.open(db)
    store.import_plan(parse_file(SEED))
    store.close()
    before = db.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "bench.status_pass", str(db), "--baseline", str(root),
         "--runs", "2", "--rounds", "1"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "round 1, this tree: median" in done.stdout
    assert "round 1, baseline: median" in done.stdout
    assert re.search(r"ratio \d+\.\d\d$", done.stdout.strip().splitlines()[-1]), done.stdout
    assert db.read_bytes() == before


def test_status_pass_names_a_baseline_whose_pass_fails(tmp_path: Path) -> None:
    """A checkout whose ``compute_status`` cannot run ends the bench with one line naming
    the tree and its error, not a traceback of the parent."""
    import subprocess

    from desktop.models.store import Store

    root = Path(__file__).resolve().parent.parent
    db = tmp_path / "plan.db"
    Store.open(db).close()
    broken = tmp_path / "broken"
    (broken / "desktop" / "models").mkdir(parents=True)
    (broken / "desktop" / "__init__.py").write_text("")
    (broken / "desktop" / "models" / "__init__.py").write_text("")
    (broken / "desktop" / "models" / "status_queries.py").write_text(
        "def compute_status(db):\n    raise RuntimeError('no such table: milestone_v9')\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "bench.status_pass", str(db), "--baseline", str(broken),
         "--runs", "1", "--rounds", "1"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert f"compute_status of {broken}" in done.stderr
    assert "no such table: milestone_v9" in done.stderr
    assert "Traceback" not in done.stderr.replace(done.stderr.splitlines()[-1], "")
