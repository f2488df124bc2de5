#!/usr/bin/env bash
# Run the whole test suite: lint, the migration check, then pytest (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

# Browser tests drive Debian's Chromium; install it when missing and we are allowed to.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "chromium could not be installed; browser tests will fail."
  fi
fi

$BIN/ruff check --quiet .
$BIN/xieshang makemigrations --check --dry-run -v0 >/dev/null || {
  echo "Model changes without a migration: run 'xieshang makemigrations'."; exit 1; }

# The suite runs on every core (pytest-xdist, one database per worker); PYTEST_WORKERS=0 runs
# it in one process, for example to debug a failure that depends on test order.
set +e
$BIN/pytest -n "${PYTEST_WORKERS:-auto}" "$@"
code=$?
set -e
# pytest exits 5 when it collected nothing: that is a failure here too.
if [ "$code" = "5" ]; then echo "pytest collected no tests"; exit 1; fi
exit "$code"
