#!/usr/bin/env bash
# `npm run labs:execute [-- FOLDER ...]`: executes the lab notebooks in place with nbclient, each
# from its own folder, and writes them back with their outputs. This is the only way outputs get
# into the committed notebooks; `npm run test:python` re-executes copies and compares.
# Uses the same environment as scripts/test-python.sh (scripts/python-env.sh: PYTHON_VENV, or a
# cached environment keyed by python/requirements.lock's hash).
set -euo pipefail
cd "$(dirname "$0")/.."

label=labs:execute
# shellcheck source=scripts/python-env.sh
source scripts/python-env.sh
exec "$venv/bin/python" labs/lab_runner.py "$@"
