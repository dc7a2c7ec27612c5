#!/usr/bin/env bash
# Fuzzes hotc with cargo-fuzz (libFuzzer) on the stable toolchain.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# runs each target (all of them by default) for SECONDS (default 60) of wall
# time, one after the other, starting from a seed corpus made of the test
# fixtures. The corpus grows in fuzz/corpus/TARGET; a crash leaves its input in
# fuzz/artifacts/TARGET and fails the script. cargo-fuzz is installed (pinned)
# when missing. Its sanitizer flags need nightly features: RUSTC_BOOTSTRAP=1
# unlocks them on the stable compiler.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(yaml check_file check_tree build_spec lsp)
fi
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version 2>/dev/null | grep -q '^cargo-fuzz 0.13.2'; then
  cargo install --quiet --locked cargo-fuzz --version =0.13.2
fi

# Seeds: the fixtures each target reads, copied fresh on every run.
mkdir -p fuzz/target
seeds=$(mktemp -d fuzz/target/seeds.XXXXXX)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds"/{yaml,check_file,check_tree,build_spec,lsp}
i=0
while IFS= read -r -d '' f; do
  i=$((i + 1))
  cp "$f" "$seeds/check_file/$i"
  cp "$f" "$seeds/yaml/$i"
done < <(find tests/fixtures examples/templates tests/golden -type f \
  \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -size -64k -print0 | sort -z)
cp fuzz/seeds/check_tree/* "$seeds/check_tree/"
for f in "$seeds"/check_file/*; do
  cp "$f" "$seeds/check_tree/$(basename "$f")"
done
i=0
while IFS= read -r -d '' f; do
  i=$((i + 1))
  cp "$f" "$seeds/build_spec/$i"
done < <(find examples/build tests/fixtures/build -type f -name '*.yaml' -size -64k -print0 | sort -z)
if [ -d fuzz/seeds/lsp ]; then
  cp fuzz/seeds/lsp/* "$seeds/lsp/"
fi

status=0
for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus" "fuzz/artifacts/$target"
  extra=()
  # The server's threads outlive each run by design (its checking thread is
  # detached at exit); LeakSanitizer counts their thread-local destructor
  # records as leaks.
  if [ "$target" = lsp ]; then
    extra=(-detect_leaks=0)
  fi
  echo "fuzz: $target for ${seconds}s" >&2
  if ! cargo fuzz run --fuzz-dir fuzz "$target" "$corpus" "$seeds/$target" -- \
      -max_total_time="$seconds" -dict=fuzz/hot.dict -max_len=65536 \
      -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="fuzz/artifacts/$target/" "${extra[@]}"; then
    echo "fuzz: $target found a failure; its input is in fuzz/artifacts/$target" >&2
    status=1
  fi
done
exit $status
