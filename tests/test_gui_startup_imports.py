"""The GUI start imports its Qt-free modules before PySide6 (PySide reads the source of every
module imported after it) and does not look for sqlite-utils plugins (``boot``, ``db``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.models.store import Store
from desktop.views import boot

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from desktop.cli import main
code = main(["--db", {db!r}, "--screenshot", {png!r}])
from desktop.views.boot import feature_table
table = feature_table() or {{}}
print("RESULT:" + json.dumps({{
    "code": code,
    "gc": __import__("gc").isenabled(),
    "modules": list(sys.modules),
    "features": {{name: table.get(name) for name in {names!r}}},
}}))
"""


def test_the_window_starts_with_the_qt_free_modules_first(tmp_path: Path) -> None:
    db = tmp_path / "p" / "liandong.db"
    Store.open(db).close()
    png = tmp_path / "shot.png"
    names = ["desktop.models.store", "sqlite_utils.db", "desktop.views.main_window"]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LIANDONG_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(db=str(db), png=str(png), names=names)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT:")), None)
    assert line is not None, proc.stderr[-3000:]
    result = json.loads(line.removeprefix("RESULT:"))
    assert result["code"] == 0 and png.stat().st_size > 0  # the window was really built
    assert result["gc"]  # the collector, off while the window was built, is on again
    order = {name: i for i, name in enumerate(result["modules"])}
    assert "desktop.views.main_window" in order
    for name in boot.QT_FREE_FIRST:
        assert order[name] < order["PySide6"], name
    # no sqlite-utils plugin look-up: it scans every installed package's entry points
    assert "importlib.metadata" not in order
    features = result["features"]
    # loaded before PySide6: marked as not using it; the views are still checked by PySide
    assert features["desktop.models.store"] == boot.IGNORED
    assert features["sqlite_utils.db"] == boot.IGNORED
    assert features["desktop.views.main_window"] == 0


def test_without_pyside_feature_table_nothing_is_marked(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", object())
    assert boot.feature_table() is None
    assert boot.mark_loaded_modules_qt_free() == 0


def test_marking_keeps_the_answers_pyside_already_has(monkeypatch) -> None:
    table = {"desktop.views.main_window": 0}

    class Feature:
        pyside_feature_dict = table

    monkeypatch.setitem(sys.modules, "shibokensupport.feature", Feature)
    monkeypatch.setitem(sys.modules, "desktop.views.main_window", sys.modules["sys"])
    assert boot.mark_loaded_modules_qt_free() == len(sys.modules) - 1
    assert table["desktop.views.main_window"] == 0
    assert table["json"] == boot.IGNORED


def test_the_collector_is_on_again_when_the_start_ends_early(tmp_path: Path) -> None:
    """A start refused before the window (a bad ``--screenshot`` name) turns it back on."""
    import gc

    from desktop.cli import main

    assert main(["--db", str(tmp_path / "x.db"), "--screenshot", str(tmp_path / "x.nope")]) == 2
    assert gc.isenabled()
