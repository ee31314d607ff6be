#!/usr/bin/env bash
# Every check the project makes: lint, types, the import contract, then the test suite.
# Run after ./install.sh --dev. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[ -x .venv/bin/python ] || { echo "test.sh: no .venv; run ./install.sh --dev first" >&2; exit 2; }
step() { printf '\n==> %s\n' "$*"; }

step "ruff (lint)"
.venv/bin/ruff check kiosk tests bench tools
step "mypy (strict on the pure core)"
.venv/bin/mypy
step "import contracts (no Qt in the pure core)"
.venv/bin/lint-imports
step "pytest"
# two workers (pytest-xdist): the real-time tests on one, in order, the in-process tests on the other
.venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" --dist loadgroup "$@"
