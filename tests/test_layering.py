"""The layering rule of the design card, checked on the source (as import-linter would):
only ``desktop/views/`` and ``desktop/models/qt/`` import PySide6 (or import the modules
that do), and ``sync`` never imports the desktop GUI."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_PACKAGES = ("desktop/views/", "desktop/models/qt/")
GUI_MODULES = ("PySide6", "shiboken6", "desktop.views", "desktop.models.qt")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _is_gui(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in GUI_MODULES)


def test_only_views_and_qt_models_import_qt() -> None:
    offenders = []
    for path in sorted([*ROOT.glob("desktop/**/*.py"), *ROOT.glob("sync/**/*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(QT_PACKAGES) or rel == "desktop/cli.py":
            continue  # cli.py starts the GUI lazily (inside main) when no command is given
        offenders += [(rel, name) for name in sorted(_imports(path)) if _is_gui(name)]
    assert offenders == []


def test_cli_imports_the_gui_only_lazily() -> None:
    tree = ast.parse((ROOT / "desktop" / "cli.py").read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    names = {getattr(n, "module", None) or n.names[0].name for n in top_level}
    assert not any(_is_gui(name) for name in names)


def test_the_checker_sees_qt_imports(tmp_path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from PySide6.QtCore import QObject\nimport desktop.views.app\n")
    assert {n for n in _imports(probe) if _is_gui(n)} == {
        "PySide6.QtCore",
        "PySide6.QtCore.QObject",
        "desktop.views.app",
    }


def test_the_gui_does_not_import_the_cli_commands() -> None:
    offenders = []
    for path in sorted(ROOT.glob("desktop/views/**/*.py")):
        rel = path.relative_to(ROOT).as_posix()
        names = _imports(path)
        offenders += [(rel, n) for n in sorted(names) if n.startswith("desktop.commands")]
    assert offenders == []


def test_the_main_window_starts_without_the_heavy_modules(tmp_path) -> None:
    """reportlab, openpyxl, python-docx, requests, keyring, QtPdf, QtCharts (the target
    chart), the briefing and ledger packages and the CLI commands are imported when first
    used, not at start-up."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desktop.models.store import Store\n"
        "from desktop.views.main_window import MainWindow\n"
        f"store = Store.open(Path({str(tmp_path / 'x.db')!r}))\n"
        "window = MainWindow(store, remember_layout=False)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "heavy = ('reportlab', 'openpyxl', 'docx', 'requests', 'keyring', 'PySide6.QtPdf',\n"
        "         'desktop.briefing', 'desktop.ledger', 'desktop.commands',\n"
        "         'PySide6.QtCharts', 'desktop.views.coordination.target_chart')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
        "import os; os._exit(0)\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "LIANDONG_DATA_DIR": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
