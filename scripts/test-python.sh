#!/usr/bin/env bash
# The Python half of `npm test`: a clean virtual environment from the hashed lockfile, then pytest over the
# labs (which execute every notebook with nbclient) and the reference suite (scipy, Evidently, onnx,
# onnxruntime, pickletools, scikit-learn, schemathesis, promtool against the TypeScript code).
# PYTHON_VENV points at an existing environment to reuse (the lockfile is still installed into it).
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${PYTHON_VENV:-.venv-py}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  echo "test:python: creating $venv with $($python --version)"
  "$python" -m venv "$venv"
fi
# --no-deps: the lock already lists the whole closure, hashed. Without it pip 23 re-resolves the
# `pandas[parquet]` extra evidently asks for against the newest pandas and fails hash mode (pandas<3 is pinned).
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r python/requirements.lock

dirs=()
for d in labs reference; do [ -d "$d" ] && dirs+=("$d"); done
if [ ${#dirs[@]} -eq 0 ]; then
  echo "test:python: no labs/ or reference/ folder yet" >&2
  exit 1
fi
exec "$venv/bin/python" -m pytest -q "${dirs[@]}" "$@"
