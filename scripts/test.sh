#!/usr/bin/env bash
# One command: install what is missing (system packages, services, the virtualenv), then run every
# check: ruff, mypy, the import-linter architecture contracts, and the whole pytest suite against
# the real pcscd, CUPS and the province emulator. Extra arguments go to pytest.
# Every check runs even when an earlier one fails, so one CI run shows every problem.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev || exit 1
scripts/services.sh || exit 1
export QT_QPA_PLATFORM=offscreen
failed=()
echo "== ruff";          .venv/bin/ruff check .   || failed+=(ruff)
echo "== mypy";          .venv/bin/mypy           || failed+=(mypy)
echo "== import-linter"; .venv/bin/lint-imports   || failed+=(import-linter)
echo "== pytest";        .venv/bin/pytest "$@"    || failed+=(pytest)
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
