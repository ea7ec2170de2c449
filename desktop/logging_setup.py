"""Log file setup and the plain message shown for unexpected errors."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.paths import log_dir

_configured = False


def log_file() -> Path:
    return log_dir() / "liandong.log"


def setup_logging(verbose: bool = False) -> Path | None:
    """Log to a rotating file in the user data folder (stderr if that fails)."""
    global _configured
    if _configured:
        return log_file()
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    from logging.handlers import RotatingFileHandler  # not on the way to `--help`

    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_file(), maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
        path = None
    else:
        path = log_file()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root.addHandler(handler)
    return path


def report_unexpected(exc: BaseException) -> str:
    """Log a bug with its traceback; return the plain Chinese message to show."""
    logging.getLogger("liandong").error("unexpected error", exc_info=exc)
    return f"发生了意外错误，操作未完成，已有数据未受影响。详细信息已记录到日志文件：{log_file()}"
