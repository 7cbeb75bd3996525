"""Reference suite: the TypeScript code checked against the tools practitioners use (issue 12)."""
