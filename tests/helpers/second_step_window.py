"""The main window on the demo plan with its overview's second-step jobs counted: what
the 总览 tabs keep, relabel or compute again after an edit (real window, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from desktop.models.store import Store
from desktop.views import jobs
from desktop.views.coordination import dashboard as dashboard_module
from tests.helpers.coordination import load_demo


@dataclass
class CountedWindow:
    window: Any
    store: Store
    # the parts each second-step job computed, and the round it started from (or None)
    steps: list[tuple[str, ...]] = field(default_factory=list)
    again: list[object] = field(default_factory=list)
    real_step: Any = dashboard_module.second_step_job

    @property
    def hub(self) -> Any:
        return self.window.coordination


def settle(qtbot, hub) -> None:  # type: ignore[no-untyped-def]
    """Wait until the overview's debounce and every job are over."""
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not hub._timer.isActive() and jobs.active_jobs() == 0, timeout=20_000)


@contextmanager
def counting_second_steps(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CountedWindow]:  # type: ignore[no-untyped-def]
    """The window shown with its first overview and second step landed; closed after."""
    from desktop.views.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    store = load_demo(Store.open(tmp_path / "gui.db"))
    counted = CountedWindow(None, store)
    real_step = counted.real_step

    def counting(store, period, today, titles, parts, again=None):  # noqa: ANN001, ANN202
        counted.steps.append(tuple(parts))
        counted.again.append(again)
        return real_step(store, period, today, titles, parts, again)

    monkeypatch.setattr("desktop.views.coordination.integration.second_step_job", counting)
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    counted.window = window
    hub = window.coordination
    try:
        with qtbot.waitSignal(hub.missing_loaded, timeout=20_000):
            window.show()
        settle(qtbot, hub)
        yield counted
    finally:
        hub.shutdown()
        window.close()
        assert jobs.wait_for_jobs(5000)
