"""Checks for lab 02's container files, with a real Dockerfile parser (dockerfile-parse).

lint(text) reports the habits chapter 2 teaches; build_context(folder) lists what a
.dockerignore lets into the build context, with Docker's matching rules.
"""

import io
import json
import re
from pathlib import Path

from dockerfile_parse import DockerfileParser

SECRET_NAME = re.compile(r"(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY)", re.IGNORECASE)


def parse(text: str) -> DockerfileParser:
    """A parser over the text. With fileobj it reads (and would write) this buffer, never a file on disk."""
    return DockerfileParser(fileobj=io.BytesIO(text.encode()))


def lint(text: str, dockerignore_exists: bool = True) -> list[tuple[int, str, str]]:
    """Findings as (1-based line, rule, message); an empty list means every check passed."""
    found = []
    parser = parse(text)
    steps = parser.structure
    base_images = iter(parser.parent_images)  # one per FROM, with ARG defaults substituted
    stage_starts = [i for i, s in enumerate(steps) if s["instruction"] == "FROM"]
    if not stage_starts:
        return [(1, "no-from", "A Dockerfile starts its build stage with FROM.")]
    stage_names = {s["value"].split()[-1].lower() for s in steps
                   if s["instruction"] == "FROM" and " as " in s["value"].lower()}
    copied_context = False
    for step in steps:
        line, kind, value = step["startline"] + 1, step["instruction"], step["value"]
        if kind == "FROM":
            image = next(base_images)
            if image.lower() not in stage_names and "@sha256:" not in image and (
                    ":" not in image.split("/")[-1] or image.endswith(":latest")):
                found.append((line, "unpinned-base-image", f"Pin {image} to a version tag or digest."))
        sources = [t for t in value.split() if not t.startswith("--")][:-1]
        if kind in ("COPY", "ADD") and ("." in sources or "./" in sources):
            copied_context = True
        if kind == "ADD" and not re.search(r"https?://|\.tar", value):
            found.append((line, "add-instead-of-copy", "Use COPY for local files; ADD also unpacks and fetches."))
        if kind == "RUN" and "pip install" in value:
            if copied_context:
                found.append((line, "copy-context-before-install",
                              "Install dependencies before copying the code, so code edits keep the cache."))
            if "--require-hashes" not in value:
                found.append((line, "pip-without-hashes", "Install from a lockfile with --require-hashes."))
        if kind == "RUN" and "apt-get install" in value:
            if "--no-install-recommends" not in value:
                found.append((line, "apt-no-install-recommends", "Add --no-install-recommends."))
            if "rm -rf /var/lib/apt/lists" not in value:
                found.append((line, "apt-lists-not-removed", "Remove /var/lib/apt/lists in the same RUN."))
        if kind in ("ENV", "ARG") and SECRET_NAME.search(value):
            found.append((line, "secret-in-env-or-arg", "Secrets in ENV or ARG stay in the image; mount them."))
    final = steps[stage_starts[-1]:]
    users = [s["value"].strip() for s in final if s["instruction"] == "USER"]
    if not users or users[-1].split(":")[0] in ("root", "0"):
        found.append((len(text.splitlines()), "runs-as-root", "The final stage should switch to a non-root USER."))
    if not any(s["instruction"] == "HEALTHCHECK" for s in final):
        found.append((len(text.splitlines()), "missing-healthcheck", "Add a HEALTHCHECK."))
    cmd = [s for s in final if s["instruction"] == "CMD"]
    if cmd:
        line, value = cmd[-1]["startline"] + 1, cmd[-1]["value"]
        if not value.lstrip().startswith("["):
            found.append((line, "shell-form-cmd", "Use the JSON form, so the server is PID 1 and gets SIGTERM."))
        elif "0.0.0.0" not in json.loads(value):
            found.append((line, "listens-on-loopback", "Bind 0.0.0.0: 127.0.0.1 is unreachable from outside."))
    if not dockerignore_exists:
        found.append((1, "missing-dockerignore", "Add a .dockerignore, or the whole folder is sent."))
    return sorted(found)


def ignore_rules(text: str) -> list[tuple[bool, re.Pattern]]:
    """.dockerignore lines as (is_exception, regex). `*` and `?` stay within one path segment,
    `**` spans any number of them; paths are relative to the context, without a leading slash."""
    rules = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        pattern = line[1:].strip() if exception else line
        pattern = re.sub(r"/+", "/", pattern).strip("/")
        regex = ""
        for token in re.split(r"(\*\*/?|\*|\?)", pattern):
            if token.startswith("**"):
                regex += "(.*/)?" if token.endswith("/") else ".*"
            elif token == "*":
                regex += "[^/]*"
            elif token == "?":
                regex += "[^/]"
            else:
                regex += re.escape(token)
        rules.append((exception, re.compile(regex + "$")))
    return rules


def is_excluded(path: str, rules) -> bool:
    """Docker's rule: the last matching line wins; a pattern matching a folder matches what is in it."""
    parts = path.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for exception, regex in rules:
        if any(regex.match(candidate) for candidate in candidates):
            excluded = not exception
    return excluded


def build_context(folder: str = ".") -> list[str]:
    """Files the build context keeps, relative to `folder`, sorted."""
    root = Path(folder)
    ignore = root / ".dockerignore"
    rules = ignore_rules(ignore.read_text()) if ignore.exists() else []
    files = (p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return sorted(f for f in files if not is_excluded(f, rules))
