#!/usr/bin/env bash
# `npm test`: test:unit, then build:test, then the browser suite (test:e2e) and the Python half
# (test:python) side by side. Exits non-zero if any of them fails.
#
# Why side by side: the Python half (pytest, one process, ~2 minutes of CPU) and the browser suite
# (two Playwright workers) are independent; both only read the built site. The Python half runs at
# a lower CPU priority (nice 10) so it takes the cycles the browser suite leaves idle instead of
# slowing it down, and its output is printed after the browser suite's so the two do not interleave.
# It starts after the build because reference/test_notebooks_served.py reads the notebooks in dist/.
# TEST_SERIAL=1 runs the four steps one after another instead.
set -uo pipefail
cd "$(dirname "$0")/.."

step() {
  echo
  echo "==> npm run $1"
  npm run --silent "$1"
}

step test:unit || exit $?
step build:test || exit $?

if [ -n "${TEST_SERIAL:-}" ]; then
  step test:e2e || exit $?
  step test:python
  exit $?
fi

log="$(mktemp "${TMPDIR:-/tmp}/mlops-booklet-test-python.XXXXXX")"
echo
echo "==> npm run test:python (in the background, at nice 10; its output follows the browser suite's)"
# scripts/test-python.sh is what `npm run test:python` runs; called directly so that the pid below is
# the script itself (it execs pytest), which the trap can stop on Ctrl-C.
nice -n 10 bash scripts/test-python.sh >"$log" 2>&1 &
python_pid=$!
trap 'kill "$python_pid" 2>/dev/null; rm -f "$log"; exit 130' INT TERM

step test:e2e
e2e=$?

wait "$python_pid"
python=$?
echo
echo "==> npm run test:python (output)"
cat "$log"
rm -f "$log"

echo
[ "$e2e" -eq 0 ] || echo "npm test: test:e2e failed (exit $e2e)" >&2
[ "$python" -eq 0 ] || echo "npm test: test:python failed (exit $python)" >&2
[ "$e2e" -eq 0 ] && [ "$python" -eq 0 ]
