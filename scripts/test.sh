#!/usr/bin/env bash
# Runs every test of hotc. External programs the tests need are installed by
# scripts/test-deps.sh; their locations are passed through the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${HOTC_HEAT_PYTHON:-}" ] && [ -f target/test-deps.env ]; then
  # shellcheck disable=SC1091
  . target/test-deps.env
fi
export HOTC_HEAT_PYTHON="${HOTC_HEAT_PYTHON:-}"
cargo test --locked "$@"
