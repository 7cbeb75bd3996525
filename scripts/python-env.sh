# Sourced by scripts/test-python.sh and scripts/execute-labs.sh: sets `venv` to a Python environment
# that holds exactly python/requirements.lock (hash-checked), creating it only when needed.
#
# - PYTHON_VENV=path: use (or create) that environment and install the lockfile into it, every time.
# - Otherwise: a cached environment outside the checkout, keyed by the lockfile's SHA-256 and the
#   interpreter's version, under ${XDG_CACHE_HOME:-$HOME/.cache}/mlops-booklet/. It is created
#   with `pip install --no-deps --require-hashes` and marked complete only after that install
#   succeeds; a fresh clone reuses it instead of spending a minute on the same install. A changed
#   lockfile gives a new key, so a stale environment is never used.
# PYTHON picks the interpreter (default python3). `label` names the caller in messages.

python="${PYTHON:-python3}"

# --no-deps: the lock already lists the whole closure, hashed. Without it pip 23 re-resolves the
# `pandas[parquet]` extra evidently asks for against the newest pandas and fails hash mode (pandas<3 is pinned).
install_lock() {
  "$1/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
    -r python/requirements.lock
}

lock_sha() {
  if command -v sha256sum >/dev/null; then sha256sum python/requirements.lock | cut -d' ' -f1
  else shasum -a 256 python/requirements.lock | cut -d' ' -f1; fi
}

if [ -n "${PYTHON_VENV:-}" ]; then
  venv="$PYTHON_VENV"
  if [ ! -x "$venv/bin/python" ]; then
    echo "$label: creating $venv with $($python --version)"
    "$python" -m venv "$venv"
  fi
  install_lock "$venv"
else
  py_version="$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
  key="$(lock_sha | cut -c1-16)-py$py_version"
  cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/mlops-booklet"
  venv="$cache/venv-$key"
  marker="$venv/.mlops-booklet-complete"
  mkdir -p "$cache"
  # One creator at a time: a second checkout running the suite waits for the first install.
  exec 9>"$cache/venv-$key.lock"
  if command -v flock >/dev/null; then flock 9; fi
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$(lock_sha)" ] && "$venv/bin/python" -c '' 2>/dev/null; then
    echo "$label: reusing $venv (python/requirements.lock unchanged)"
  else
    echo "$label: creating $venv with $($python --version) from python/requirements.lock"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    install_lock "$venv"
    lock_sha >"$marker"
  fi
  exec 9>&-
fi
