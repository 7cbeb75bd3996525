import { describe, expect, it } from 'vitest';
import { describeEvent, readEventFields, readWorkflowText } from './playground-input';

const fields = { kind: 'push' as const, branch: 'main', base: 'main', tag: 'v1.0.0', paths: '' };

describe('readEventFields', () => {
  it('reads only the fields the event uses, trimmed, with the changed files as a list', () => {
    expect(readEventFields({ ...fields, branch: ' main ', paths: 'src/a.ts\n\nb.md' })).toEqual({
      ok: true,
      event: { kind: 'push', branch: 'main', changedPaths: ['src/a.ts', 'b.md'] },
    });
    // A tag push ignores a bad branch box: that field is hidden for tags.
    expect(readEventFields({ ...fields, kind: 'tag', branch: 'a b', paths: '/x' })).toEqual({
      ok: true,
      event: { kind: 'tag', tag: 'v1.0.0' },
    });
    expect(readEventFields({ ...fields, kind: 'schedule', tag: '' })).toEqual({
      ok: true,
      event: { kind: 'schedule' },
    });
    expect(readEventFields({ ...fields, kind: 'pull_request', base: 'release/1' })).toEqual({
      ok: true,
      event: { kind: 'pull_request', baseBranch: 'release/1' },
    });
  });

  it('answers each bad field with its own sentence', () => {
    expect(
      readEventFields({ ...fields, kind: 'pull_request', base: 'a..b', paths: 'ok.ts\n/etc' }),
    ).toEqual({
      ok: false,
      errors: {
        base: 'A branch name cannot contain `..`.',
        paths:
          'Line 2: `/etc` starts with `/`; write paths relative to the repository root, such as `src/app.ts`.',
      },
    });
    expect(readEventFields({ ...fields, kind: 'tag', tag: '' })).toEqual({
      ok: false,
      errors: { tag: 'Type a tag name, such as `v1.0.0`.' },
    });
  });
});

describe('describeEvent', () => {
  it('names each kind of event in a few words', () => {
    expect(describeEvent({ kind: 'tag', tag: 'v2' })).toBe('push of the tag `v2`');
    expect(describeEvent({ kind: 'pull_request', baseBranch: 'dev' })).toBe(
      'pull request into `dev`',
    );
    expect(describeEvent({ kind: 'schedule' })).toBe('scheduled run');
  });
});

describe('readWorkflowText', () => {
  it('refuses text over the limit without parsing it, and validates the rest', () => {
    expect(readWorkflowText('#'.repeat(20_001))).toEqual({
      ok: false,
      tooLong: 'The workflow can be at most 20,000 characters here; this one has 20,001.',
    });
    const reading = readWorkflowText(
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: y\n',
    );
    expect(reading.ok && reading.validation.ok).toBe(true);
    const broken = readWorkflowText('on: [push\n');
    expect(broken.ok && broken.validation.ok).toBe(false);
  });
});
