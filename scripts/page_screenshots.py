"""Render every page of the main window with the demo data to docs/ (offscreen).

    QT_QPA_PLATFORM=offscreen python scripts/page_screenshots.py [docs]

Writes docs/screenshot-<page>.png at 1366×768 in Chinese (the matrix page as
docs/screenshot-main.png), and a few at 1920×1080
and in English (docs/screenshot-<page>-1920.png, docs/screenshot-<page>-en.png);
``matrix-ledger`` is the matrix with every ledger column on.
Uses a temporary database and settings folder; the user's profile is not touched.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: (language, size, pages, file suffix)
SHOTS = (
    (
        "zh",
        (1366, 768),
        ("welcome", "home", "matrix", "timeline", "dashboard", "units", "sync"),
        "",
    ),
    ("zh", (1920, 1080), ("matrix", "dashboard"), "-1920"),
    ("en", (1366, 768), ("home", "matrix", "dashboard"), "-en"),
    # the matrix with all five ledger columns on (the compact ledger layout at 1366)
    ("zh", (1366, 768), ("matrix-ledger",), ""),
    ("en", (1366, 768), ("matrix-ledger",), "-en"),
)


def main(out_dir: Path) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="liandong-shots-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    from desktop.demo import load_demo_if_empty
    from desktop.models import queries
    from desktop.models.qt.matrix_model import LEDGER_COLUMNS
    from desktop.models.store import Store
    from desktop.views import jobs
    from desktop.views.app import _settle, _translators, install_translator
    from desktop.views.fonts import ensure_cjk_font
    from desktop.views.main_window import MainWindow

    ensure_cjk_font(app)
    demo, empty = folder / "demo.db", folder / "empty.db"
    store = Store.open(demo)
    load_demo_if_empty(store)
    store.close()
    Store.open(empty).close()

    def settle() -> None:
        # until the background loads have landed (wait_for_jobs would cancel them)
        _settle(app)

    for lang, size, pages, suffix in SHOTS:
        for translator in list(_translators):
            app.removeTranslator(translator)
            _translators.remove(translator)
        install_translator(app, lang)
        for db in (empty, demo) if "welcome" in pages else (demo,):
            store = Store.open(db)
            win = MainWindow(store, remember_layout=False)
            win.resize(*size)
            win.show()
            settle()
            units = {u["name"]: u["id"] for u in queries.unit_summaries(store.db)}
            if "市政数局" in units:
                win.coordination.workspace.set_unit(units["市政数局"])
                win.unit_panel.select_unit(units["市政数局"])
                win.filter_bar.clear()  # the matrix shows every unit
                win.show_task(queries.tasks(store.db)[0]["id"])
            settle()
            for page in pages:
                key = page.removesuffix("-ledger")
                if key not in win.page_keys() or (db == empty) != (page == "welcome"):
                    continue
                win.ledger_columns.set_shown(LEDGER_COLUMNS if key != page else ())
                win.show_page(key)
                settle()
                name = "main" if page == "matrix" and not suffix else page  # README's first
                path = out_dir / f"screenshot-{name}{suffix}.png"
                if not win.grab().save(str(path)):
                    print(f"cannot write {path}", file=sys.stderr)
                    return 1
                print(path)
            win.close()
            jobs.wait_for_jobs(10000)
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))
