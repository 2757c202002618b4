#!/usr/bin/env bash
# One command: install what is missing (system packages, services, the virtualenv), then run every
# check: ruff, mypy, the import-linter architecture contracts, and the whole pytest suite against
# the real pcscd, CUPS and the province emulator. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
scripts/services.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff";          .venv/bin/ruff check .
echo "== mypy";          .venv/bin/mypy
echo "== import-linter"; .venv/bin/lint-imports
echo "== pytest";        exec .venv/bin/pytest "$@"
