"""The CUPS queue of scripts/setup.sh (cups-pdf "LiandongPDF") for printing tests."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

QUEUE = "LiandongPDF"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


def cups_queue() -> str:
    """The queue name, or skip (with the reason) when CUPS or the queue is absent."""
    if not shutil.which("lpstat"):
        pytest.skip("CUPS is not installed (scripts/setup.sh installs cups and cups-pdf)")
    running = subprocess.run(["lpstat", "-r"], capture_output=True, text=True)
    if "is running" not in running.stdout:
        pytest.skip("the CUPS scheduler is not running (scripts/setup.sh starts it)")
    queue = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True)
    if queue.returncode != 0:
        pytest.skip(f"the CUPS queue {QUEUE} does not exist (scripts/setup.sh adds it)")
    return QUEUE


def output_folder() -> Path:
    """Where cups-pdf writes this user's jobs (its ``Out`` setting)."""
    user = pwd.getpwuid(os.getuid())
    out = "/var/spool/cups-pdf/${USER}"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(errors="replace").splitlines():
            match = re.match(r"^\s*Out\s+(\S+)", line)
            if match:
                out = match.group(1)
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


def pdfs(folder: Path) -> set[Path]:
    return set(folder.glob("*.pdf")) if folder.exists() else set()


def _pending_jobs() -> str:
    return subprocess.run(["lpstat", "-o", QUEUE], capture_output=True, text=True).stdout.strip()


def wait_for_new_pdf(folder: Path, before: set[Path], timeout: float = 120) -> Path:
    """The PDF cups-pdf wrote after ``before`` was taken, once the queue is idle
    and the file is complete (it parses)."""
    from pypdf import PdfReader

    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        new = sorted(pdfs(folder) - before, key=lambda p: p.stat().st_mtime)
        if new and not _pending_jobs():
            try:
                PdfReader(new[-1]).pages[-1].mediabox  # noqa: B018 - parses to the end
                return new[-1]
            except Exception as exc:  # noqa: BLE001 - still being written
                last_error = exc
        time.sleep(0.5)
    jobs = subprocess.run(["lpstat", "-W", "all", "-o", QUEUE], capture_output=True, text=True)
    raise AssertionError(f"no complete PDF from {QUEUE} in {folder}: {jobs.stdout} {last_error}")
