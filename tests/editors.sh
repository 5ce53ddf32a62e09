#!/usr/bin/env bash
# The editor support's tests (editors/): the VS Code extension's TextMate
# grammar against annotated policy snippets (vscode-tmgrammar-test), the
# grammar over every policy in rules/ (no character left unscoped, nothing
# taken for invalid), the client and language configuration under node's
# test runner, and the Neovim files in a headless Neovim. The npm dev
# dependencies are installed with `npm ci` when the lock file changes, so a
# second run needs no registry. Node.js, npm and Neovim are installed with
# apt-get where they are missing and the script runs as root. Exits
# non-zero if any step fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs the Debian packages given when the command named first is missing.
need() {
  local command=$1
  shift
  command -v "$command" >/dev/null && return
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "error: the editor tests need $command; install it (apt-get install $*)" >&2
    exit 1
  fi
}
need npm nodejs npm
need nvim neovim

echo "neovim: filetype, ftplugin and syntax on the bundled policies"
timeout 300 nvim --headless -u NONE -i NONE --cmd 'set rtp^=editors/neovim' \
  -c 'filetype plugin on' -c 'syntax on' -c 'luafile editors/neovim/tests/syntax.lua'

cd editors/vscode

# node_modules/.package-lock.json is npm's record of what it installed; the
# copy beside it says which lock file that was.
stamp=node_modules/.provisio-lock
if ! cmp -s package-lock.json "$stamp" || [ ! -f node_modules/.package-lock.json ]; then
  nice -n 10 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# A malformed assertion line can make vscode-tmgrammar-test backtrack for
# minutes: bound each step.
echo "grammar: annotated snippets (tests/grammar)"
timeout 300 node_modules/.bin/vscode-tmgrammar-test --compact 'tests/grammar/*.policy'
echo "grammar: every policy in rules/"
timeout 300 node tests/coverage.js
echo "client and language configuration"
timeout 300 node --test tests/client.test.js tests/language-configuration.test.js
