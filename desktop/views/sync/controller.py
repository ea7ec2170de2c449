"""``SyncController``: background sync of one main window, automatic with backoff.

One ``SyncEngine.sync()`` at a time runs in a quiet ``Job`` (no busy cursor,
no modal progress: the status item shows progress), so the GUI never waits on
the network. After a success the next automatic sync follows in
``sync/interval_minutes`` (QSettings, default 5); after a failure to reach the
server the delay grows 30 s → 1 → 2 → 4 → 8 → 15 min (capped) and resets on
the next success. Automatic failures show only in the status item (its tooltip
has the Chinese reason); a manual 同步 also shows the message. Login problems
(not logged in, revoked device, upgrade needed) stop automatic syncs until the
user acts. Tokens live in ``TokenStore`` (OS keyring or memory), never in
QSettings or the database.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal, Slot

from desktop.models.qt.domain_text import error_text
from desktop.models.qt.sync_models import sync_counts
from desktop.models.sync_engine import sync_engine
from desktop.paths import is_demo_db
from desktop.views import dialogs
from desktop.views import settings as settings_schema
from desktop.views.jobs import Job, Progress
from desktop.views.sync.status import LOGGED_OUT, OFFLINE, ONLINE, SYNCING, SyncStatusWidget
from sync import apply as sync_apply
from sync.client import (
    AuthFailed,
    DeviceRevoked,
    NotLoggedIn,
    SyncEngine,
    SyncReport,
    TokenStore,
    UpgradeRequired,
)

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MIN = 5
BACKOFF_START_S = 30
BACKOFF_CAP_S = 15 * 60
STARTUP_DELAY_MS = 3000
TIMEOUT = (5.0, 30.0)

KEY_INTERVAL = "sync/interval_minutes"
KEY_CA_BUNDLE = "sync/ca_bundle"
KEY_SERVER = "sync/server_url"


def backoff_seconds(failures: int) -> int:
    """Delay before the next automatic try after ``failures`` failures in a row."""
    if failures <= 0:
        return 0
    return min(BACKOFF_START_S * 2 ** (failures - 1), BACKOFF_CAP_S)


def run_sync(progress: Progress, engine: SyncEngine) -> SyncReport:
    """Background job: one sync, progress relayed to the status item."""
    return engine.sync(
        progress=lambda phase, done, total: progress.update(done, total, phase),
        cancelled=lambda: progress.cancelled,
    )


class SyncController(QObject):
    """Owns the engine, the status item and the automatic-sync timer of a window."""

    #: The state shown changed (``online`` / ``offline`` / ``syncing`` / ``logged_out``).
    state_changed = Signal(str)
    #: A sync finished: its ``SyncReport``.
    synced = Signal(object)
    #: A sync failed: the exception.
    sync_failed = Signal(object)
    #: Counts (pending, conflicts, rejected) were re-read.
    counts_changed = Signal()

    def __init__(self, window: Any, settings: QSettings, token_store: TokenStore) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.tokens = token_store
        self.engine: SyncEngine | None = None
        self.status = SyncStatusWidget()
        self.status.sync_requested.connect(self.sync_now)
        self.failures = 0
        self.next_delay_ms = 0
        self.last_error = ""
        self.counts: dict[str, Any] = {}
        self._job: Job | None = None
        self._manual = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.auto_sync)
        window.store_changed.connect(self._store_changed)
        window.installEventFilter(self)
        self._restore_login()
        self.refresh_counts()

    # -- settings ------------------------------------------------------------------------

    def interval_minutes(self) -> int:
        return int(settings_schema.get(KEY_INTERVAL, self.settings))

    def ca_bundle(self) -> str:
        return str(settings_schema.get(KEY_CA_BUNDLE, self.settings))

    def server_url(self) -> str:
        """The configured server (settings), else the one this database last used."""
        url = str(settings_schema.get(KEY_SERVER, self.settings))
        return url or (sync_apply.get_state(self.window.store.db, "server_url") or "")

    def username(self) -> str:
        return sync_apply.get_state(self.window.store.db, "username") or ""

    def make_engine(self, server_url: str, username: str) -> SyncEngine:
        return sync_engine(
            self.window.db_path,
            server_url.strip().rstrip("/"),
            token_store=self.tokens,
            username=username,
            ca_bundle=self.ca_bundle() or None,
            timeout=TIMEOUT,
        )

    @staticmethod
    def device_name() -> str:
        return socket.gethostname() or "desktop"

    @property
    def is_demo(self) -> bool:
        """The demo profile is never synced (no login, no upload of its outbox)."""
        return is_demo_db(self.window.db_path)

    def _refuse_demo(self) -> None:
        dialogs.show_message(
            self.window,
            dialogs.INFO,
            self.tr("当前是演示配置，其中是示例数据，不会与服务器同步。请用自己的配置登录和同步。"),
        )

    def _restore_login(self) -> None:
        if self.is_demo:
            self._set_state(LOGGED_OUT, "")
            return
        db = self.window.store.db
        url = sync_apply.get_state(db, "server_url") or ""
        user = sync_apply.get_state(db, "username") or ""
        configured = str(settings_schema.get(KEY_SERVER, self.settings))
        if url and user and (not configured or configured.rstrip("/") == url.rstrip("/")):
            self.engine = self.make_engine(url, user)
        if self.logged_in:
            self._set_state(OFFLINE, self.tr("启动后尚未与服务器同步。"))
            self._schedule(STARTUP_DELAY_MS)
        else:
            self._set_state(LOGGED_OUT, "")

    @property
    def logged_in(self) -> bool:
        engine = self.engine
        return bool(engine and engine.has_token())

    def apply_settings(self, server_url: str, ca_bundle: str, interval_minutes: int) -> None:
        """Save the sync settings; a different server needs a new login."""
        settings_schema.put(KEY_SERVER, server_url.strip().rstrip("/"), self.settings)
        settings_schema.put(KEY_CA_BUNDLE, ca_bundle.strip(), self.settings)
        settings_schema.put(KEY_INTERVAL, int(interval_minutes), self.settings)
        self.settings.sync()
        engine = self.engine
        if engine is not None:
            if engine.server_url != server_url.strip().rstrip("/"):
                engine.close()
                self.engine = None
                self._timer.stop()
                self._set_state(LOGGED_OUT, self.tr("服务器地址已更改，请重新登录。"))
            else:  # new CA bundle / timeouts: a fresh session
                self.engine = self.make_engine(engine.server_url, engine.username or "")
                if self.status.state == ONLINE:
                    self._schedule(self.interval_minutes() * 60_000)

    def logged_in_with(self, engine: SyncEngine) -> None:
        """The login dialog succeeded: use this engine and sync right away."""
        if self.engine is not None and self.engine is not engine and self._job is None:
            self.engine.close()
        self.engine = engine
        settings_schema.put(KEY_SERVER, engine.server_url, self.settings)
        self.settings.sync()
        self.failures = 0
        self._set_state(ONLINE, "")
        self.sync_now(manual=False)

    # -- running ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._job is not None

    @Slot()
    def sync_now(self, manual: bool = True) -> bool:
        """Start a sync unless one runs; returns whether one was started."""
        if self._closed:
            return False
        if self.is_demo:
            if manual:
                self._refuse_demo()
            return False
        if self._job is not None:
            if manual:
                self.window.statusBar().showMessage(self.tr("正在同步，请稍候…"), 4000)
            return False
        if not self.logged_in:
            self._set_state(LOGGED_OUT, "")
            if manual:
                self.show_login()
            return False
        assert self.engine is not None
        self._timer.stop()
        self._manual = manual
        self._set_state(SYNCING, "")
        job = Job(
            self.window, run_sync, self.engine, label=self.tr("正在同步…"),
            pass_progress=True, quiet=True, show_errors=False,
        )  # fmt: skip
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        job.finished.connect(self._finished)
        self._job = job
        job.start()
        return True

    @Slot()
    def auto_sync(self) -> None:
        self.sync_now(manual=False)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, phase: str) -> None:
        names = {
            "push": self.tr("上传"),
            "pull": self.tr("接收"),
            "snapshot": self.tr("下载"),
        }
        text = names.get(phase, phase)
        if total:
            text += f" {min(done, total)}/{total}"
        self.status.set_progress(text)

    @Slot(object)
    def _succeeded(self, report: object) -> None:
        assert isinstance(report, SyncReport)
        self.failures = 0
        self.last_error = ""
        self._set_state(ONLINE, "")
        if (
            report.pulled
            or report.conflicts
            or report.rejected
            or report.server_changed
            or report.content_down  # attachment files arrived: their lists change
        ):
            self.window.notify_store_changed("sync")
        self.refresh_counts()
        self.window.statusBar().showMessage(self.summary(report), 8000)
        if self._manual and report.rejected:
            reasons = "\n".join(f"· {r}" for r in dict.fromkeys(report.rejected_reasons))
            dialogs.show_warning(
                self.window,
                self.tr("服务器拒绝了 {0} 条更改（见 同步 → 被拒绝的更改）：\n{1}").format(
                    report.rejected, reasons
                ),
            )
        self.synced.emit(report)
        self._schedule(self.interval_minutes() * 60_000)

    def summary(self, report: SyncReport) -> str:
        text = self.tr("同步完成：上传 {0} 条，接收 {1} 条").format(report.pushed, report.pulled)
        if report.conflicts:
            text += self.tr("；新冲突 {0} 条").format(report.conflicts)
        if report.rejected:
            text += self.tr("；被拒绝 {0} 条").format(report.rejected)
        if report.held_back:
            text += self.tr("；{0} 条服务器记录不符合数据规则，未写入").format(
                len(report.held_back)
            )
        if report.relays_refused:
            text += self.tr("；他人的 {0} 条记录本账号无权补传，需由协调员的电脑补传").format(
                report.relays_refused
            )
        if report.content_up or report.content_down:
            text += self.tr("；附件内容上传 {0} 个、下载 {1} 个").format(
                report.content_up, report.content_down
            )
        if report.content_problems:
            text += self.tr("；{0} 个附件内容未能传送，下次同步再试").format(
                len(report.content_problems)
            )
        return text + self.tr("。")

    @Slot(object)
    def _failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        message = error_text(exc)
        self.last_error = message
        self.refresh_counts()
        if isinstance(exc, (NotLoggedIn, AuthFailed, DeviceRevoked)):
            self._set_state(LOGGED_OUT, message)  # waits for a new login
        elif isinstance(exc, UpgradeRequired):
            self._set_state(OFFLINE, message)  # retrying cannot help
        else:
            self.failures += 1
            self._set_state(OFFLINE, message)
            self._schedule(backoff_seconds(self.failures) * 1000)
        if self._manual:
            dialogs.show_error(self.window, exc)
        self.sync_failed.emit(exc)

    @Slot()
    def _cancelled(self) -> None:
        self._set_state(OFFLINE if self.failures else ONLINE, "")
        self.refresh_counts()

    @Slot()
    def _finished(self) -> None:
        self._job = None
        if self._closed and self.engine is not None:
            self.engine.close()

    def _schedule(self, delay_ms: int) -> None:
        if self._closed:
            return
        self.next_delay_ms = delay_ms
        self._timer.start(delay_ms)

    @property
    def timer_active(self) -> bool:
        return self._timer.isActive()

    def _set_state(self, state: str, reason: str) -> None:
        changed = state != self.status.state or reason != self.status.reason
        self.status.set_state(state, reason)
        if changed:
            self.state_changed.emit(state)

    # -- counts -----------------------------------------------------------------------------

    @Slot()
    def refresh_counts(self) -> None:
        self.counts = sync_counts(self.window.store.db)
        self._show_counts()

    def _show_counts(self) -> None:
        self.status.set_counts(
            self.counts["pending"],
            self.counts["conflicts"],
            self.counts["rejected"],
            self.counts["last_sync"],
        )
        self.counts_changed.emit()

    @Slot(str, object)
    def _store_changed(self, action: str, _tables: object) -> None:
        if action == "sync" or not self.counts:
            self.refresh_counts()
            return
        # an edit only appended to the change log: count what it added
        self.counts = sync_counts(self.window.store.db, since=self.counts)
        self._show_counts()

    # -- dialogs (set by integration) ---------------------------------------------------------

    def show_login(self) -> None:
        if self.is_demo:
            self._refuse_demo()
            return
        from desktop.views.sync.login_dialog import LoginDialog

        LoginDialog(self, self.window).open()

    # -- shutdown -------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the timer and ask a running sync to stop (its transactions stay whole)."""
        self._closed = True
        self._timer.stop()
        if self._job is not None:
            self._job.cancel()
        elif self.engine is not None:
            self.engine.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False
