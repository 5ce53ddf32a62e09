#!/usr/bin/env bash
# What the report's browser test (tests/report_browser.rs) needs: Chromium
# and pdftotext (poppler-utils) from the system's packages, and the Nu Html
# Checker (vnu.jar, from the npm package vnu-jar pinned in package-lock.json,
# into tests/report/node_modules), which runs on the Java the Spark test
# needs too. Each is installed only where missing, Debian packages only as
# root; otherwise the script says what to install and the test skips, unless
# PROVISIO_REQUIRE_CHROMIUM=1 or PROVISIO_REQUIRE_VALIDATOR=1 (CI sets both)
# makes it fail.
set -euo pipefail
cd "$(dirname "$0")"

# Installs the Debian packages given when the command named first is missing.
need() {
  local command=$1
  shift
  command -v "$command" >/dev/null && return
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "note: the report's browser test needs $command; install it (apt-get install $*)" >&2
  fi
}
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
  && ! command -v google-chrome >/dev/null && [ -z "${PROVISIO_CHROMIUM:-}" ]; then
  need chromium chromium
fi
need java default-jre-headless
# pdftotext reads the printed report back.
need pdftotext poppler-utils
need npm nodejs npm

# node_modules/.package-lock.json is npm's record of what it installed; the
# copy beside it says which lock file that was. vnu-jar's own install step
# only looks for Java, which is here: --ignore-scripts skips it.
stamp=node_modules/.provisio-lock
if command -v npm >/dev/null && { ! cmp -s package-lock.json "$stamp" || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; }; then
  nice -n 10 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
