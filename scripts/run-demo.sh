#!/usr/bin/env bash
# Install (first time, or when pyproject.toml / setup.sh changed) and launch Liandong with the
# bundled demo plan loaded. Later starts need no network and do not re-run pip.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv/.liandong-setup
wanted=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/liandong ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  bash scripts/setup.sh
  echo "$wanted" > "$stamp"
fi
exec .venv/bin/liandong --demo "$@"
