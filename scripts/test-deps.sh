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

# --- hotc build: real Magnum and Heat, and the fragments' real consumers -----
# One virtualenv (under target/) with openstack-heat 27.0.1, python-heatclient
# and magnum 22.0.0, for scripts/build-conformance.py; the Debian packages whose
# programs check what the node fragments write (shellcheck, chronyd,
# containerd, systemd-analyze, openssl).
conformance_venv=target/conformance-venv
if [ ! -x "$conformance_venv/bin/python" ] || ! "$conformance_venv/bin/python" -c 'import heat, heatclient, magnum.drivers.heat, wheel' 2>/dev/null; then
  python3 -m venv "$conformance_venv" >&2
  "$conformance_venv/bin/pip" install -q --disable-pip-version-check \
    openstack-heat==27.0.1 python-heatclient magnum==22.0.0 wheel setuptools >&2
fi
echo "export HOTC_CONFORMANCE_PYTHON=$(cd "$conformance_venv" && pwd)/bin/python" >> "$env_file"
missing=""
for tool in shellcheck:shellcheck chronyd:chrony containerd:containerd systemd-analyze:systemd openssl:openssl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing="$missing ${tool#*:}"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
  else
    echo "test-deps: cannot install$missing (not root, no sudo); fragment tests will skip (and fail when CI=true)" >&2
  fi
fi
