#!/usr/bin/env bash
# Every test: the Rust tests (`cargo test`, with this script's arguments,
# such as --locked; Chromium and the Nu Html Checker installed first for the
# report's browser test), then the Python package's (pytest python/tests) with
# the extension built into a virtual environment at target/python-venv,
# created on the first run and reused after, then the editor support's
# (tests/editors.sh). Exits non-zero if any step fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium and the Nu Html Checker for the report's browser test, where
# missing (tests/report/install.sh).
bash tests/report/install.sh

cargo test "$@"

venv=target/python-venv
requirements=python/requirements-test.txt
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
  rm -rf "$venv"
  # Without ensurepip (Debian's python3 without python3-venv), a venv
  # without pip, with pip brought in by get-pip's registry package.
  if ! "$python" -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    "$python" -m venv --without-pip "$venv"
    "$python" -m pip --python "$venv/bin/python" install --quiet pip 2>/dev/null \
      || { echo "error: cannot create a virtual environment with pip; install python3-venv" >&2; exit 1; }
  fi
fi
# The requirements are installed again only when they change.
stamp="$venv/.requirements"
if ! cmp -s "$requirements" "$stamp"; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi

# The extension, debug profile, into the venv (an editable install).
locked=()
for arg in "$@"; do
  case "$arg" in --locked | --frozen | --offline) locked+=("$arg") ;; esac
done
(cd python && VIRTUAL_ENV="$PWD/../$venv" PATH="$PWD/../$venv/bin:$PATH" \
  maturin develop --quiet "${locked[@]}")

"$venv/bin/python" -m pytest -q python/tests

# The editor support (editors/): the VS Code grammar and client, and the
# Neovim files.
bash tests/editors.sh
