#!/usr/bin/env bash
# Install (if needed) and launch Liandong with the bundled demo plan loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/liandong --demo "$@"
