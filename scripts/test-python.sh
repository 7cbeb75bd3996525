#!/usr/bin/env bash
# The Python half of `npm test`: a virtual environment built from the hashed lockfile, then pytest
# over the labs (which execute every notebook with nbclient) and the reference suite (scipy,
# Evidently, onnx, onnxruntime, pickletools, scikit-learn, schemathesis, promtool against the
# TypeScript code).
# The environment comes from scripts/python-env.sh: a cached one keyed by the lockfile's hash, or
# PYTHON_VENV (the lockfile is then installed into it on every run).
set -euo pipefail
cd "$(dirname "$0")/.."

label=test:python
# shellcheck source=scripts/python-env.sh
source scripts/python-env.sh

dirs=()
for d in labs reference; do [ -d "$d" ] && dirs+=("$d"); done
if [ ${#dirs[@]} -eq 0 ]; then
  echo "test:python: no labs/ or reference/ folder yet" >&2
  exit 1
fi
exec "$venv/bin/python" -m pytest -q "${dirs[@]}" "$@"
