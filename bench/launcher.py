"""Launcher overhead and CLI start-up: ``python -m bench.launcher`` prints the figures.

- launcher: ``scripts/run-demo.sh`` after set-up, in a copy of the repository whose
  ``.venv/bin/liandong`` is a stub (so only the launcher's own work is timed; goal ≤ 0.3 s);
- ``liandong --help`` and ``liandong --version`` with this checkout's Python.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], runs: int, **kwargs: object) -> tuple[float, float]:
    """(median, min) wall time in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, **kwargs)  # type: ignore[call-overload]
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def launcher_copy(folder: Path) -> Path:
    (folder / "scripts").mkdir()
    (folder / ".venv" / "bin").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", folder)
    for name in ("setup.sh", "run-demo.sh"):
        shutil.copy(ROOT / "scripts" / name, folder / "scripts")
    stub = folder / ".venv" / "bin" / "liandong"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o755)
    digest = hashlib.sha256(
        (folder / "pyproject.toml").read_bytes() + (folder / "scripts" / "setup.sh").read_bytes()
    ).hexdigest()
    (folder / ".venv" / ".liandong-setup").write_text(digest + "\n")
    return folder


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = launcher_copy(Path(tmp))
        median, best = timed(["bash", "scripts/run-demo.sh"], 10, cwd=folder)
        print(
            f"launcher overhead after set-up: median {median:.3f} s, best {best:.3f} s (goal ≤ 0.3 s)"
        )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for args in (["--help"], ["--version"]):
        median, best = timed([sys.executable, str(ROOT / "main.py"), *args], 5, env=env)
        print(f"liandong {args[0]}: median {median:.3f} s, best {best:.3f} s")


if __name__ == "__main__":
    main()
