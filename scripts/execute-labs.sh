#!/usr/bin/env bash
# `npm run labs:execute [-- FOLDER ...]`: executes the lab notebooks in place with nbclient, each
# from its own folder, and writes them back with their outputs. This is the only way outputs get
# into the committed notebooks; `npm run test:python` re-executes copies and compares.
# Uses the same environment as scripts/test-python.sh (PYTHON_VENV, default .venv-py).
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${PYTHON_VENV:-.venv-py}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  echo "labs:execute: creating $venv with $($python --version)"
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r python/requirements.lock
exec "$venv/bin/python" labs/lab_runner.py "$@"
