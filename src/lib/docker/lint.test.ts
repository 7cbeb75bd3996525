import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINT_RULES, lintDockerfile, parseImageReference } from './lint';
import type { LintOptions, LintRuleId } from './lint';
import { parseDockerfile } from './parse';

const REAL_DOCKERFILE = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8');
const BOOKLET_DOCKERFILE = readFileSync(
  new URL('../../../docker/booklet.Dockerfile', import.meta.url),
  'utf8',
);

function findings(text: string, options: LintOptions = {}): [LintRuleId, number][] {
  return lintDockerfile(parseDockerfile(text), options).map((finding) => [
    finding.rule,
    finding.line,
  ]);
}

/** Findings of one rule only, so each example can keep the other rules quiet or not. */
function lines(rule: LintRuleId, text: string, options: LintOptions = {}): number[] {
  return findings(text, options)
    .filter(([id]) => id === rule)
    .map(([, line]) => line);
}

/** Each example: a Dockerfile, the lines `rule` flags in it, and the lint options if any. */
type Example = [text: string, expected: number[], options?: LintOptions];

function expectLines(rule: LintRuleId, examples: Example[]): void {
  for (const [text, expected, options] of examples)
    expect(lines(rule, text, options), text).toEqual(expected);
}

// A Dockerfile every rule is happy with, to which each example adds one mistake.
const CLEAN = [
  'FROM node:22.12.0-bookworm-slim',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  'COPY . .',
  'USER node',
  'CMD ["node", "server.js"]',
];

describe('lintDockerfile', () => {
  it('is silent on a clean file', () => {
    expect(findings(CLEAN.join('\n'))).toEqual([]);
  });

  it('flags a base image without a tag or with :latest, but not stages, digests or scratch', () => {
    expectLines('unpinned-base-image', [
      ['FROM node\nUSER node', [1]],
      ['FROM node:latest\nUSER node', [1]],
      ['FROM registry.example.com:5000/team/node\nUSER node', [1]],
      ['FROM node:22.12.0 AS deps\nFROM deps AS build\nFROM scratch\nUSER 1000', []],
      ['FROM node@sha256:0123456789abcdef\nUSER node', []],
      ['FROM registry.example.com:5000/team/node:22.12.0\nUSER node', []],
    ]);
  });

  it('resolves ARG defaults and build args in FROM', () => {
    expectLines('unpinned-base-image', [
      ['ARG IMAGE=node\nFROM ${IMAGE}\nUSER node', [2]],
      ['ARG IMAGE=node:22.12.0\nFROM ${IMAGE}\nUSER node', []],
      [
        'ARG IMAGE=node:22.12.0\nFROM ${IMAGE}\nUSER node',
        [2],
        { buildArgs: { IMAGE: 'node:latest' } },
      ],
      ['ARG IMAGE\nFROM ${IMAGE}\nUSER node', [2]],
    ]);
  });

  it('flags copying the whole context before a dependency install, on the COPY line', () => {
    expectLines('copy-context-before-install', [
      ['FROM node:22.12.0\nCOPY . .\nRUN npm ci\nUSER node', [2]],
      ['FROM python:3.12.4\nADD ./ /app\nRUN pip install -r /app/requirements.txt\nUSER 1000', [2]],
      ['FROM node:22.12.0\nCOPY ["./", "/app"]\nRUN yarn\nUSER node', [2]],
      // The install inherits the COPY when a stage starts from the stage that copied everything.
      ['FROM node:22.12.0 AS src\nCOPY . .\nFROM src\nRUN pnpm install\nUSER node', [2]],
      [CLEAN.join('\n'), []],
      ['FROM node:22.12.0\nCOPY src/ ./src/\nRUN npm ci\nUSER node', []],
    ]);
  });

  it('flags apt-get install without --no-install-recommends and without list cleanup in the same RUN', () => {
    const bad = 'FROM debian:12.6\nRUN apt-get update && apt-get install -y curl\nUSER nobody';
    expect(lines('apt-no-install-recommends', bad)).toEqual([2]);
    expect(lines('apt-lists-not-removed', bad)).toEqual([2]);
    // Deleting the lists in a later RUN does not shrink the earlier layer, so it still counts.
    const later =
      'FROM debian:12.6\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\nUSER nobody';
    expect(lines('apt-no-install-recommends', later)).toEqual([]);
    expect(lines('apt-lists-not-removed', later)).toEqual([2]);
    const good =
      'FROM debian:12.6\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\nUSER nobody';
    expect(findings(good)).toEqual([]);
    const heredoc =
      'FROM debian:12.6\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nUSER nobody';
    expect(lines('apt-no-install-recommends', heredoc)).toEqual([2]);
  });

  it('flags apt-get update in a RUN of its own, whose cached lists go stale', () => {
    const split =
      'FROM debian:12.6\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody';
    expect(lines('apt-update-alone', split)).toEqual([2]);
    expect(
      lines('apt-update-alone', 'FROM debian:12.6\nRUN apt-get -q update\nUSER nobody'),
    ).toEqual([2]);
    const chained =
      'FROM debian:12.6\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody';
    expect(findings(chained)).toEqual([]);
    // An upgrade in the same RUN uses the fresh lists too.
    expect(
      lines(
        'apt-update-alone',
        'FROM debian:12.6\nRUN apt-get update && apt-get upgrade -y\nUSER nobody',
      ),
    ).toEqual([]);
  });

  it('flags a final stage that runs as root', () => {
    expectLines('runs-as-root', [
      ['FROM node:22.12.0\nCMD ["node"]', [1]],
      ['FROM node:22.12.0\nUSER node\nRUN id\nUSER root\nCMD ["node"]', [4]],
      ['FROM node:22.12.0\nUSER 0:0', [2]],
      // Only the final stage matters; a USER inherited from its base stage counts.
      ['FROM node:22.12.0 AS base\nUSER node\nFROM base\nCMD ["node"]', []],
      ['FROM node:22.12.0 AS build\nRUN make\nFROM node:22.12.0\nUSER node', []],
    ]);
  });

  it('flags ADD of plain local files, not URLs or archives', () => {
    expectLines('add-instead-of-copy', [
      ['FROM alpine:3.20\nADD app.js /app/\nUSER nobody', [2]],
      [
        'FROM alpine:3.20\nADD https://example.com/a.tgz /tmp/\nADD rootfs.tar.gz /\nADD git@github.com:a/b.git /src\nUSER nobody',
        [],
      ],
    ]);
  });

  it('flags secrets in ENV values and in ARG names', () => {
    expectLines('secret-in-env-or-arg', [
      [
        'FROM alpine:3.20\nENV API_KEY=abc123 NODE_ENV=production\nARG NPM_TOKEN\nENV DB_PASSWORD=""\nUSER nobody',
        [2, 3],
      ],
      ['ARG GITHUB_TOKEN=x\nFROM alpine:3.20\nUSER nobody', [1]],
      ['FROM alpine:3.20\nENV PORT=8000 HOST=0.0.0.0\nUSER nobody', []],
    ]);
  });

  it('flags a large context without .dockerignore, given context facts', () => {
    const text = CLEAN.join('\n');
    const big = { fileCount: 25_000, totalBytes: 600 * 1024 * 1024, hasDockerignore: false };
    expectLines('missing-dockerignore', [
      [text, [3], { context: big }],
      [text, [], { context: { ...big, hasDockerignore: true } }],
      [text, [], { context: { fileCount: 20, totalBytes: 40_000, hasDockerignore: false } }],
      [text, []],
    ]);
  });

  it('flags a service that exposes a port without a HEALTHCHECK, at the EXPOSE line', () => {
    expectLines('missing-healthcheck', [
      ['FROM node:22.12.0\nUSER node\nEXPOSE 8000\nCMD ["node"]', [3]],
      ['FROM node:22.12.0\nUSER node\nEXPOSE 8000\nHEALTHCHECK CMD ["true"]', []],
      ['FROM node:22.12.0\nUSER node\nCMD ["node", "job.js"]', []],
    ]);
  });

  it('gives every finding its rule text, severity and a fix', () => {
    const [first] = lintDockerfile(parseDockerfile('FROM node\nUSER node'));
    const rule = LINT_RULES.find((candidate) => candidate.id === 'unpinned-base-image');
    expect(first?.severity).toBe(rule?.severity);
    expect(first?.explanation).toBe(rule?.explanation);
    expect(first?.message).toBe('FROM node has no tag, so Docker pulls node:latest.');
    expect(first?.fix).toMatch(/^Pin an exact version/);
  });

  it('is silent on the repository Dockerfile', () => {
    const parsed = parseDockerfile(REAL_DOCKERFILE);
    expect(parsed.errors).toEqual([]);
    expect(
      lintDockerfile(parsed, {
        context: { fileCount: 2_700, totalBytes: 600 * 1024 * 1024, hasDockerignore: true },
      }),
    ).toEqual([]);
  });

  it('is silent on the booklet image Dockerfile', () => {
    const parsed = parseDockerfile(BOOKLET_DOCKERFILE);
    expect(parsed.errors).toEqual([]);
    expect(parsed.stages.map((stage) => stage.name)).toEqual(['deps', 'build', 'site']);
    expect(
      lintDockerfile(parsed, {
        context: { fileCount: 2_700, totalBytes: 600 * 1024 * 1024, hasDockerignore: true },
      }),
    ).toEqual([]);
  });
});

describe('parseImageReference', () => {
  it('separates registry ports from tags and digests', () => {
    expect(parseImageReference('node')).toEqual({ name: 'node', tag: null, digest: null });
    expect(parseImageReference('localhost:5000/node')).toEqual({
      name: 'localhost:5000/node',
      tag: null,
      digest: null,
    });
    expect(parseImageReference('localhost:5000/node:22@sha256:ab')).toEqual({
      name: 'localhost:5000/node',
      tag: '22',
      digest: 'sha256:ab',
    });
  });
});
