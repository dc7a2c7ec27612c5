#!/usr/bin/env bash
# Installs, once and idempotently, the outside programs hotc's tests use, and
# records where they are in target/test-deps.env:
#   - OpenStack Heat 27.0.1 (from PyPI, in a virtualenv) to ask Heat itself what
#     it accepts; it needs ../shared/tools/heat-oracle, present beside the project
#     in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
env_file=target/test-deps.env
: > "$env_file"
oracle_setup=../shared/tools/heat-oracle/setup.sh
if [ -f "$oracle_setup" ]; then
  python=$(bash "$oracle_setup")
  echo "export HOTC_HEAT_PYTHON=$python" >> "$env_file"
  echo "export HOTC_HEAT_ORACLE=$(cd ../shared/tools/heat-oracle && pwd)/heat_oracle.py" >> "$env_file"
  echo "Heat oracle: $python" >&2
else
  echo "test-deps: ../shared/tools/heat-oracle not found; tests that ask Heat will skip (and fail when CI=true)" >&2
fi
