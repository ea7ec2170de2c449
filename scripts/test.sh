#!/usr/bin/env bash
# Install (if needed) and run every check: ruff, layering contracts, mypy, the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> import contracts"
.venv/bin/lint-imports
echo "==> mypy (desktop/models, sync)"
.venv/bin/mypy
echo "==> pytest"
# the whole suite on every core (pytest-xdist, at most 4 workers: each keeps its own
# generated databases; a module marked xdist_group runs whole on one worker, in order);
# a run given arguments (one file, -k ...) runs as asked
if [ $# -eq 0 ]; then
  set -- -n auto --maxprocesses 4 --dist loadgroup
fi
.venv/bin/python -m pytest "$@"
