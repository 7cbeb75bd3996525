"""Post-deploy smoke test: is the new deployment ready, serving the expected model, and right
about one bird whose species is known? Standard library only, so the deploy job needs no install.

    python smoke_test.py --url https://staging.example.com --expect-version "$GITHUB_SHA" \
        --expect-id "sha256:$MODEL_SHA256"

Exit status 0 when all checks pass, 1 otherwise. It retries /readyz for a while, because a fresh
deployment needs a moment to load its model.
"""

import argparse
import json
import time
import urllib.error
import urllib.request

# A Gentoo from the Palmer data (Biscoe island): every reasonable penguin model gets it right.
KNOWN_BIRD = {
    "beak_length_mm": 46.1,
    "beak_depth_mm": 13.2,
    "flipper_length_mm": 211,
    "body_mass_g": 4500,
}
KNOWN_SPECIES = "Gentoo"


def call(url: str, body: dict | None = None, timeout: float = 5, headers: dict | None = None):
    """Status code and JSON body of a GET (or a POST when `body` is given); the response headers
    land in `headers` when a dict is passed."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if headers is not None:
                headers.update({k.lower(): v for k, v in response.headers.items()})
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def wait_until_ready(base: str, attempts: int, delay: float) -> tuple[int, dict]:
    """Polls /readyz until it answers 200 or the attempts run out."""
    status, body = 0, {}
    for attempt in range(attempts):
        try:
            status, body = call(f"{base}/readyz")
        except (urllib.error.URLError, OSError, ValueError) as error:
            status, body = 0, {"error": str(error)}
        if status == 200:
            break
        if attempt + 1 < attempts:
            time.sleep(delay)
    return status, body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="base URL of the deployment")
    parser.add_argument("--expect-version", help="model_version /readyz must report")
    parser.add_argument(
        "--expect-id", help="model_id /readyz and x-model-id must report (sha256:<hex>)"
    )
    parser.add_argument("--attempts", type=int, default=10)
    parser.add_argument("--delay", type=float, default=3.0)
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")

    status, body = wait_until_ready(base, args.attempts, args.delay)
    if status != 200:
        print(f"smoke: FAIL /readyz answered {status}: {body}")
        return 1
    if args.expect_version is not None and body.get("model_version") != args.expect_version:
        print(
            f"smoke: FAIL /readyz serves model_version {body.get('model_version')}, "
            f"expected {args.expect_version}"
        )
        return 1
    if args.expect_id is not None and body.get("model_id") != args.expect_id:
        print(
            f"smoke: FAIL /readyz serves model_id {body.get('model_id')}, expected {args.expect_id}"
        )
        return 1
    print(
        f"smoke: ok   /readyz 200, model_version {body.get('model_version')}, "
        f"model_id {body.get('model_id')}"
    )
    headers: dict = {}
    status, body = call(f"{base}/v1/predict", {"instances": [KNOWN_BIRD]}, headers=headers)
    served_by = headers.get("x-model-id")
    if status == 200 and args.expect_id is not None and served_by != args.expect_id:
        print(f"smoke: FAIL the prediction came from {served_by}, expected {args.expect_id}")
        return 1
    labels = [p.get("label") for p in body.get("predictions", [])] if status == 200 else []
    if labels != [KNOWN_SPECIES]:
        print(f"smoke: FAIL /v1/predict answered {status} {labels}, expected [{KNOWN_SPECIES}]")
        return 1
    print(f"smoke: ok   /v1/predict says {KNOWN_SPECIES} for the known Gentoo")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
