#!/usr/bin/env bash
# One command: install what is missing, then start the kiosk on the built-in demo village.
# Extra arguments go to `kiosk run` (for example --windowed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/kiosk run --demo "$@"
