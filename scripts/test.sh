#!/usr/bin/env bash
# Runs every test of hotc. It first installs (once) the outside programs the
# tests need with scripts/test-deps.sh and passes their locations on.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-deps.sh
# shellcheck disable=SC1091
. target/test-deps.env
cargo test --locked "$@"
