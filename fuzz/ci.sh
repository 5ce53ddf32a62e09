#!/usr/bin/env bash
# Runs every fuzz target for a short fixed time and fails if any crashes:
# the check in continuous integration that provisio still never panics,
# overflows its stack or runs out of memory on the inputs the fuzzers make.
#
#   fuzz/ci.sh [SECONDS]      # seconds per target (default 20, or $FUZZ_SECONDS)
#
# Installs what is missing: cargo-fuzz from crates.io, and a nightly
# toolchain through rustup. Where no nightly toolchain can be had, it builds
# with the stable one and RUSTC_BOOTSTRAP=1, which lets stable take the
# unstable flags that libFuzzer's instrumentation needs.
#
# Environment: FUZZ_SECONDS (per target), FUZZ_TARGETS (names, separated by
# spaces; default every target), FUZZ_NIGHTLY (the toolchain to use or
# install; default `nightly`), FUZZ_SANITIZER (default `address`: besides
# memory errors in dependencies' unsafe code, AddressSanitizer catches a
# stack overflow on its own signal stack and so saves the input that caused
# it; without it, `none`, libFuzzer's handler dies on the exhausted stack
# and the input is lost).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-${FUZZ_SECONDS:-20}}"
nightly="${FUZZ_NIGHTLY:-nightly}"
sanitizer="${FUZZ_SANITIZER:-address}"
all_targets=(policy policy_structured facts_json facts_yaml facts_toml scenario batch_jsonl batch_csv)
read -r -a targets <<<"${FUZZ_TARGETS:-${all_targets[*]}}"
started=$SECONDS

# The dictionaries must still list the grammar's words and the policies' names.
./dicts.sh --check

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

toolchain=()
if command -v rustup >/dev/null 2>&1 && rustup toolchain list | grep -q "^$nightly"; then
  toolchain=("+$nightly")
elif command -v rustup >/dev/null 2>&1 && mkdir -p logs &&
  rustup toolchain install "$nightly" --profile minimal >logs/rustup.log 2>&1; then
  toolchain=("+$nightly")
else
  echo "fuzz: no $nightly toolchain could be installed; building with the default toolchain and RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
fi
echo "fuzz: $(cargo "${toolchain[@]}" --version); $(cargo fuzz --version)"

./seeds.sh
# One build of every target, so that the runs below only check that it is fresh.
mkdir -p logs
if ! cargo "${toolchain[@]}" fuzz build -s "$sanitizer" >logs/build.log 2>&1; then
  tail -n 60 logs/build.log
  echo "fuzz: the fuzz targets do not build" >&2
  exit 1
fi
echo "fuzz: built in $((SECONDS - started)) s"

# The scenario target writes each input to a file of its own there.
export TMPDIR="$PWD/logs/tmp"
mkdir -p "$TMPDIR"
failed=()
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  dict=()
  [ -f "dict/$target.dict" ] && dict=("-dict=dict/$target.dict")
  log="logs/$target.log"
  touch "logs/$target.started"
  if cargo "${toolchain[@]}" fuzz run -s "$sanitizer" "$target" "corpus/$target" "seeds/$target" -- \
    "${dict[@]}" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -detect_leaks=0 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 >"$log" 2>&1; then
    runs="$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')"
    echo "fuzz: $target: no crash in $seconds s ($runs runs)"
  else
    failed+=("$target")
    echo "fuzz: $target FAILED; what went wrong (the whole log: $PWD/$log):"
    # The panic or the sanitizer's report, with the first lines after it;
    # lines are cut because libFuzzer prints the whole input on one line.
    grep -E -A8 "panicked at|ERROR: |SUMMARY: |Test unit written" "$log" | head -n 60 | cut -c1-300
    find "artifacts/$target" -type f -newer "logs/$target.started" | while read -r input; do
      echo "fuzz: crash input: $PWD/$input"
      echo "  reproduce: (cd $PWD && cargo ${toolchain[*]} fuzz run -s $sanitizer $target $input)"
    done
  fi
done

echo "fuzz: ${#targets[@]} targets in $((SECONDS - started)) s"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}; see docs/fuzzing.md for what to do with a crash" >&2
  exit 1
fi
